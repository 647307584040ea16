"""The schemas in schemas/ describe the real ZEUES v3.0 messages: valid Draft 2020-12, their own
examples conform, the request schemas are as lax as pydantic's lax mode (contract A.0), and
answers only a defect produces are refused."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from zeues_acceptance.contract import load_schema, schema_names, violations
from zeues_acceptance.routes import ROUTES

REFERENCE = Path(__file__).parent / "reference" / "zeues-v3.0-f0ec7b5"
BODY = {"tag_spool": "TEST-03", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM",
        "fecha_operacion": "2026-02-02"}


@pytest.mark.parametrize("name", schema_names())
def test_every_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("name", schema_names())
def test_every_example_meets_its_schema(name):
    for example in load_schema(name).get("examples", []):
        assert violations(name, example) == [], example


@pytest.mark.parametrize("value", [93, "93", 93.0, "93.0", True])
def test_worker_id_is_as_lax_as_pydantic(value):
    assert violations("completar-request", {**BODY, "worker_id": value}) == []


@pytest.mark.parametrize("value", [93.5, "abc", None, 0, -1, False])
def test_worker_ids_pydantic_refuses_are_refused(value):
    assert violations("completar-request", {**BODY, "worker_id": value})


@pytest.mark.parametrize("value", ["2026-02-02", "2026-02-02T00:00:00", 1769990400, None, "", 0, False])
def test_work_dates_pydantic_accepts(value):
    assert violations("completar-request", {**BODY, "fecha_operacion": value}) == []


@pytest.mark.parametrize("value", ["02-02-2026", "2026-02-30", "2026-02-02T10:00:00", 1769990401])
def test_work_dates_pydantic_refuses(value):
    assert violations("completar-request", {**BODY, "fecha_operacion": value})


def test_the_work_date_key_itself_is_required():
    body = {key: value for key, value in BODY.items() if key != "fecha_operacion"}
    assert any("fecha_operacion" in problem for problem in violations("completar-request", body))


@pytest.mark.parametrize("change", [{"operacion": "arm"}, {"operacion": "PINTURA"},
                                    {"tag_spool": ""}, {"worker_nombre": 93}])
def test_values_pydantic_refuses(change):
    assert violations("tomar-request", {**BODY, **change})


def test_unknown_keys_are_ignored_as_pydantic_does():
    assert violations("tomar-request", {**BODY, "anything": [1, 2]}) == []


def test_a_verdict_must_be_exact():
    body = {"tag_spool": "X", "worker_id": 95, "resultado": "APROBADO"}
    assert violations("metrologia-completar-request", body) == []
    assert violations("metrologia-completar-request", {**body, "resultado": "aprobado"})


@pytest.mark.parametrize("body", [
    {"success": False, "error": "INTERNAL_SERVER_ERROR",
     "message": "Error interno del servidor. Contacta al administrador.", "data": None},
])
def test_the_verdict_route_never_accepts_a_crash_as_its_answer(body):
    assert violations(ROUTES["verdict"].schemas_for(200), body)
    assert ROUTES["verdict"].schemas_for(500) is None


def test_an_open_session_has_no_duration_and_a_closed_one_has_one():
    session = {"worker_nombre": "MR(93)", "worker_id": 93, "operacion": "ARM",
               "start_time": "2026-12-01T06:57:21-03:00", "end_time": None, "duration": "0m"}
    history = {"tag_spool": "TEST-05", "sessions": [session]}
    assert violations("history-response", history)
    session["duration"] = None
    assert violations("history-response", history) == []
    session["end_time"] = "2026-12-01T08:12:21-03:00"
    assert violations("history-response", history)
    session["duration"] = "1h 15m"
    assert violations("history-response", history) == []


def test_health_that_says_degraded_must_name_the_redis_error():
    degraded = {"status": "degraded", "operational": False, "timestamp": "2026-12-01T09:57:33Z",
                "environment": "production", "sheets_connection": "ok", "redis_connection": "error",
                "version": "3.0.0"}
    assert violations("health-response", degraded)
    assert violations("health-response", {**degraded, "details": {"redis_error": "x"}}) == []
    assert violations("health-response", {**degraded, "status": "healthy",
                                          "details": {"redis_error": "x"}})


def test_a_pause_event_names_no_worker():
    pause = {"event_type": "PAUSAR", "tag_spool": "TEST-01", "worker_nombre": "MR(93)",
             "estado_detalle": "ARM parcial (pausado)", "timestamp": "01-12-2026 06:57:08",
             "operacion": "ARM"}
    assert violations("spool-update-event", pause)
    assert violations("spool-update-event", {**pause, "worker_nombre": None}) == []


def test_the_stand_ins_usage_keys_are_optional_but_come_together():
    stats = {"status": "ok", "max_connections": 20, "pool_created": True, "alert": None,
             "timestamp": "2026-12-01T09:57:21.324520Z"}
    assert violations("connection-stats-response", stats) == []
    assert violations("connection-stats-response", {**stats, "active_connections": 2})
    assert violations("connection-stats-response", {**stats, "active_connections": 2,
                                                    "available_connections": 18,
                                                    "utilization_percent": 10.0}) == []


def test_the_recorded_sse_stream_carries_valid_events():
    text = (REFERENCE / "sse-stream.txt").read_bytes().decode()
    data = [line.removeprefix("data: ") for line in text.split("\r\n") if line.startswith("data: ")]
    assert data and all(violations("spool-update-event", json.loads(item)) == [] for item in data)


def test_a_listing_names_the_spool_that_breaks_it_however_often_the_others_were_seen():
    listing = json.loads((REFERENCE / "exchanges.json").read_text())
    body = next(e for e in listing if e["id"] == "spools-iniciar-arm-fresh")["response"]["body"]
    assert violations("spool-list-response", body) == []
    body["spools"][7] = {**body["spools"][7], "arm": 0.1}
    (problem,) = violations("spool-list-response", body)
    assert problem.startswith("$.spools[7].arm: enum")
    assert violations("spool-list-response", {**body, "total": -1})[0].startswith("$.total")
