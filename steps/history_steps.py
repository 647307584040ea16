"""Steps for the spool's history (the audit trail's work sessions)."""

from datetime import datetime

from behave import then, when

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.actions import succeeded
from zeues_acceptance.vocabulary import STATE_WORDS


@when("someone reads the spool's history")
def step_read_history(context):
    context.response = context.client.history(context.spool)
    context.history = context.response.body


@when("someone reads the history of a spool nobody has heard of")
def step_read_unknown_history(context):
    context.response = context.client.history(f"UNKNOWN-{context.target.run_id}")


def session(context, number: int) -> dict:
    succeeded(context.response, "reading the history")
    sessions = context.history["sessions"]
    assert len(sessions) >= number, f"no session {number}: the history has {len(sessions)}"
    return sessions[number - 1]


@then("the history has {count:d} session")
@then("the history has {count:d} sessions")
def step_history_has_sessions(context, count):
    succeeded(context.response, "reading the history")
    assert context.history["tag_spool"] == context.spool, context.history["tag_spool"]
    found = len(context.history["sessions"])
    assert found == count, f"the history has {found} sessions, expected {count}"


@then("session {number:d} is {operacion:Operation} by worker {worker_id:d}, still open")
def step_session_still_open(context, number, operacion, worker_id):
    found = session(context, number)
    assert (found["operacion"], found["worker_id"]) == (operacion, worker_id), found
    assert found["estado"] == "EN_PROGRESO", found
    assert found["end_time"] is None and found["duration_minutes"] is None, found


@then("session {number:d} is {operacion:Operation} by worker {worker_id:d}, closed as {state:State}")
def step_session_closed_as(context, number, operacion, worker_id, state):
    found = session(context, number)
    assert (found["operacion"], found["worker_id"]) == (operacion, worker_id), found
    assert found["estado"] == STATE_WORDS[state], f"session {number} is {found['estado']}"
    assert found["end_time"] is not None and found["duration_minutes"] >= 0, found
    assert _time(found["end_time"]) >= _time(found["start_time"]), found


@then("session {number:d} is an instant METROLOGIA session with the verdict {verdict:Verdict}")
def step_instant_metrologia_session(context, number, verdict):
    found = session(context, number)
    assert found["operacion"] == "METROLOGIA", found
    assert found["start_time"] == found["end_time"], found
    assert found["duration_minutes"] == 0 and found["estado"] == "COMPLETADO", found
    assert found.get("resultado") == verdict, found


@then("the sessions are oldest first")
def step_sessions_oldest_first(context):
    starts = [_time(s["start_time"]) for s in context.history["sessions"]]
    assert starts == sorted(starts), f"sessions are not oldest first: {starts}"


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
