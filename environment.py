"""behave hooks: pick the target, learn what it serves, read Redis before each scenario, give
each scenario its floor and free its spools, and keep the run's record for the verdict."""

from datetime import datetime, timezone

from behave.fixture import fixture, use_fixture

from zeues_acceptance.allure_support import ExchangeAttacher, label_rules, skip_scenario
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.floor import Floor
from zeues_acceptance.judge import Situation
from zeues_acceptance.run_checks import (
    INFORMATIONAL, RedisWatch, has_test_support, read_redis, serves_zeues_v3, worker_names,
)
from zeues_acceptance.run_record import begin_run, write_run_record
from zeues_acceptance.shop import Shop
from zeues_acceptance.spool_state import read_spool
from zeues_acceptance.spools import SpoolProvider
from zeues_acceptance.target import (
    Target, allowed, auth_headers, configured_base_url, designated_spools, unknown_settings,
)


@fixture
def embedded_standin(context):
    """The local stand-in with its own Redis, for the whole run."""
    from standin.runner import running_standin

    with running_standin(testing=True) as running:
        yield running


@fixture
def chosen_target(context):
    """The deployment under test: -D base_url / ZEUES_BASE_URL, else the embedded stand-in."""
    userdata = context.config.userdata
    base_url = configured_base_url(userdata)
    embedded = None if base_url else use_fixture(embedded_standin, context)
    context.target = Target(base_url or embedded.base_url, embedded=embedded,
                            designated_spools=designated_spools(userdata),
                            allow_irreversible=allowed(userdata, "allow_irreversible"),
                            allow_disruptive=allowed(userdata, "allow_disruptive"))
    context.attacher = ExchangeAttacher()
    headers = auth_headers(userdata)
    context.new_client = lambda on_exchange=None: ZeuesClient(
        context.target.base_url, headers=headers, on_exchange=on_exchange or context.attacher,
        subscribe_grace=context.target.stream_grace)
    context.client = context.new_client()
    yield context.target
    context.client.close()


def before_all(context):
    problem = unknown_settings(context.config.userdata)
    if problem:
        context.abort(reason=problem)  # behave would silently ignore the key
        return
    begin_run(context.config)
    context.started_at = _now()
    target = use_fixture(chosen_target, context)
    target.serves_v3, target.not_v3_reason = serves_zeues_v3(context.client)
    target.test_support = target.serves_v3 and has_test_support(
        context.client, f"ACC-{target.run_id}-probe")
    context.client.subscribe_grace = target.stream_grace
    context.redis_watch = RedisWatch(read_redis(context.client))
    context.shop = Shop(context.client, worker_names(context.client))
    context.spools = SpoolProvider(context.client, target.run_id, target.test_support,
                                   target.designated_spools, target.allow_irreversible)
    write_run_record(context.config, _record(context))


def before_scenario(context, scenario):
    context.attacher.in_scenario = True
    tags = scenario.effective_tags
    label_rules(tags)
    reason = context.target.skip_reason(tags) or context.shop.unlisted_worker(
        step.name for step in scenario.steps)
    if reason is None:
        reading = read_redis(context.client)
        context.redis_watch.scenario_starts(scenario.name, reading)
        reason = context.redis_watch.blocked_reason(tags, reading)
    if reason:
        skip_scenario(scenario, reason)
        return
    situation = Situation(redis_at_start=reading,
                          read_back=lambda tag: read_spool(context.client, tag))
    context.floor = Floor(context.shop, context.spools, situation, context.add_cleanup)
    situation.probe_lock = context.floor.probe_lock


def after_scenario(context, scenario):
    context.attacher.in_scenario = False
    floor = getattr(context, "floor", None)
    if floor is not None:
        for tag, until in floor.situation.locks_left.items():
            context.spools.lock_left(tag, until)
        context.floor = None


def after_all(context):
    if context.aborted:
        return
    write_run_record(context.config, _record(context, finished=True))


def _record(context, finished: bool = False) -> dict:
    target = context.target
    return {
        "target": target.description,
        "base_url": target.base_url,
        "api_version": _api_version(context.client) if target.serves_v3 else "not ZEUES v3",
        "started_at": context.started_at,
        "finished_at": _now() if finished else None,
        "tags": " ".join(str(tag) for tag in (context.config.tags or [])) or "default",
        "redis_at_start": ("healthy" if context.redis_watch.at_run_start.healthy
                           else f"unhealthy: {context.redis_watch.at_run_start.text}"),
        "serves_v3": target.serves_v3,
        "test_support": target.test_support,
        "spools": [{"tag": tag, "state": touched.state,
                    "lock_left_until": touched.lock_until.isoformat() if touched.lock_until else None}
                   for tag, touched in sorted(context.spools.touched.items())
                   if _worth_listing(target, touched)],
    }


def _worth_listing(target: Target, touched) -> bool:
    """Every spool touched on a target without test support; elsewhere the suite made its
    spools for the run, so only one left held or locked is worth a line."""
    if not target.test_support:
        return True
    return bool(touched.lock_until) or not touched.state.startswith(("free", "created"))


def _api_version(client: ZeuesClient) -> str:
    try:
        response = client.health()
    except INFORMATIONAL:  # informational only: the scenarios judge the health
        return "unknown (health unreadable)"
    return response.body.get("version", "unknown") if response.status == 200 else "unknown"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

