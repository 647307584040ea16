"""The instant METROLOGIA verdict: A.5's designed order and bodies; no Redis lock needed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from .conftest import unique_tag


def ready_for_inspection(api) -> str:
    tag = api.fresh_spool()
    api.complete(tag, 93, "ARM")
    api.complete(tag, 94, "SOLD")
    return tag


def santiago_today() -> str:
    return datetime.now(ZoneInfo("America/Santiago")).date().isoformat()


@pytest.mark.parametrize("resultado,estado", [
    ("APROBADO", "Disponible - ARM completado, SOLD completado, METROLOGIA APROBADO ✓"),
    ("RECHAZADO", "Disponible - ARM completado, SOLD completado, "
                  "METROLOGIA RECHAZADO - Pendiente reparación"),
])
def test_a_verdict_is_recorded_in_one_call(api, resultado, estado):
    tag = ready_for_inspection(api)
    response = api.verdict(tag, resultado=resultado)
    assert response.status_code == 200
    assert response.json() == {
        "success": True, "tag_spool": tag, "resultado": resultado, "estado_detalle": estado,
        "message": f"Metrología {resultado.lower()} para spool {tag}"}
    assert api.listed("/api/spools/iniciar?operacion=METROLOGIA", tag) is None
    inspected = api.listed("/api/spools/iniciar?operacion=SOLD", tag)
    assert inspected["fecha_qc_metrologia"] == santiago_today()


def test_rejected_spools_wait_for_repair(api):
    approved, rejected = ready_for_inspection(api), ready_for_inspection(api)
    api.verdict(approved, resultado="APROBADO")
    api.verdict(rejected, resultado="RECHAZADO")
    body = api.get("/api/spools/reparacion").json()
    listed = {spool["tag_spool"]: spool for spool in body["spools"]}
    assert approved not in listed
    assert listed[rejected] == {
        "tag_spool": rejected, "estado_detalle": "Disponible - ARM completado, SOLD completado, "
                                                 "METROLOGIA RECHAZADO - Pendiente reparación",
        "fecha_rechazo": santiago_today(), "cycle": 0, "bloqueado": False}
    assert body["total"] == len(body["spools"])
    assert body["filtro_aplicado"] == "RECHAZADO + BLOQUEADO visibles (no ocupados)"
    api.tomar(rejected, 93, "REPARACION")
    waiting = api.get("/api/spools/reparacion").json()["spools"]
    assert rejected not in {spool["tag_spool"] for spool in waiting}


def test_verdicts_never_appear_in_history(api):
    tag = ready_for_inspection(api)
    before = api.history(tag)
    api.verdict(tag)
    assert api.history(tag) == before


def test_the_inspector_must_be_an_active_worker_first(api):
    for worker in (999, 96):
        response = api.verdict(unique_tag("NOPE"), worker=worker)
        assert (response.status_code, response.json()) == (404, {
            "success": False, "error": "WORKER_NO_ENCONTRADO",
            "message": f"Trabajador '{worker}' no encontrado o inactivo",
            "data": {"worker_nombre": str(worker)}})


def test_any_active_worker_may_inspect(api):
    assert api.verdict(ready_for_inspection(api), worker=93).status_code == 200


def test_an_unknown_spool_is_404(api):
    tag = unique_tag("NOPE")
    response = api.verdict(tag)
    assert (response.status_code, response.json()) == (404, {
        "success": False, "error": "SPOOL_NO_ENCONTRADO",
        "message": f"Spool '{tag}' no encontrado en hoja Operaciones", "data": {"tag_spool": tag}})


def test_arm_then_sold_must_be_complete(api, spool):
    def refusal(missing, reason):
        return {"success": False, "error": "DEPENDENCIAS_NO_SATISFECHAS",
                "message": f"No se puede iniciar METROLOGIA en spool '{spool}': falta {missing} "
                           f"({reason})",
                "data": {"tag_spool": spool, "operacion": "METROLOGIA",
                         "dependencia_faltante": missing}}

    response = api.verdict(spool)
    assert (response.status_code, response.json()) == (
        400, refusal("ARM completado", "Armado debe finalizar antes de metrología"))
    api.complete(spool, 93, "ARM")
    response = api.verdict(spool)
    assert (response.status_code, response.json()) == (
        400, refusal("SOLD completado", "Soldadura debe finalizar antes de metrología"))


def test_a_second_verdict_is_refused(api):
    tag = ready_for_inspection(api)
    api.verdict(tag, resultado="RECHAZADO")
    response = api.verdict(tag, resultado="APROBADO")
    assert (response.status_code, response.json()) == (400, {
        "success": False, "error": "OPERACION_YA_COMPLETADA",
        "message": f"La operación METROLOGIA del spool '{tag}' ya fue completada. Contacta al "
                   "administrador si necesitas hacer correcciones.",
        "data": {"tag_spool": tag, "operacion": "METROLOGIA"}})


def test_a_held_spool_is_refused_409(api):
    tag = ready_for_inspection(api)
    api.tomar(tag, 95, "METROLOGIA")
    response = api.verdict(tag)
    assert (response.status_code, response.json()) == (409, {
        "success": False, "error": "SPOOL_OCCUPIED",
        "message": f"El spool '{tag}' ya está ocupado por CG(95) (ID: 95). Espera a que termine "
                   "o elige otro spool.",
        "data": {"tag_spool": tag, "owner_id": 95, "owner_name": "CG(95)"}})


def test_metrologia_on_the_occupation_route_is_no_verdict(api):
    tag = ready_for_inspection(api)
    api.tomar(tag, 95, "METROLOGIA")
    assert api.completar(tag, 95, "METROLOGIA", resultado="APROBADO").status_code == 200
    still = api.listed("/api/spools/iniciar?operacion=METROLOGIA", tag)
    assert still is not None and still["fecha_qc_metrologia"] is None
    assert api.verdict(tag).status_code == 200
