"""Steps for taking, pausing and completing spools (TOMAR / PAUSAR / COMPLETAR)."""

from behave import given, then, when

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.actions import at_the_same_moment, succeeded
from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.spools import SpoolUnavailable
from zeues_acceptance.vocabulary import REFUSALS, STATE_WORDS, today


def use_fresh_spool(context) -> str | None:
    """A fresh spool for the scenario, released at its end; None (scenario skipped) if none."""
    try:
        tag = context.spools.fresh()
    except SpoolUnavailable as reason:
        skip_scenario(context.scenario, str(reason))
        return None
    context.add_cleanup(context.spools.release, tag)
    context.spool = tag
    return tag


def race(context, calls) -> list:
    """Run calls at the same moment; their exchanges are attached afterwards, in order."""
    exchanges = []
    answers = at_the_same_moment(lambda: context.new_client(on_exchange=exchanges.append), calls)
    for exchange in exchanges:
        context.attacher(exchange)
    return answers


def held_operation(context) -> str:
    holder = context.shop.holder(context.spool)
    assert holder, f"nobody holds {context.spool}"
    return holder["operacion"]


# -- Given: the spool in a known state ---------------------------------------------------

@given("a fresh spool")
def step_a_fresh_spool(context):
    use_fresh_spool(context)


@given("{count:d} fresh spools")
def step_fresh_spools(context, count):
    context.spools_for_race = []
    for _ in range(count):
        tag = use_fresh_spool(context)
        if tag is None:
            return
        context.spools_for_race.append(tag)


@given("worker {worker_id:d} has taken a fresh spool for {operacion:Operation}")
def step_worker_has_taken_a_fresh_spool(context, worker_id, operacion):
    if use_fresh_spool(context):
        succeeded(context.shop.take(context.spool, worker_id, operacion), f"TOMAR {operacion}")


@given("worker {worker_id:d} has taken the spool for {operacion:Operation}")
def step_worker_has_taken_the_spool(context, worker_id, operacion):
    succeeded(context.shop.take(context.spool, worker_id, operacion), f"TOMAR {operacion}")


@given("worker {worker_id:d} has paused it")
def step_worker_has_paused_it(context, worker_id):
    succeeded(context.shop.pause(context.spool, worker_id, held_operation(context)), "PAUSAR")


@given("worker {worker_id:d} has completed the work it holds")
def step_worker_completed_held_work(context, worker_id):
    succeeded(context.shop.complete(context.spool, worker_id, held_operation(context)), "COMPLETAR")


@given("worker {worker_id:d} has completed {operacion:Operation} on the spool")
def step_worker_has_completed(context, worker_id, operacion):
    succeeded(context.shop.take(context.spool, worker_id, operacion), f"TOMAR {operacion}")
    succeeded(context.shop.complete(context.spool, worker_id, operacion), f"COMPLETAR {operacion}")


@given("the spool has passed ARM and SOLD")
def step_spool_passed_arm_and_sold(context):
    step_worker_has_completed(context, 93, "ARM")
    step_worker_has_completed(context, 94, "SOLD")


@given("the spool has been approved by METROLOGIA")
def step_spool_approved(context):
    step_spool_passed_arm_and_sold(context)
    succeeded(context.shop.record_verdict(context.spool, 95, "APROBADO"), "METROLOGIA verdict")


# -- When: one action ------------------------------------------------------------------------

@when("worker {worker_id:d} takes the spool for {operacion:Operation}")
def step_worker_takes_spool(context, worker_id, operacion):
    context.response = context.shop.take(context.spool, worker_id, operacion)


@when("worker {worker_id:d} pauses {operacion:Operation}")
def step_worker_pauses(context, worker_id, operacion):
    context.response = context.shop.pause(context.spool, worker_id, operacion)


@when("worker {worker_id:d} completes {operacion:Operation} today")
def step_worker_completes_today(context, worker_id, operacion):
    context.response = context.shop.complete(context.spool, worker_id, operacion)


@when("worker {worker_id:d} takes it again and completes {operacion:Operation} today")
@when("worker {worker_id:d} takes the spool for {operacion:Operation} and completes it today")
def step_worker_takes_and_completes(context, worker_id, operacion):
    succeeded(context.shop.take(context.spool, worker_id, operacion), f"TOMAR {operacion}")
    context.response = context.shop.complete(context.spool, worker_id, operacion)


@when("worker {worker_id:d} records the METROLOGIA verdict {verdict:Verdict}")
def step_worker_records_verdict(context, worker_id, verdict):
    context.response = context.shop.record_verdict(context.spool, worker_id, verdict)


@when("worker {worker_id:d} takes a spool nobody has heard of for {operacion:Operation}")
def step_worker_takes_unknown_spool(context, worker_id, operacion):
    context.response = context.shop.take(f"UNKNOWN-{context.target.run_id}", worker_id, operacion)


# -- When: requests that break the contract on purpose ---------------------------------------

def send_invalid_completar(context, **changes):
    body = {**context.shop.body(context.spool, 93, "ARM"), "fecha_operacion": today(), **changes}
    body = {key: value for key, value in body.items() if value is not None}
    context.response = context.client.completar(body, deliberately_invalid=True)


@when("worker 93 completes ARM without a work date")
def step_completes_without_work_date(context):
    send_invalid_completar(context, fecha_operacion=None)


@when('worker 93 completes ARM with the work date "{fecha}"')
def step_completes_with_work_date(context, fecha):
    send_invalid_completar(context, fecha_operacion=fecha)


@when("worker 95 records a METROLOGIA verdict without saying which")
def step_verdict_without_resultado(context):
    send_invalid_completar(context, worker_id=95, operacion="METROLOGIA")


@when("worker 93 completes an operation called {operacion:Word}")
def step_completes_unknown_operation(context, operacion):
    send_invalid_completar(context, operacion=operacion)


# -- When: at the same moment ----------------------------------------------------------------

@when("{count:d} takers race for the spool for {operacion:Operation}")
def step_takers_race(context, count, operacion):
    """Workers take turns as takers: the stand-in has three active workers."""
    worker_ids = sorted(context.shop.names) or [93, 94, 95]
    context.answers = race(context, [
        lambda client, index=index: context.shop.take(
            context.spool, worker_ids[index % len(worker_ids)], operacion, client=client)
        for index in range(count)])


@when("{count:d} workers take their own spool for {operacion:Operation} at the same moment")
def step_workers_take_own_spools(context, count, operacion):
    context.answers = race(context, [
        lambda client, tag=tag: context.shop.take(tag, 93, operacion, client=client)
        for tag in context.spools_for_race[:count]])


# -- Then ------------------------------------------------------------------------------------

@then("the action succeeds")
def step_action_succeeds(context):
    succeeded(context.response, context.response.request_line)


@then("it is refused because {reason:Reason}")
def step_refused_because(context, reason):
    code, status = REFUSALS[reason]
    response = context.response
    if code != "REDIS_UNAVAILABLE":
        response.raise_for_environment()
    assert (response.status, response.error_code) == (status, code), (
        f"expected {status} {code} because {reason}, got {response.status} "
        f"{response.error_code or ''}: {response.text[:300]}")


@then('it is rejected as invalid, naming "{field}"')
def step_rejected_as_invalid(context, field):
    response = context.response
    assert response.status == 422, (
        f"expected a 422 naming {field}, got {response.status}: {response.text[:300]}")
    named = {str(error["loc"][-1]) for error in response.body["detail"] if error.get("loc")}
    assert field in named, f"the 422 names {sorted(named)}, not {field}"


@then("the spool is held by worker {worker_id:d} for {operacion:Operation}")
def step_spool_held_by(context, worker_id, operacion):
    holder = context.shop.holder(context.spool)
    assert holder and (holder["worker_id"], holder["operacion"]) == (worker_id, operacion), (
        f"{context.spool} should be held by worker {worker_id} for {operacion}, holder: {holder}")


@then("the spool is free")
@then("the spool is free for the next worker")
def step_spool_is_free(context):
    holder = context.shop.holder(context.spool)
    assert holder is None, f"{context.spool} should be free, but is held: {holder}"


@then("the spool's {operacion:Operation} operation is {state:State}")
def step_operation_state(context, operacion, state):
    estado = context.shop.state(context.spool)["operaciones"][operacion]["estado"]
    assert estado == STATE_WORDS[state], f"{operacion} is {estado}, expected {STATE_WORDS[state]}"


@then("the verdict is {verdict:Verdict}")
def step_verdict_is(context, verdict):
    succeeded(context.response, "METROLOGIA verdict")
    assert context.response.body["estado"] == verdict, context.response.body


@then("exactly one taker holds the spool")
def step_exactly_one_taker(context):
    for response in context.answers:
        response.raise_for_environment()
    winners = [r for r in context.answers if r.status == 200]
    assert len(winners) == 1, f"{len(winners)} takers won the race for {context.spool}"
    holder = context.shop.holder(context.spool)
    assert holder and holder["worker_id"] == winners[0].body["worker_id"], holder


@then("every other taker is told the spool is occupied")
def step_others_told_occupied(context):
    losers = [(r.status, r.error_code) for r in context.answers if r.status != 200]
    assert losers and set(losers) == {(409, "SPOOL_OCCUPIED")}, losers
