"""Occupation rules of the contract: TOMAR, PAUSAR, COMPLETAR and their errors."""

import pytest

from .conftest import error_of


def test_tomar_takes_a_free_spool(api, spool):
    response = api.tomar(spool, 93)
    assert response.status_code == 200
    assert response.json() == {
        "success": True, "tag_spool": spool, "worker_id": 93, "operacion": "ARM",
        "estado": "EN_PROGRESO", "message": response.json()["message"],
    }
    holder = api.get(f"/api/spools/{spool}").json()["ocupado_por"]
    assert holder["worker_id"] == 93 and holder["operacion"] == "ARM"


def test_tomar_of_a_held_spool_is_occupied_even_for_the_holder(api, spool):
    api.tomar(spool, 93)
    assert error_of(api.tomar(spool, 94)) == (409, "SPOOL_OCCUPIED")
    assert error_of(api.tomar(spool, 93)) == (409, "SPOOL_OCCUPIED")


def test_pausar_frees_the_spool_and_keeps_the_operation_paused(api, spool):
    api.tomar(spool, 93)
    response = api.pausar(spool, 93)
    assert response.status_code == 200 and response.json()["estado"] == "PAUSADO"
    state = api.get(f"/api/spools/{spool}").json()
    assert state["ocupado_por"] is None
    assert state["operaciones"]["ARM"]["estado"] == "PAUSADO"
    assert api.tomar(spool, 94).status_code == 200


def test_completar_arm_releases_and_marks_completed(api, spool):
    api.tomar(spool, 93)
    response = api.completar(spool, 93)
    assert response.json()["estado"] == "COMPLETADO"
    state = api.get(f"/api/spools/{spool}").json()
    assert state["ocupado_por"] is None
    assert state["operaciones"]["ARM"]["estado"] == "COMPLETADO"


def test_pausar_and_completar_of_a_free_spool_are_not_occupied(api, spool):
    assert error_of(api.pausar(spool, 93)) == (409, "SPOOL_NOT_OCCUPIED")
    assert error_of(api.completar(spool, 93)) == (409, "SPOOL_NOT_OCCUPIED")


def test_pausar_and_completar_by_another_worker_are_not_owner(api, spool):
    api.tomar(spool, 93)
    assert error_of(api.pausar(spool, 94)) == (403, "NOT_OWNER")
    assert error_of(api.completar(spool, 94)) == (403, "NOT_OWNER")
    assert error_of(api.pausar(spool, 94, "SOLD")) == (403, "NOT_OWNER")


def test_holder_naming_another_operation_is_not_occupied(api, spool):
    api.tomar(spool, 93, "ARM")
    assert error_of(api.pausar(spool, 93, "SOLD")) == (409, "SPOOL_NOT_OCCUPIED")
    assert error_of(api.completar(spool, 93, "SOLD")) == (409, "SPOOL_NOT_OCCUPIED")


def test_sold_needs_arm_completed(api, spool):
    assert error_of(api.tomar(spool, 94, "SOLD")) == (409, "DEPENDENCY_NOT_MET")
    api.tomar(spool, 93)
    api.pausar(spool, 93)
    assert error_of(api.tomar(spool, 94, "SOLD")) == (409, "DEPENDENCY_NOT_MET")


def test_tomar_of_a_completed_operation(api, spool):
    api.complete(spool, 93, "ARM")
    assert error_of(api.tomar(spool, 93, "ARM")) == (409, "OPERATION_COMPLETED")
    assert api.tomar(spool, 94, "SOLD").status_code == 200


def test_tomar_rule_order_occupied_first(api, spool):
    api.complete(spool, 93, "ARM")
    api.tomar(spool, 94, "SOLD")
    assert error_of(api.tomar(spool, 93, "ARM")) == (409, "SPOOL_OCCUPIED")


def test_metrologia_is_instant_with_a_verdict(api, spool):
    api.complete(spool, 93, "ARM")
    api.complete(spool, 94, "SOLD")
    response = api.completar(spool, 95, "METROLOGIA", resultado="RECHAZADO")
    assert response.status_code == 200 and response.json()["estado"] == "RECHAZADO"
    state = api.get(f"/api/spools/{spool}").json()
    assert state["ocupado_por"] is None
    assert state["operaciones"]["METROLOGIA"]["estado"] == "RECHAZADO"
    second = api.completar(spool, 95, "METROLOGIA", resultado="APROBADO")
    assert error_of(second) == (409, "OPERATION_COMPLETED")


def test_metrologia_needs_sold_completed(api, spool):
    api.complete(spool, 93, "ARM")
    assert error_of(api.completar(spool, 95, "METROLOGIA", resultado="APROBADO")) == (
        409, "DEPENDENCY_NOT_MET")


def test_metrologia_on_a_held_spool_is_occupied(api, spool):
    api.complete(spool, 93, "ARM")
    api.tomar(spool, 94, "SOLD")
    assert error_of(api.completar(spool, 95, "METROLOGIA", resultado="APROBADO")) == (
        409, "SPOOL_OCCUPIED")


def test_unknown_spool_and_workers(api, spool):
    assert error_of(api.tomar("NO-SUCH-SPOOL", 93)) == (404, "SPOOL_NOT_FOUND")
    assert error_of(api.tomar(spool, 999)) == (404, "WORKER_NOT_FOUND")
    assert error_of(api.tomar(spool, 96)) == (404, "WORKER_NOT_FOUND")


def test_check_order_spool_before_worker(api):
    assert error_of(api.tomar("NO-SUCH-SPOOL", 999)) == (404, "SPOOL_NOT_FOUND")


@pytest.mark.parametrize("tag", ["TEST-01", "TEST-20"])
def test_reference_spools_exist(api, tag):
    assert api.get(f"/api/spools/{tag}").status_code == 200


def test_reset_frees_a_held_spool(api, spool):
    api.tomar(spool, 93)
    api.post("/api/testing/spools", {"tag_spool": spool})
    assert api.get(f"/api/history/{spool}").json()["sessions"] == []
    assert api.tomar(spool, 94).status_code == 200
