"""Every recorded real exchange, asked of the stand-in in the same state: the same status and
a body of the same shape, exact where the answer is deterministic. Where the recording shows
a defect (contract C), the stand-in answers as the broken rule requires, and that is asserted.
"""

import copy
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from standin.runner import running_standin

from .conftest import Api, unique_tag
from .exchanges import (
    BARE_TAG, ENTRIES, UNKNOWN_TAG, entry, recorded_tags, renamed, replay, send, shape,
    writes_before,
)
from .sse import StreamReader

STATS_FIGURES = {"active_connections": 0, "available_connections": 20,
                 "utilization_percent": 0.0}  # D9 fixed: the pool's real use (types only)


def dependencies_refusal(tag):
    return {"success": False, "error": "DEPENDENCIAS_NO_SATISFECHAS",
            "message": f"No se puede iniciar METROLOGIA en spool '{tag}': falta ARM completado "
                       "(Armado debe finalizar antes de metrología)",
            "data": {"tag_spool": tag, "operacion": "METROLOGIA",
                     "dependencia_faltante": "ARM completado"}}


# What the stand-in answers where the recording shows a defect: (status, body for a tag).
CORRECTED = {
    "tomar-500-operation-completed": (  # D4: refused 400, no lock left
        400, lambda tag: {"detail": "Cannot TOMAR ARM - operation already completed"}),
    "completar-500-arm": (  # D1
        200, lambda tag: {"success": True, "tag_spool": tag,
                          "message": f"Operación completada en {tag}"}),
    "completar-500-sold": (  # D1, D2
        200, lambda tag: {"success": True, "tag_spool": tag,
                          "message": f"Operación completada en {tag}"}),
    "metrologia-completar-500": (400, dependencies_refusal),  # D3: the designed order runs
    "history-404-unknown-spool": (  # cosmetic: the tag not garbled
        404, lambda tag: {"success": False, "error": "SPOOL_NO_ENCONTRADO",
                          "message": f"Spool '{tag}' no encontrado en hoja Operaciones",
                          "data": {"tag_spool": tag}}),
}
# Deterministic answers compared value for value (beyond their shape).
EXACT = {"tomar-200", "pausar-200", "completar-200-metrologia", "batch-tomar", "history-empty",
         "root", "unknown-route-spool-by-tag", "unknown-route-testing-spools"}


def expected_shape_body(item: dict):
    """The recorded body, adjusted where a fixed defect changes its shape."""
    body = copy.deepcopy(item["response"]["body"])
    if item["id"] == "history-sold":  # D6 fixed: the SOLD session ends when SOLD completes
        body["sessions"][1].update(end_time=body["sessions"][1]["start_time"], duration="0m")
    if item["id"] == "health-healthy":
        body["redis_pool_stats"].update(STATS_FIGURES)
    if item["id"].startswith("redis-connection-stats"):
        body.update(STATS_FIGURES)
    return body


def check_answer(item: dict, response, names: dict[str, str]) -> None:
    main_tag = next(iter(names.values()), None)
    if item["id"] in CORRECTED:
        status, body = CORRECTED[item["id"]]
        assert (response.status_code, response.json()) == (status, body(main_tag))
        return
    recorded = item["response"]
    assert response.status_code == recorded["status"], response.text
    assert response.headers["content-type"] == recorded["content_type"]
    body = response.json()
    assert shape(body) == shape(renamed(expected_shape_body(item), names))
    if item["id"] in EXACT or response.status_code >= 400:
        assert body == renamed(recorded["body"], names)
    if item["id"].startswith("history-") and response.status_code == 200:
        for session in body["sessions"]:
            for moment in (session["start_time"], session["end_time"]):
                assert_true_santiago_offset(moment)


def assert_true_santiago_offset(moment: str | None) -> None:
    """D7 fixed: the real offset of that instant, not -04:43."""
    if moment is not None:
        instant = datetime.fromisoformat(moment)
        assert instant.utcoffset() == instant.astimezone(ZoneInfo("America/Santiago")).utcoffset()


def group(item: dict) -> str:
    if item["id"].startswith("sse-event-"):
        return "stream"
    if item["id"].startswith(("spools-", "dashboard-", "unknown-route-testing")):
        return "listings"  # the last needs a stand-in without test support
    if "REDIS_LOCK_TTL_SECONDS" in item["state_before"]:
        return "lock"
    if "Redis stopped" in item["state_before"]:
        return "redis-down"
    return "main"


def ids(kind: str) -> list[str]:
    return [item["id"] for item in ENTRIES if group(item) == kind]


def prepared_tags(api, item: dict) -> dict[str, str]:
    """Each recorded tag as a fresh spool of the stand-in, in the entry's state."""
    names = {}
    for tag in recorded_tags(item):
        if tag == UNKNOWN_TAG:
            names[tag] = unique_tag("NOPE")
        elif tag == BARE_TAG:
            names[tag] = api.fresh_spool(fecha_materiales=None)
        else:
            names[tag] = api.fresh_spool()
    if names:
        main_tag = next(iter(names.values()))
        for write in writes_before(item):
            replay(api, main_tag, write)
    return names


def test_every_entry_belongs_to_a_group():
    assert sum(len(ids(kind)) for kind in ("stream", "listings", "lock", "redis-down", "main")) \
        == len(ENTRIES) == 61


@pytest.mark.parametrize("entry_id", ids("main"))
def test_main_entries(api, entry_id):
    item = entry(entry_id)
    names = prepared_tags(api, item)
    check_answer(item, send(api, item, names), names)


@pytest.mark.parametrize("entry_id", ids("stream"))
def test_stream_entries(api, standin, entry_id):
    item = entry(entry_id)
    tag = api.fresh_spool()
    writes = writes_before(item)
    with StreamReader(standin.base_url) as stream:
        for write in writes:
            replay(api, tag, write)
        recorded = item["response"]["body"]
        count = sum(w.action.upper() == recorded["event_type"] for w in writes)
        assert stream.wait_until(lambda: len([e for e in stream.events if e["tag_spool"] == tag
                                              and e["event_type"] == recorded["event_type"]])
                                 >= count, 2.0)
    event = [e for e in stream.events if e["tag_spool"] == tag
             and e["event_type"] == recorded["event_type"]][count - 1]
    expected = renamed(recorded, {"TEST-01": tag})
    assert shape(event) == shape(expected)
    assert {k: v for k, v in event.items() if k != "timestamp"} == {
        k: v for k, v in expected.items() if k != "timestamp"}


def test_listing_entries_in_recorded_order(plain_standin):
    """As recorded: a stand-in of its own with the 20 seed spools, TEST-02 worked on."""
    api = Api(plain_standin.base_url)
    applied = []
    for entry_id in ids("listings"):
        item = entry(entry_id)
        needed = writes_before(item)
        if not needed and item["response"]["status"] >= 400:
            needed = applied  # a refusal of the query itself: the spools' state is irrelevant
        assert needed[:len(applied)] == applied, "the recorded listings run in order"
        for write in needed[len(applied):]:
            replay(api, "TEST-02", write)
        applied = needed
        response = send(api, item, {})
        if entry_id == "dashboard-occupied-after-tomar":  # times differ; A.1's states corrected
            assert shape(response.json()) == shape(item["response"]["body"])
            assert response.json()[0]["estado_detalle"] == (
                "MR(93) trabajando ARM (ARM en progreso, SOLD pendiente)")
            continue
        assert response.status_code == item["response"]["status"], entry_id
        assert response.json() == item["response"]["body"], entry_id


def test_lock_expired_entry():
    item = entry("pausar-410-lock-expired")
    with running_standin(testing=True, env={"REDIS_LOCK_TTL_SECONDS": "1"}) as standin:
        api = Api(standin.base_url)
        names = prepared_tags(api, item)
        time.sleep(1.5)
        check_answer(item, send(api, item, names), names)


@pytest.fixture(scope="module")
def redis_down():
    with running_standin(testing=True) as standin:
        standin.redis.stop()
        yield Api(standin.base_url)


@pytest.mark.parametrize("entry_id", ids("redis-down"))
def test_redis_down_entries(redis_down, entry_id):
    item = entry(entry_id)
    response = send(redis_down, item, {})
    if entry_id == "tomar-500-redis-down":  # D10 fixed: 503, not a generic 500
        assert response.status_code == 503
        assert response.json()["detail"].startswith("Redis service unavailable: ")
        return
    check_answer(item, response, {})
    if entry_id == "health-degraded-redis-down":
        assert response.json()["details"]["redis_error"]
