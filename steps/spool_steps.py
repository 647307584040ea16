"""Steps that give a scenario its spool, in the state it needs (see zeues_acceptance/needs.py)."""

from behave import given

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.shop import WorkerNotListed
from zeues_acceptance.spools import SpoolUnavailable

READY_FOR = {"ARM": "ready for ARM", "SOLD": "ARM complete"}


def provide(context, need: str, worker_id: int | None = None) -> None:
    """The spool for the scenario, or the scenario skipped with the reason there is none."""
    try:
        context.floor.provide(need, worker_id)
    except (SpoolUnavailable, WorkerNotListed) as reason:
        skip_scenario(context.scenario, str(reason))


@given("a spool nobody has worked on")
def step_untouched_spool(context):
    provide(context, "untouched")


@given("a spool ready for {operacion:Operation} by worker {worker_id:d}")
def step_spool_ready_for(context, operacion, worker_id):
    provide(context, READY_FOR[operacion], worker_id)


@given("a spool with ARM complete")
def step_spool_with_arm_complete(context):
    provide(context, "ARM complete")


@given("a spool with ARM and SOLD complete")
def step_spool_ready_for_inspection(context):
    provide(context, "ARM and SOLD complete")


@given("a spool already inspected")
def step_spool_inspected(context):
    provide(context, "inspected")


@given("a spool without materials")
def step_spool_without_materials(context):
    provide(context, "without materials")


@given("a spool nobody has heard of")
def step_unknown_spool(context):
    context.floor.unknown()
