"""Steps for the METROLOGIA verdict (POST /api/metrologia/completar), recorded in one call."""

from behave import given, then, when

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.spool_state import METROLOGIA, read_listing


@given("worker {worker_id:d} is not an active worker")
def step_worker_not_active(context, worker_id):
    if worker_id in context.floor.shop.names:
        skip_scenario(context.scenario, f"worker {worker_id} is an active worker on this target")


@when("worker {worker_id:d} records the verdict {verdict:Verdict}")
def step_worker_records_verdict(context, worker_id, verdict):
    context.floor.record_verdict(worker_id, verdict)


@when("worker {worker_id:d} records a verdict called {verdict:Word}")
def step_worker_records_unknown_verdict(context, worker_id, verdict):
    floor = context.floor
    body = {"tag_spool": floor.spool, "worker_id": worker_id, "resultado": verdict}
    floor.deliberately_invalid("record_verdict", body,
                               floor.shop.verdict_action(floor.spool, worker_id, verdict))


@then("the verdict {verdict:Verdict} is recorded")
def step_verdict_recorded(context, verdict):
    response = context.floor.succeeded()
    if response.body["resultado"] != verdict:
        raise ProductDefect(f"{context.floor.action} answered the verdict "
                            f"{response.body['resultado']}")
    view = context.floor.view()
    context.floor.shows(bool(view.date(METROLOGIA)), "an inspection date", view)


@then("the spool is no longer waiting for inspection")
def step_not_waiting_for_inspection(context):
    floor = context.floor
    listing = read_listing(floor.shop.client.spools_to_start(METROLOGIA), "the spools to inspect")
    waiting = [spool["tag_spool"] for spool in listing.body["spools"]]
    context.floor.shows(floor.spool not in waiting, "no longer among the spools to inspect",
                floor.view())


@then("the spool is not inspected")
def step_not_inspected(context):
    view = context.floor.view()
    context.floor.shows(not view.date(METROLOGIA), "no inspection date", view)
