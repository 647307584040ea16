"""behave hooks: pick the target, pre-check Redis, give each scenario its spools and clean up."""

from behave.fixture import fixture, use_fixture

from zeues_acceptance.actions import Shop
from zeues_acceptance.allure_support import ExchangeAttacher, skip_scenario, write_run_environment
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.run_setup import (
    redis_precheck, report_touched_spools, run_properties, skip_reason,
    worker_names,
)
from zeues_acceptance.spools import SpoolProvider
from zeues_acceptance.target import (
    Target, auth_headers, configured_base_url, designated_spools, load_allowed,
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
                            allow_load=load_allowed(userdata))
    context.attacher = ExchangeAttacher()
    headers = auth_headers(userdata)
    context.new_client = lambda on_exchange=None: ZeuesClient(
        context.target.base_url, headers=headers, on_exchange=on_exchange or context.attacher)
    context.client = context.new_client()
    yield context.target
    context.client.close()


def before_all(context):
    target = use_fixture(chosen_target, context)
    context.spools = SpoolProvider(context.client, None, target.designated_spools, target.run_id)
    target.test_support = context.spools.detect_test_support()
    context.redis_at_start = redis_precheck(context.client)
    context.shop = Shop(context.client, worker_names(context.client))
    write_run_environment(context.config, _properties(context))


def before_scenario(context, scenario):
    context.attacher.in_scenario = True
    reason = skip_reason(context.target, scenario.effective_tags)
    if reason:
        skip_scenario(scenario, reason)


def after_scenario(context, scenario):
    context.attacher.in_scenario = False


def after_all(context):
    report_touched_spools(context.spools.touched)
    write_run_environment(context.config, _properties(context))


def _properties(context) -> dict:
    return run_properties(context.client, context.target, context.redis_at_start,
                          context.spools.touched)
