"""Request validation exactly as the real API's pydantic 2 lax mode (contract A.0's table),
FastAPI's own 422 bodies, and never a 500 for any input."""

import json
from datetime import datetime, timezone

import pytest

from .conftest import TODAY

TOMAR = "/api/occupation/tomar"
COMPLETAR = "/api/occupation/completar"
SPOOL_LIST = "/api/spools/iniciar?operacion=SOLD"
MIDNIGHT_UTC = int(datetime(2026, 2, 2, tzinfo=timezone.utc).timestamp())


def errors_of(response) -> list[dict]:
    assert response.status_code == 422, response.text
    return response.json()["detail"]


def body(tag, **changes) -> dict:
    return {"tag_spool": tag, "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM",
            **changes}


@pytest.mark.parametrize("worker_id,held_by", [
    (93, 93), ("93", 93), (93.0, 93), ("93.0", 93), (True, 1)])
def test_integers_accepted_in_lax_mode(api, spool, worker_id, held_by):
    assert api.post(TOMAR, body(spool, worker_id=worker_id)).status_code == 200
    conflict = api.tomar(spool, 94)
    assert f"Worker {held_by} (ID: {held_by})" in conflict.json()["detail"]


@pytest.mark.parametrize("worker_id,error_type,ctx", [
    (93.5, "int_from_float", None), ("abc", "int_parsing", None), (None, "int_type", None),
    (0, "greater_than", {"gt": 0}), (-1, "greater_than", {"gt": 0})])
def test_integers_refused(api, spool, worker_id, error_type, ctx):
    (error,) = errors_of(api.post(TOMAR, body(spool, worker_id=worker_id)))
    assert (error["type"], error["loc"], error["input"]) == (
        error_type, ["body", "worker_id"], worker_id)
    assert error.get("ctx") == ctx


@pytest.mark.parametrize("value,error_type", [
    (5, "string_type"), (True, "string_type"), (None, "string_type"), ("", "string_too_short")])
@pytest.mark.parametrize("field", ["tag_spool", "worker_nombre"])
def test_strings_refused(api, field, value, error_type):
    (error,) = errors_of(api.post(TOMAR, body("TEST-01", **{field: value})))
    assert (error["type"], error["loc"]) == (error_type, ["body", field])
    if error_type == "string_too_short":
        assert error["ctx"] == {"min_length": 1}


@pytest.mark.parametrize("fecha,stored", [
    ("2026-02-02", "2026-02-02"), ("2026-02-02T00:00:00", "2026-02-02"),
    (MIDNIGHT_UTC, "2026-02-02"), (None, TODAY), ("", TODAY), (0, TODAY), (False, TODAY)])
def test_fecha_operacion_accepted(api, spool, fecha, stored):
    api.tomar(spool, 93)
    assert api.post(COMPLETAR, body(spool, fecha_operacion=fecha)).status_code == 200
    assert api.listed(SPOOL_LIST, spool)["fecha_armado"] == stored


@pytest.mark.parametrize("fecha,error_type,msg", [
    ("02-02-2026", "date_from_datetime_parsing",
     "Input should be a valid date or datetime, invalid character in year"),
    ("2026-02-30", "date_from_datetime_parsing",
     "Input should be a valid date or datetime, day value is outside expected range"),
    ("2026-02-02T10:00:00", "date_from_datetime_inexact",
     "Datetimes provided to dates should have zero time - e.g. be exact dates"),
])
def test_fecha_operacion_refused(api, fecha, error_type, msg):
    (error,) = errors_of(api.post(COMPLETAR, body("TEST-01", fecha_operacion=fecha)))
    assert (error["type"], error["loc"], error["msg"], error["input"]) == (
        error_type, ["body", "fecha_operacion"], msg, fecha)


def test_fecha_operacion_absent_is_missing_with_the_whole_body_as_input(api):
    sent = body("TEST-01")
    assert errors_of(api.post(COMPLETAR, sent)) == [
        {"type": "missing", "loc": ["body", "fecha_operacion"], "msg": "Field required",
         "input": sent}]


@pytest.mark.parametrize("operacion", ["arm", "PINTURA", "Sold"])
def test_enums_are_exact_case(api, operacion):
    assert errors_of(api.post(TOMAR, body("TEST-01", operacion=operacion))) == [
        {"type": "enum", "loc": ["body", "operacion"],
         "msg": "Input should be 'ARM', 'SOLD', 'METROLOGIA' or 'REPARACION'", "input": operacion,
         "ctx": {"expected": "'ARM', 'SOLD', 'METROLOGIA' or 'REPARACION'"}}]


def test_resultado_enum_of_the_verdict(api):
    verdict = {"tag_spool": "TEST-01", "worker_id": 95, "resultado": "aprobado"}
    (error,) = errors_of(api.post("/api/metrologia/completar", verdict))
    assert (error["type"], error["ctx"]) == ("enum", {"expected": "'APROBADO' or 'RECHAZADO'"})


def test_error_keys_come_in_fastapis_order_without_url(api):
    for error in errors_of(api.post(TOMAR, {"worker_id": 0, "operacion": "x"})):
        assert list(error)[:4] == ["type", "loc", "msg", "input"]
        assert set(error) <= {"type", "loc", "msg", "input", "ctx"}


def test_unknown_keys_are_ignored(api, spool):
    assert api.post(TOMAR, body(spool, colour="red", worker_id_2=5)).status_code == 200


def test_malformed_json(api):
    assert errors_of(api.post_raw(TOMAR, b"{not json")) == [
        {"type": "json_invalid", "loc": ["body", 1], "msg": "JSON decode error", "input": {},
         "ctx": {"error": "Expecting property name enclosed in double quotes"}}]


def test_an_empty_body_is_missing_with_input_null(api):
    assert errors_of(api.post_raw(TOMAR, b"")) == [
        {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]


@pytest.mark.parametrize("payload", [b"[]", b"null", b'"text"', b"{" * 5000, b"[" * 100_000,
                                     b"\xff\xfe", json.dumps(body("X" * 1_000_000)).encode()])
@pytest.mark.parametrize("path", [TOMAR, "/api/occupation/pausar", COMPLETAR,
                                  "/api/occupation/batch-tomar", "/api/metrologia/completar",
                                  "/api/testing/spools"])
def test_odd_bodies_never_get_a_server_error(api, path, payload):
    assert api.post_raw(path, payload).status_code < 500


@pytest.mark.parametrize("field", ["worker_nombre", "tag_spool"])
def test_unpaired_surrogates_are_a_422_not_a_500(api, field):
    raw = json.dumps(body("TEST-01", **{field: "SURROGATE"})).replace('"SURROGATE"', '"\\ud800"')
    (error,) = errors_of(api.post_raw(TOMAR, raw.encode()))
    assert (error["type"], error["loc"]) == ("string_unicode", ["body", field])


def test_a_huge_worker_nombre_is_recorded_as_sent(api, spool):
    name = "N" * 100_000
    assert api.post(TOMAR, body(spool, worker_nombre=name)).status_code == 200
    assert api.history(spool)[0]["worker_nombre"] == name


def test_a_worker_id_beyond_64_bits_is_just_an_id(api, spool):
    assert api.post(TOMAR, body(spool, worker_id=10**30)).status_code == 200


def test_query_parameters_are_validated_too(api):
    (error,) = errors_of(api.get("/api/spools/cancelar?operacion=ARM&worker_id=abc"))
    assert (error["type"], error["loc"]) == ("int_parsing", ["query", "worker_id"])

