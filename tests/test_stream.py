"""The live-stream client against a scripted server: ZEUES v3.0's framing (CRLF, id/event/data,
`: ping - <datetime>` comments), no wait for a keep-alive, drift and early ends reported."""

import json
import threading
import time

import pytest

from tests.canned_server import Canned, StreamScript, free_port, server  # noqa: F401  (fixture)
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem, TargetUnreachable

TOMAR_EVENT = {"event_type": "TOMAR", "tag_spool": "TEST-01", "worker_nombre": "MR(93)",
               "estado_detalle": "Ocupado por MR(93) - ARM", "timestamp": "01-12-2026 06:57:07",
               "operacion": "ARM"}
PAUSAR_EVENT = {"event_type": "PAUSAR", "tag_spool": "TEST-01", "worker_nombre": None,
                "estado_detalle": "ARM parcial (pausado)", "timestamp": "01-12-2026 06:57:08",
                "operacion": "ARM"}


def frame(payload: dict) -> str:
    return (f"id: {payload['timestamp']}\nevent: spool_update\ndata: {json.dumps(payload)}\n\n")


@pytest.fixture
def client(server):  # noqa: F811
    with ZeuesClient(server.url, subscribe_grace=0.0) as zeues:
        yield zeues


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_updates_arrive_without_waiting_for_a_keep_alive(client, server, chunked, line_end):
    server.stream = StreamScript(chunked=chunked, line_end=line_end)
    with client.open_stream() as stream:
        server.stream.send(frame(TOMAR_EVENT))
        server.stream.send(frame(PAUSAR_EVENT))
        assert stream.wait_for(lambda e: e["event_type"] == "PAUSAR", timeout=5) == PAUSAR_EVENT
        assert stream.events == [TOMAR_EVENT, PAUSAR_EVENT]


def test_the_real_keep_alive_comment_is_read_as_a_ping(client, server):
    server.stream = StreamScript(send_ping=True)
    with client.open_stream() as stream:
        server.stream.send(frame(TOMAR_EVENT))
        assert stream.wait_for(lambda e: True, timeout=5) == TOMAR_EVENT
        assert stream.pings == ["ping - 2026-12-01 09:57:20.902347+00:00"]


def test_open_returns_a_grace_after_the_headers(server):
    server.stream = StreamScript()
    with ZeuesClient(server.url, subscribe_grace=0.3) as zeues:
        started = time.monotonic()
        with zeues.open_stream():
            assert time.monotonic() - started >= 0.3


def test_no_matching_update_gives_none(client, server):
    server.stream = StreamScript()
    with client.open_stream() as stream:
        server.stream.send(frame(TOMAR_EVENT))
        assert stream.wait_for(lambda e: e["tag_spool"] == "TEST-02", timeout=0.3) is None


def test_an_event_outside_the_contract_is_drift(client, server):
    server.stream = StreamScript()
    with client.open_stream() as stream:
        server.stream.send(frame({**TOMAR_EVENT, "accion": "TOMAR"}))
        with pytest.raises(ContractDriftError, match="spool-update-event"):
            stream.wait_for(lambda e: False, timeout=5)


def test_data_that_is_not_json_is_drift(client, server):
    server.stream = StreamScript()
    with client.open_stream() as stream:
        server.stream.send("event: spool_update\ndata: {not json\n\n")
        with pytest.raises(ContractDriftError, match="not JSON"):
            stream.wait_for(lambda e: False, timeout=5)


def test_a_stream_the_server_ends_says_so(client, server):
    server.stream = StreamScript()
    with client.open_stream() as stream:
        server.stream.end()
        assert stream.wait_for(lambda e: True, timeout=5) is None
        assert stream.ended == "the server ended it"


def test_close_returns_promptly_while_the_reader_waits(client, server):
    server.stream = StreamScript()
    stream = client.open_stream().open()
    closing = threading.Thread(target=stream.close)
    started = time.monotonic()
    closing.start()
    closing.join(5)
    assert not closing.is_alive() and time.monotonic() - started < 3


def test_an_unavailable_stream_is_the_environment(client, server):
    server.answer("GET", "/api/sse/stream", Canned(503, b"<html/>", content_type="text/html"))
    with pytest.raises(EnvironmentProblem, match="503"):
        client.open_stream().open()


def test_a_stream_that_is_not_an_event_stream_is_drift(client, server):
    server.answer("GET", "/api/sse/stream", Canned(200, {"events": []}))
    with pytest.raises(ContractDriftError, match="not a live stream"):
        client.open_stream().open()


def test_an_unreachable_stream_is_the_environment():
    with ZeuesClient(f"http://127.0.0.1:{free_port()}") as zeues:
        with pytest.raises(TargetUnreachable):
            zeues.open_stream().open()
