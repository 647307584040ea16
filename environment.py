"""behave hooks: pick the target, pre-check Redis, give each scenario its spools and clean up."""

import sys

from behave.fixture import fixture, use_fixture

from zeues_acceptance.allure_support import ExchangeAttacher, write_run_environment
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem
from zeues_acceptance.spools import SpoolProvider
from zeues_acceptance.target import (
    Target, configured_base_url, designated_spools, load_allowed,
)


@fixture
def embedded_standin(context):
    """The local stand-in with its own Redis, for the whole run."""
    from standin.runner import running_standin

    with running_standin(testing=True) as running:
        yield running


def before_all(context):
    userdata = context.config.userdata
    base_url = configured_base_url(userdata)
    embedded = None if base_url else use_fixture(embedded_standin, context)
    context.target = Target(base_url or embedded.base_url, embedded=embedded,
                            designated_spools=designated_spools(userdata),
                            allow_load=load_allowed(userdata))
    context.attacher = ExchangeAttacher()
    context.new_client = lambda: ZeuesClient(context.target.base_url, on_exchange=context.attacher)
    context.client = context.new_client()
    context.target.test_support = detects_test_support(context.client, context.target.run_id)
    context.spools = SpoolProvider(context.client, context.target.test_support,
                                   context.target.designated_spools, context.target.run_id)
    context.redis_at_start = redis_precheck(context.client)
    context.worker_names = worker_names(context.client)
    write_run_environment(context.config, run_properties(context))


def before_scenario(context, scenario):
    context.attacher.in_scenario = True
    reason = skip_reason(context, scenario.effective_tags)
    if reason:
        scenario.skip(reason)


def after_scenario(context, scenario):
    context.attacher.in_scenario = False


def after_all(context):
    touched = context.spools.touched
    if touched:
        print("\nSpools this run touched, and the state it left them in:", file=sys.stderr)
        for tag, state in sorted(touched.items()):
            print(f"  {tag}: {state}", file=sys.stderr)
    write_run_environment(context.config, run_properties(context))


def skip_reason(context, tags) -> str | None:
    target = context.target
    if "local-only" in tags and not target.controls_standin:
        return "needs control of the embedded stand-in (its Redis); the target is " + target.base_url
    if "writes" in tags and not (target.test_support or target.designated_spools):
        return ("the target cannot create spools and no designated test spools were given "
                "(-D test_spools=TEST-02,...)")
    if "load" in tags and not (target.test_support and (target.controls_standin or target.allow_load)):
        return "load runs only against a target with test support, elsewhere only with -D allow_load=yes"
    return None


def detects_test_support(client: ZeuesClient, run_id: str) -> bool:
    """True when the target serves the contract's test-support endpoint (never production)."""
    return client.create_test_spool(f"ACC-{run_id}-probe").status == 201


def redis_precheck(client: ZeuesClient) -> str:
    """The seed's pre-check: read redis-health, say what it found, never block the run."""
    try:
        response = client.redis_health()
    except EnvironmentProblem as problem:
        status = f"unknown ({problem})"
    else:
        status = response.body.get("status", "unknown") if isinstance(response.body, dict) else "unknown"
        if status != "healthy":
            status = f"{status}: {response.body.get('error', '') if isinstance(response.body, dict) else ''}"
    marker = "ok" if status == "healthy" else "WARNING"
    print(f"Redis pre-check [{marker}]: {status}", file=sys.stderr)
    if marker != "ok":
        print("  Occupation scenarios (TOMAR/PAUSAR/COMPLETAR) will fail as Environment.",
              file=sys.stderr)
    return status


def worker_names(client: ZeuesClient) -> dict[int, str]:
    try:
        response = client.workers()
    except EnvironmentProblem:
        return {}
    if response.status != 200:
        return {}
    return {worker["id"]: worker["nombre_completo"] for worker in response.body["workers"]}


def run_properties(context) -> dict:
    target = context.target
    properties = {
        "target": target.description,
        "target.url": target.base_url,
        "api.version": api_version(context.client),
        "redis.at_start": context.redis_at_start,
        "test_support": "yes" if target.test_support else "no",
        "run.id": target.run_id,
    }
    try:
        stats = context.client.connection_stats()
        if stats.status == 200:
            properties.update({f"pool.{key}": value for key, value in stats.body.items()})
    except EnvironmentProblem:
        pass
    if context.spools.touched:
        properties["spools.touched"] = "; ".join(
            f"{tag}: {state}" for tag, state in sorted(context.spools.touched.items()))
    return properties


def api_version(client: ZeuesClient) -> str:
    try:
        response = client.health()
    except EnvironmentProblem:
        return "unknown (unreachable)"
    return response.body.get("version", "unknown") if response.status == 200 else "unknown"
