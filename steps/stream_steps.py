"""Steps for dashboards watching the live stream of spool updates."""

from concurrent.futures import ThreadPoolExecutor

from behave import given, then

from zeues_acceptance import step_types  # noqa: F401  (registers step types)
from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.judge import Action, defect_note, unexpected
from zeues_acceptance.stream import StreamServerError

AT_A_TIME = 5  # dashboards coming and going: opened and closed five at a time


def open_dashboards(context, count: int) -> list:
    floor = context.floor
    try:
        with ThreadPoolExecutor(max_workers=min(count, 20)) as pool:
            streams = list(pool.map(lambda _: floor.shop.client.open_stream().open(), range(count)))
    except StreamServerError as error:
        raise unexpected(floor.situation, error.response, Action("STREAM", floor.spool or "", ""),
                         "open") from None
    for stream in streams:
        context.add_cleanup(stream.close)
    return streams


@given("a dashboard is watching live updates")
def step_dashboard_watching(context):
    (context.stream,) = open_dashboards(context, 1)
    context.floor.situation.dashboards = "watching"


@given("{count:d} dashboards are watching live updates")
def step_dashboards_watching(context, count):
    context.streams = open_dashboards(context, count)
    context.floor.situation.dashboards = "watching"


@given("{count:d} dashboards have come and gone")
def step_dashboards_came_and_went(context, count):
    for first in range(0, count, AT_A_TIME):
        for stream in open_dashboards(context, min(AT_A_TIME, count - first)):
            stream.close()
    context.floor.situation.dashboards = "came and went"


def seen(context, timeout: float, **expected) -> dict:
    spool = context.floor.spool

    def matches(event):
        return event["tag_spool"] == spool and all(event.get(k) == v for k, v in expected.items())

    event = context.stream.wait_for(matches, timeout=timeout)
    if event is None:
        others = [e for e in context.stream.events if e["tag_spool"] == spool]
        ended = f"; the stream ended: {context.stream.ended}" if context.stream.ended else ""
        raise ProductDefect(f"no update {expected} for {spool} reached the dashboard within "
                            f"{timeout:g} s; it saw for that spool: {others}{ended}")
    return event


@then("the dashboard sees worker {worker_id:d} take the spool for {operacion:Operation} "
      "within {seconds:g} second")
@then("the dashboard sees worker {worker_id:d} take the spool for {operacion:Operation} "
      "within {seconds:g} seconds")
def step_dashboard_sees_take(context, worker_id, operacion, seconds):
    seen(context, seconds, event_type="TOMAR", operacion=operacion,
         worker_nombre=context.floor.shop.name_of(worker_id))


@then("the dashboard sees {operacion:Operation} paused on the spool within {seconds:g} second")
@then("the dashboard sees {operacion:Operation} paused on the spool within {seconds:g} seconds")
def step_dashboard_sees_pause(context, operacion, seconds):
    pause = seen(context, seconds, event_type="PAUSAR")
    if pause["operacion"] != operacion:
        raise ProductDefect(f"the dashboard was told {pause['operacion']} was paused on "
                            f"{context.floor.spool}, but {operacion} was: {pause}"
                            f"{defect_note('D5')}")


@then("the dashboard sees no update for the spool within {seconds:g} second")
@then("the dashboard sees no update for the spool within {seconds:g} seconds")
def step_dashboard_sees_nothing(context, seconds):
    spool = context.floor.spool
    event = context.stream.wait_for(lambda e: e["tag_spool"] == spool, timeout=seconds)
    if event is not None:
        raise ProductDefect(f"after {context.floor.action} was refused, the dashboard was sent an "
                            f"update for {spool}: {event}")
