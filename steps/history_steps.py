"""Steps for a spool's history: its work sessions, oldest first, in Santiago time."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from behave import then, when

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.judge import Action, defect_note, unexpected

SANTIAGO = ZoneInfo("America/Santiago")
# The suite's clock and the target's may differ a little; D7 is off by 1 h 43 min.
CLOCK_TOLERANCE = timedelta(minutes=2)
LMT_OFFSET = -timedelta(hours=4, minutes=43)  # pytz's local mean time for Santiago


@when("someone reads the spool's history")
def step_read_history(context):
    floor = context.floor
    floor.action = Action("the history read", floor.spool, "someone")
    floor.response = floor.shop.client.history(floor.spool)
    if floor.response.is_server_error:
        raise unexpected(floor.situation, floor.response, floor.action, "be answered")


def sessions(context) -> list[dict]:
    context.floor.succeeded()
    return context.floor.response.body["sessions"]


def latest(context, operacion: str, worker_id: int) -> dict:
    found = sessions(context)
    name = context.floor.shop.name_of(worker_id)
    if not found:
        raise ProductDefect(f"the history of {context.floor.spool} has no session; expected "
                            f"{operacion} by {name}")
    session = found[-1]
    if (session["operacion"], session["worker_id"], session["worker_nombre"]) != (
            operacion, worker_id, name):
        raise ProductDefect(f"the latest session of {context.floor.spool} is {session['operacion']} "
                            f"by {session['worker_nombre']} ({session['worker_id']}), expected "
                            f"{operacion} by {name}: {found}")
    return session


@then("the history has no sessions")
def step_history_empty(context):
    found = sessions(context)
    if found:
        raise ProductDefect(f"the history of {context.floor.spool}, a spool nobody worked on, has "
                            f"{len(found)} sessions: {found}")


@then("the latest session is {operacion:Operation} by worker {worker_id:d}, still open")
def step_latest_session_open(context, operacion, worker_id):
    session = latest(context, operacion, worker_id)
    if session["end_time"] is not None:
        raise ProductDefect(f"the session of {operacion} by worker {worker_id}, still held, shows "
                            f"an end: {session}")


@then("the latest session is {operacion:Operation} by worker {worker_id:d}, closed with its duration")
def step_latest_session_closed(context, operacion, worker_id):
    session = latest(context, operacion, worker_id)
    if session["end_time"] is None or session["duration"] is None:
        defect = defect_note("D6" if operacion == "SOLD" else None)
        raise ProductDefect(f"the session of {operacion} by worker {worker_id} never ended in the "
                            f"history although the work was let go: {session}{defect}")
    if _instant(session["end_time"]) < _instant(session["start_time"]):
        raise ProductDefect(f"the session ends before it starts: {session}")


@then("the sessions are oldest first")
def step_sessions_oldest_first(context):
    starts = [_instant(session["start_time"]) for session in sessions(context)]
    if starts != sorted(starts):
        raise ProductDefect(f"the sessions of {context.floor.spool} are not oldest first: {starts}")


@then("the latest session started when worker {worker_id:d} took the spool, in Santiago time")
def step_session_in_santiago_time(context, worker_id):
    found = sessions(context)
    session = found[-1] if found else {}
    taken = max(when for (worker, _op), when in context.floor.taken_at.items() if worker == worker_id)
    if session.get("worker_id") != worker_id:
        raise ProductDefect(f"the latest session of {context.floor.spool} is not worker "
                            f"{worker_id}'s: {found}")
    started = datetime.fromisoformat(session["start_time"])
    expected_offset = taken.astimezone(SANTIAGO).utcoffset()
    if started.utcoffset() == expected_offset and abs(started - taken) <= CLOCK_TOLERANCE:
        return
    known = defect_note("D7" if started.utcoffset() == LMT_OFFSET else None)
    raise ProductDefect(
        f"the session started {session['start_time']}, but worker {worker_id} took the spool at "
        f"{taken.astimezone(SANTIAGO).isoformat(timespec='seconds')} in Santiago: off by "
        f"{_minutes(started - taken)}{known}")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def _minutes(delta: timedelta) -> str:
    minutes = round(abs(delta.total_seconds()) / 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
