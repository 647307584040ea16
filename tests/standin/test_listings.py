"""The spool lists (A.8): filters, texts and the 15-key Spool object; the dashboard."""

import pytest

SPOOL_KEYS = ["tag_spool", "nv", "arm", "sold", "fecha_materiales", "fecha_armado",
              "fecha_soldadura", "fecha_qc_metrologia", "armador", "soldador", "proyecto",
              "ocupado_por", "fecha_ocupacion", "version", "estado_detalle"]


def tags_in(api, path) -> set[str]:
    return {spool["tag_spool"] for spool in api.get(path).json()["spools"]}


def test_the_spool_object_has_fifteen_keys_with_constant_ones(api, spool):
    api.tomar(spool, 93)
    entry = api.listed("/api/spools/completar?operacion=ARM&worker_nombre=x", spool)
    assert list(entry) == SPOOL_KEYS
    assert entry == {"tag_spool": spool, "nv": "NV-TEST", "arm": "PENDIENTE",
                     "sold": "PENDIENTE", "fecha_materiales": "2026-01-20",
                     "fecha_armado": None, "fecha_soldadura": None, "fecha_qc_metrologia": None,
                     "armador": "MR(93)", "soldador": None, "proyecto": None,
                     "ocupado_por": "MR(93)", "fecha_ocupacion": None, "version": 0,
                     "estado_detalle": None}


@pytest.mark.parametrize("operacion,filtro", [
    ("ARM", "ARM - Fecha_Materiales llena Y Armador vacío"),
    ("sold", "SOLD - Fecha_Armado llena Y Soldador vacío"),
    ("Metrologia", "METROLOGIA - Fecha_Soldadura llena Y Fecha_QC_Metrología vacía"),
])
def test_iniciar_is_case_insensitive_and_names_its_filter(api, operacion, filtro):
    body = api.get(f"/api/spools/iniciar?operacion={operacion}").json()
    assert body["filtro_aplicado"] == filtro and body["total"] == len(body["spools"])


def test_iniciar_arm_lists_free_spools_with_materials_even_paused_or_completed(api):
    fresh, held, paused, done = (api.fresh_spool() for _ in range(4))
    bare = api.fresh_spool(fecha_materiales=None)
    api.tomar(held, 93)
    api.tomar(paused, 93)
    api.pausar(paused, 93)
    api.complete(done, 93, "ARM")
    listed = tags_in(api, "/api/spools/iniciar?operacion=ARM")
    assert {fresh, paused, done} <= listed and not {held, bare} & listed


def test_iniciar_sold_and_metrologia(api):
    armed, welding, welded = (api.fresh_spool() for _ in range(3))
    for tag in (armed, welding, welded):
        api.complete(tag, 93, "ARM")
    api.tomar(welding, 94, "SOLD")
    api.complete(welded, 94, "SOLD")
    sold = tags_in(api, "/api/spools/iniciar?operacion=SOLD")
    assert {armed, welded} <= sold and welding not in sold
    api.tomar(welded, 95, "METROLOGIA")  # held for METROLOGIA: still listed
    metrologia = tags_in(api, "/api/spools/iniciar?operacion=METROLOGIA")
    assert welded in metrologia and not {armed, welding} & metrologia


def test_completar_lists_started_unfinished_work_of_anyone(api):
    held, paused, done = (api.fresh_spool() for _ in range(3))
    api.tomar(held, 94)
    api.tomar(paused, 93)
    api.pausar(paused, 93)
    api.complete(done, 93, "ARM")
    listed = tags_in(api, "/api/spools/completar?operacion=arm&worker_nombre=MR(93)")
    assert {held, paused} <= listed and done not in listed
    api.tomar(done, 94, "SOLD")
    body = api.get("/api/spools/completar?operacion=SOLD&worker_nombre=nadie").json()
    assert done in {s["tag_spool"] for s in body["spools"]}
    assert body["filtro_aplicado"] == "SOLD - Soldador lleno Y Fecha_Soldadura vacía"


def test_cancelar_lists_the_workers_own_unfinished_work(api):
    mine, theirs = api.fresh_spool(), api.fresh_spool()
    api.tomar(mine, 93)
    api.tomar(theirs, 94)
    body = api.get("/api/spools/cancelar?operacion=ARM&worker_id=93").json()
    listed = {s["tag_spool"] for s in body["spools"]}
    assert mine in listed and theirs not in listed
    assert body["filtro_aplicado"] == "ARM - Armador lleno Y Fecha_Armado vacía Y worker_id=93"


@pytest.mark.parametrize("path,text", [
    ("/api/spools/iniciar?operacion=PINTURA",
     "Operación inválida 'PINTURA'. Debe ser ARM, SOLD o METROLOGIA."),
    ("/api/spools/completar?operacion=PINTURA&worker_nombre=x",
     "Operación inválida 'PINTURA'. Debe ser ARM o SOLD."),
    ("/api/spools/cancelar?operacion=pintura&worker_id=93",
     "Operación inválida 'pintura'. Debe ser ARM o SOLD."),
])
def test_an_unknown_operation_is_400(api, path, text):
    response = api.get(path)
    assert (response.status_code, response.json()) == (400, {"detail": text})


@pytest.mark.parametrize("path,missing", [
    ("/api/spools/iniciar", "operacion"), ("/api/spools/completar?operacion=ARM", "worker_nombre"),
    ("/api/spools/cancelar?operacion=ARM", "worker_id"),
])
def test_missing_query_parameters_are_422(api, path, missing):
    response = api.get(path)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"type": "missing", "loc": ["query", missing],
                                          "msg": "Field required", "input": None}]


def test_the_dashboard_shows_held_spools_last_row_first(api):
    first, second = api.fresh_spool(), api.fresh_spool()
    api.tomar(first, 93)
    api.tomar(second, 94)
    board = [entry for entry in api.get("/api/dashboard/occupied").json()
             if entry["tag_spool"] in (first, second)]
    assert [entry["tag_spool"] for entry in board] == [second, first]
    assert board[0]["estado_detalle"] == "JP(94) trabajando ARM (ARM en progreso, SOLD pendiente)"
    assert list(board[0]) == ["tag_spool", "worker_nombre", "estado_detalle", "fecha_ocupacion"]
    day, clock = board[0]["fecha_ocupacion"].split(" ")
    assert len(day.split("-")[2]) == 4 and len(clock.split(":")) == 3
    api.pausar(second, 94)
    assert second not in {e["tag_spool"] for e in api.get("/api/dashboard/occupied").json()}
