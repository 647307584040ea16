"""The SSE stream (A.12 + D): framing byte by byte, payloads with the right operacion, pings."""

import json
import re
import time

import pytest

from standin.runner import running_standin

from .sse import StreamReader

SHEET_TIME = re.compile(r"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$")
PING = re.compile(rb"^: ping - \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00:00\r\n\r\n$")


@pytest.fixture
def stream(standin):
    with StreamReader(standin.base_url) as reader:
        yield reader


def mine(reader, tag, count, timeout=2.0) -> list[dict]:
    assert reader.wait_until(lambda: len([e for e in reader.events if e["tag_spool"] == tag])
                             >= count, timeout), reader.events
    return [event for event in reader.events if event["tag_spool"] == tag]


def without_time(events: list[dict]) -> list[dict]:
    for event in events:
        assert SHEET_TIME.match(event["timestamp"]), event
    return [{k: v for k, v in event.items() if k != "timestamp"} for event in events]


def test_headers_and_nothing_sent_at_open(stream):
    assert stream.response.status == 200
    headers = {k.lower(): v for k, v in stream.response.getheaders()}
    assert headers["content-type"] == "text/event-stream; charset=utf-8"
    assert headers["cache-control"] == "no-cache, no-transform"
    assert headers["connection"] == "keep-alive"
    assert headers["x-accel-buffering"] == "no"
    time.sleep(1.0)
    assert stream.raw == b""


def test_an_event_frame_byte_by_byte(api, stream, spool):
    api.tomar(spool, 93)
    (event,) = mine(stream, spool, 1)
    frame = next(frame for _, frame in stream.frames if spool.encode() in frame)
    assert frame == (f"id: {event['timestamp']}\r\nevent: spool_update\r\n"
                     f"data: {json.dumps(event)}\r\n\r\n").encode()
    assert list(event) == ["event_type", "tag_spool", "worker_nombre", "estado_detalle",
                           "timestamp", "operacion"]
    assert b"\n" not in frame.replace(b"\r\n", b"")


def test_non_ascii_is_escaped(api, stream, spool):
    api.post("/api/occupation/tomar", {"tag_spool": spool, "worker_id": 93,
                                       "worker_nombre": "José ✓", "operacion": "ARM"})
    mine(stream, spool, 1)
    assert b'"worker_nombre": "Jos\\u00e9 \\u2713"' in stream.raw


def test_an_assembly_cycle(api, stream, spool):
    api.tomar(spool, 93)
    api.pausar(spool, 93)
    api.tomar(spool, 93)
    api.completar(spool, 93, fecha_operacion="2026-02-02")
    assert without_time(mine(stream, spool, 5)) == [
        {"event_type": "TOMAR", "tag_spool": spool, "worker_nombre": "MR(93)",
         "estado_detalle": "Ocupado por MR(93) - ARM", "operacion": "ARM"},
        {"event_type": "PAUSAR", "tag_spool": spool, "worker_nombre": None,
         "estado_detalle": "ARM parcial (pausado)", "operacion": "ARM"},
        {"event_type": "TOMAR", "tag_spool": spool, "worker_nombre": "MR(93)",
         "estado_detalle": "Ocupado por MR(93) - ARM", "operacion": "ARM"},
        {"event_type": "COMPLETAR", "tag_spool": spool, "worker_nombre": "MR(93)",
         "estado_detalle": "ARM completado - Disponible", "operacion": "ARM",
         "fecha_operacion": "02-02-2026"},
        {"event_type": "STATE_CHANGE", "tag_spool": spool, "worker_nombre": "MR(93)",
         "estado_detalle": "Disponible - ARM completado, SOLD pendiente", "operacion": "ARM",
         "arm_state": "completado", "sold_state": "pendiente"},
    ]


def test_welding_and_the_verdict_name_their_own_operation(api, stream, spool):
    api.complete(spool, 93, "ARM")
    api.tomar(spool, 94, "SOLD")
    api.pausar(spool, 94, "SOLD")
    api.tomar(spool, 94, "SOLD")
    api.completar(spool, 94, "SOLD", fecha_operacion="2026-02-03")
    api.verdict(spool, resultado="APROBADO")
    events = without_time(mine(stream, spool, 9))[3:]
    assert [(e["event_type"], e["operacion"]) for e in events] == [
        ("TOMAR", "SOLD"), ("PAUSAR", "SOLD"), ("TOMAR", "SOLD"), ("COMPLETAR", "SOLD"),
        ("STATE_CHANGE", "SOLD"), ("COMPLETAR_METROLOGIA", "METROLOGIA")]
    assert events[1]["estado_detalle"] == "SOLD parcial (pausado)"
    assert events[3]["estado_detalle"] == "SOLD completado - Disponible"
    assert events[3]["fecha_operacion"] == "03-02-2026"
    assert (events[4]["arm_state"], events[4]["sold_state"]) == ("completado", "completado")
    assert events[5] == {
        "event_type": "COMPLETAR_METROLOGIA", "tag_spool": spool, "worker_nombre": "CG(95)",
        "estado_detalle": "Disponible - ARM completado, SOLD completado, METROLOGIA APROBADO ✓",
        "resultado": "APROBADO", "operacion": "METROLOGIA"}


def test_refused_actions_send_nothing(api, stream, spool):
    api.pausar(spool, 93)  # 400: nobody holds it
    api.completar(spool, 93)  # 410
    api.tomar(spool, 94, "SOLD")  # 400: ARM never started
    api.verdict(spool)  # 400: ARM not complete
    api.tomar(spool, 93)
    api.tomar(spool, 94)  # 409
    api.pausar(spool, 94)  # 403
    assert [e["event_type"] for e in mine(stream, spool, 1)] == ["TOMAR"]
    time.sleep(0.5)
    assert len(mine(stream, spool, 1)) == 1


def test_every_open_stream_gets_each_update_within_a_second(api, standin, spool):
    readers = [StreamReader(standin.base_url) for _ in range(5)]
    try:
        started = time.monotonic()
        api.tomar(spool, 93)
        for reader in readers:
            assert reader.wait_for(lambda e: e["tag_spool"] == spool, 1.0)
        assert time.monotonic() - started < 1.5
    finally:
        for reader in readers:
            reader.close()


def test_the_first_ping_comes_fifteen_seconds_after_opening(stream):
    assert stream.wait_until(lambda: stream.pings, 17.0)
    (arrived, frame), *_ = stream.pings
    assert 14.9 <= arrived - stream.opened_at <= 16.0
    assert stream.frames[0][1] == frame, "something was sent before the first ping"
    assert PING.match(frame)


def test_pings_keep_their_interval_and_format():
    with running_standin(testing=True, env={"ZEUES_SSE_PING_INTERVAL": "0.5"}) as standin:
        with StreamReader(standin.base_url) as reader:
            assert reader.wait_until(lambda: len(reader.pings) >= 3, 3.0)
            times = [at - reader.opened_at for at, _ in reader.pings[:3]]
    assert all(PING.match(frame) for _, frame in reader.pings)
    for number, offset in enumerate(times, start=1):
        assert 0.5 * number - 0.1 <= offset <= 0.5 * number + 0.3, times
