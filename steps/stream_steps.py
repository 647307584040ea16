"""Steps for dashboards watching the live stream of spool updates."""

from behave import given, then

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.vocabulary import ACTIONS


@given("a dashboard is watching live updates")
def step_dashboard_watching(context):
    context.stream = context.client.open_stream().open()
    context.add_cleanup(context.stream.close)


def wait_for_update(context, timeout, **expected) -> dict:
    def matches(event):
        return event["tag_spool"] == context.spool and all(
            event[key] == value for key, value in expected.items())

    event = context.stream.wait_for(matches, timeout=timeout)
    seen = [e for e in context.stream.events if e["tag_spool"] == context.spool]
    assert event is not None, (
        f"no update {expected} for {context.spool} within {timeout} s; seen for it: {seen}")
    return event


@then("the dashboard sees worker {worker_id:d} {action:Word} the spool for {operacion:Operation} "
      "within {seconds:g} second")
@then("the dashboard sees worker {worker_id:d} {action:Word} the spool for {operacion:Operation} "
      "within {seconds:g} seconds")
def step_dashboard_sees_action(context, worker_id, action, operacion, seconds):
    event = wait_for_update(context, seconds, accion=ACTIONS[action], operacion=operacion,
                            worker_id=worker_id)
    assert event["estado"] == {"TOMAR": "EN_PROGRESO", "PAUSAR": "PAUSADO",
                               "COMPLETAR": "COMPLETADO"}[event["accion"]], event


@then("the dashboard sees worker {worker_id:d} pause, take and complete {operacion:Operation}, "
      "in that order, within {seconds:g} second")
def step_dashboard_sees_in_order(context, worker_id, operacion, seconds):
    wait_for_update(context, seconds, accion="COMPLETAR", operacion=operacion)
    seen = [(e["accion"], e["worker_id"]) for e in context.stream.events
            if e["tag_spool"] == context.spool]
    assert seen == [("PAUSAR", worker_id), ("TOMAR", worker_id), ("COMPLETAR", worker_id)], seen


@then("the dashboard sees the METROLOGIA verdict {verdict:Verdict} within {seconds:g} second")
def step_dashboard_sees_verdict(context, verdict, seconds):
    event = wait_for_update(context, seconds, operacion="METROLOGIA")
    assert (event["accion"], event["estado"]) == ("COMPLETAR", verdict), event
