"""Bad input is always a 422 naming the field, never a 5xx."""

import json

import pytest

from .conftest import TODAY

VALID = {"tag_spool": "TEST-01", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM",
         "fecha_operacion": TODAY}


def fields_named(response) -> set[str]:
    assert response.status_code == 422, response.text
    return {str(error["loc"][-1]) for error in response.json()["detail"]}


@pytest.mark.parametrize("field,value", [
    ("worker_id", "93"), ("worker_id", 93.0), ("worker_id", True), ("worker_id", 0),
    ("worker_id", -1), ("worker_id", None),
    ("tag_spool", ""), ("tag_spool", "x" * 65), ("tag_spool", "bad tag"), ("tag_spool", 7),
    ("worker_nombre", ""), ("worker_nombre", "x" * 100_000), ("worker_nombre", 5),
    ("operacion", "PINTURA"), ("operacion", "arm"),
    ("fecha_operacion", "2026-02-30"), ("fecha_operacion", "02/02/2026"),
    ("fecha_operacion", "2026-2-2"), ("fecha_operacion", 20260202),
    ("resultado", "MAYBE"),
])
def test_completar_rejects_the_field(api, field, value):
    assert field in fields_named(api.post("/api/occupation/completar", {**VALID, field: value}))


def test_a_worker_id_beyond_any_integer_type_is_just_unknown(api):
    body = {k: v for k, v in VALID.items() if k != "fecha_operacion"}
    response = api.post("/api/occupation/tomar", {**body, "worker_id": 10**30})
    assert (response.status_code, response.json()["error"]) == (404, "WORKER_NOT_FOUND")


@pytest.mark.parametrize("field", ["worker_nombre", "worker_id", "tag_spool"])
def test_unpaired_surrogates_are_a_422_not_a_500(api, field):
    body = json.dumps({**VALID, field: "SURROGATE"}).replace('"SURROGATE"', '"\\ud800"')
    response = api.session.post(f"{api.base_url}/api/occupation/completar", data=body,
                                headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 422 and field in fields_named(response)


def test_completar_without_fecha_operacion(api):
    body = {k: v for k, v in VALID.items() if k != "fecha_operacion"}
    assert fields_named(api.post("/api/occupation/completar", body)) == {"fecha_operacion"}


def test_metrologia_without_resultado(api):
    body = {**VALID, "operacion": "METROLOGIA"}
    assert fields_named(api.post("/api/occupation/completar", body)) == {"resultado"}


def test_tomar_metrologia_is_a_validation_error(api):
    body = {k: v for k, v in VALID.items() if k != "fecha_operacion"}
    assert fields_named(api.post("/api/occupation/tomar", {**body, "operacion": "METROLOGIA"})) == {
        "operacion"}


def test_unknown_fields_are_named(api):
    assert "colour" in fields_named(api.post("/api/occupation/completar", {**VALID, "colour": 1}))


@pytest.mark.parametrize("payload", [b"{not json", b"", b"[]", b"null", b'"text"', b"{" * 5000])
@pytest.mark.parametrize("action", ["tomar", "pausar", "completar"])
def test_malformed_bodies(api, action, payload):
    response = api.session.post(f"{api.base_url}/api/occupation/{action}", data=payload,
                                headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_valid_resultado_is_ignored_on_arm(api, spool):
    api.tomar(spool, 93)
    response = api.completar(spool, 93, resultado="APROBADO")
    assert response.status_code == 200 and response.json()["estado"] == "COMPLETADO"
