"""Steps for taking, pausing and completing spools (TOMAR / PAUSAR / COMPLETAR), and what the
spool shows afterwards through the real reads."""

from behave import given, then, when

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.judge import expect_refusal
from zeues_acceptance.refusals import REFUSALS
from zeues_acceptance.shop import at_the_same_moment, today
from zeues_acceptance.spool_state import COMPLETE
from zeues_acceptance.spools import SpoolUnavailable

# -- Given: actions that must succeed ---------------------------------------------------------

@given("worker {worker_id:d} has taken the spool for {operacion:Operation}")
def step_worker_has_taken(context, worker_id, operacion):
    try:
        context.floor.take(worker_id, operacion, given=True)
    except SpoolUnavailable as reason:
        skip_scenario(context.scenario, str(reason))


@given("worker {worker_id:d} has paused {operacion:Operation}")
def step_worker_has_paused(context, worker_id, operacion):
    context.floor.pause(worker_id, operacion, given=True)


@given("worker {worker_id:d} has completed {operacion:Operation}")
def step_worker_has_completed(context, worker_id, operacion):
    context.floor.complete(worker_id, operacion, given=True)


# -- When: one action --------------------------------------------------------------------------

@when("worker {worker_id:d} takes the spool for {operacion:Operation}")
def step_worker_takes(context, worker_id, operacion):
    context.floor.take(worker_id, operacion)


@when("worker {worker_id:d} pauses {operacion:Operation}")
def step_worker_pauses(context, worker_id, operacion):
    context.floor.pause(worker_id, operacion)


@when("worker {worker_id:d} completes {operacion:Operation}")
def step_worker_completes(context, worker_id, operacion):
    context.floor.complete(worker_id, operacion)


@when("worker {worker_id:d} takes the spool for an operation called {name:Word}")
def step_worker_takes_unknown_operation(context, worker_id, name):
    floor = context.floor
    body = {**floor.shop.body(floor.spool, worker_id, "ARM"), "operacion": name}
    floor.deliberately_invalid("tomar", body, floor.shop.action("TOMAR", floor.spool, worker_id, name))


def send_invalid_completion(context, worker_id, operacion, **changes):
    floor = context.floor
    body = {**floor.shop.body(floor.spool, worker_id, operacion), "fecha_operacion": today(), **changes}
    body = {key: value for key, value in body.items() if value is not None}
    floor.deliberately_invalid("completar", body,
                               floor.shop.action("COMPLETAR", floor.spool, worker_id, operacion))


@when("worker {worker_id:d} completes {operacion:Operation} without a work date")
def step_worker_completes_without_date(context, worker_id, operacion):
    send_invalid_completion(context, worker_id, operacion, fecha_operacion=None)


@when('worker {worker_id:d} completes {operacion:Operation} with the work date "{fecha}"')
def step_worker_completes_with_date(context, worker_id, operacion, fecha):
    send_invalid_completion(context, worker_id, operacion, fecha_operacion=fecha)


@when("{count:d} workers race to take the spool for {operacion:Operation}")
def step_workers_race(context, count, operacion):
    """The target's active workers take turns as racers, each on a connection of its own."""
    floor, exchanges = context.floor, []
    workers = sorted(floor.shop.names)
    if not workers:
        skip_scenario(context.scenario, "the target lists no active worker to race")
        return
    racers = [workers[index % len(workers)] for index in range(count)]
    context.race = list(zip(racers, at_the_same_moment(
        lambda: context.new_client(on_exchange=exchanges.append),
        [lambda client, worker=worker: floor.shop.take(floor.spool, worker, operacion, client=client)
         for worker in racers])))
    for exchange in exchanges:
        context.attacher(exchange)
    context.race_operation = operacion
    for worker, response in context.race:
        if response.status == 200:
            floor.spools.took(floor.spool, worker, operacion)


# -- Then: the answer ------------------------------------------------------------------------

@then("the action succeeds")
def step_action_succeeds(context):
    context.floor.succeeded()


@then("it is refused because {reason:Reason}")
def step_refused_because(context, reason):
    context.floor.refused(reason)


@then('it is rejected as invalid, naming "{field}"')
def step_rejected_as_invalid(context, field):
    response, action = context.floor.response, context.floor.action
    if response.status != 422:
        raise ProductDefect(f"{action} must be rejected as invalid (422) naming {field}, but was "
                            f"answered {response.status} \"{response.detail}\"")
    named = {str(error["loc"][-1]) for error in response.body["detail"]}
    if field not in named:
        raise ProductDefect(f"{action} was rejected as invalid, naming {sorted(named)}, not {field}")


@then("exactly one of them holds the spool")
def step_exactly_one_holds(context):
    floor = context.floor
    winners = [worker for worker, response in context.race if response.status == 200]
    for worker, response in context.race:
        if response.status not in (200, 409):
            action = floor.shop.action("TOMAR", floor.spool, worker, context.race_operation)
            expect_refusal(floor.situation, response, action, REFUSALS["the spool is occupied"])
    if len(winners) != 1:
        raise ProductDefect(f"{len(winners)} of {len(context.race)} workers racing for "
                            f"{floor.spool} were each told they took it")
    view = floor.view()
    context.floor.shows(view.holder == floor.shop.name_of(winners[0]),
                f"the winner {floor.shop.name_of(winners[0])} as its holder", view)


@then("every other one is told the spool is occupied")
def step_others_told_occupied(context):
    floor = context.floor
    for worker, response in context.race:
        if response.status != 200:
            action = floor.shop.action("TOMAR", floor.spool, worker, context.race_operation)
            expect_refusal(floor.situation, response, action, REFUSALS["the spool is occupied"])


@then("the refusal left no lock on the spool")
def step_refusal_left_no_lock(context):
    """Asking again, as the same worker, must be refused for the same reason, not as occupied."""
    floor = context.floor
    probe = floor.probe_lock(floor.action)
    if probe.status == 409:
        raise ProductDefect(f"after {floor.action} was refused, the spool stays locked: asking "
                            f"again is refused as occupied (\"{probe.detail}\") although "
                            f"{floor.view().describe()}")


# -- Then: the spool, read back ----------------------------------------------------------------

@then("the spool is held by worker {worker_id:d} for {operacion:Operation}")
def step_spool_held_by(context, worker_id, operacion):
    view, name = context.floor.view(), context.floor.shop.name_of(worker_id)
    context.floor.shows(view.holder == name and view.held_operation == operacion,
                f"{name} holding it for {operacion}", view)


@then("the spool is free")
def step_spool_is_free(context):
    view = context.floor.view()
    context.floor.shows(view.free, "nobody holding it", view)


@then("the spool's {operacion:Operation} operation is {state:State}")
def step_operation_state(context, operacion, state):
    view = context.floor.view()
    context.floor.shows(view.state(operacion) == state, f"{operacion} {state}", view)


@then("the spool's {operacion:Operation} operation is not complete")
def step_operation_not_complete(context, operacion):
    view = context.floor.view()
    defect = "D2" if operacion == "ARM" and context.floor.action.operacion != "ARM" else None
    context.floor.shows(view.state(operacion) != COMPLETE, f"{operacion} not complete", view,
                defect)


@then("the spool's {operacion:Operation} operation is complete, dated with the work date")
def step_operation_complete_on_date(context, operacion):
    view, floor = context.floor.view(), context.floor
    defect = "D2" if operacion == "SOLD" and view.date("ARM") == floor.work_date else None
    context.floor.shows(view.date(operacion) == floor.work_date,
                f"{operacion} complete on the work date {floor.work_date}", view, defect)


@then("the spool's {operacion:Operation} date is unchanged")
def step_operation_date_unchanged(context, operacion):
    floor = context.floor
    view, before = floor.view(), floor.before.date(operacion)
    context.floor.shows(view.date(operacion) == before,
                f"its {operacion} date still {before}", view, "D2")


@then("worker {worker_id:d} is recorded as the spool's {operacion:Operation} worker")
def step_recorded_worker(context, worker_id, operacion):
    view, name = context.floor.view(), context.floor.shop.name_of(worker_id)
    defect = "D13" if view.worker(operacion) not in (None, name) else None
    context.floor.shows(view.worker(operacion) == name, f"{name} as its {operacion} worker",
                view, defect)


@then("worker {worker_id:d} can take the spool for {operacion:Operation}")
def step_worker_can_take(context, worker_id, operacion):
    context.floor.take(worker_id, operacion)
    context.floor.succeeded()

