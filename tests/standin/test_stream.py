"""The SSE stream: a ping on subscribe, every update within a second, in order per spool."""

import time

from .sse import open_stream


def test_stream_is_event_stream_with_an_initial_ping(standin):
    """Opening checks the text/event-stream type and waits for the first ping."""
    reader = open_stream(standin.base_url)
    try:
        assert reader.events == [] and reader.problem is None
    finally:
        reader.close()


def test_updates_reach_every_stream_within_a_second_in_order(api, standin, spool):
    readers = [open_stream(standin.base_url) for _ in range(3)]
    try:
        started = time.monotonic()
        api.tomar(spool, 93)
        api.pausar(spool, 93)
        api.tomar(spool, 93)
        api.completar(spool, 93)
        for reader in readers:
            last = reader.wait_for(lambda e: e["tag_spool"] == spool and e["accion"] == "COMPLETAR", 1.0)
            assert last is not None
            mine = [(e["accion"], e["estado"]) for e in reader.events if e["tag_spool"] == spool]
            assert mine == [("TOMAR", "EN_PROGRESO"), ("PAUSAR", "PAUSADO"),
                            ("TOMAR", "EN_PROGRESO"), ("COMPLETAR", "COMPLETADO")]
            assert set(last) == {"tag_spool", "operacion", "accion", "worker_id", "estado", "timestamp"}
        assert time.monotonic() - started < 5
    finally:
        for reader in readers:
            reader.close()


def test_metrologia_event_carries_the_verdict(api, standin, spool):
    api.complete(spool, 93, "ARM")
    api.complete(spool, 94, "SOLD")
    reader = open_stream(standin.base_url)
    try:
        api.completar(spool, 95, "METROLOGIA", resultado="APROBADO")
        event = reader.wait_for(lambda e: e["tag_spool"] == spool, 1.0)
        assert (event["accion"], event["operacion"], event["estado"]) == (
            "COMPLETAR", "METROLOGIA", "APROBADO")
    finally:
        reader.close()


def test_failed_actions_publish_nothing(api, standin, spool):
    reader = open_stream(standin.base_url)
    try:
        api.pausar(spool, 93)
        assert reader.wait_for(lambda e: e["tag_spool"] == spool, 0.5) is None
    finally:
        reader.close()


def test_streams_hold_no_redis_connection(api, standin):
    readers = [open_stream(standin.base_url) for _ in range(25)]
    try:
        assert api.get("/api/redis-connection-stats").json()["active_connections"] == 0
        assert api.get("/api/redis-health").status_code == 200
    finally:
        for reader in readers:
            reader.close()
