"""POST /api/testing/spools: creates or resets a spool, fresh but for its materials."""

from .conftest import unique_tag

FRESH = {"nv": "NV-TEST", "arm": "PENDIENTE", "sold": "PENDIENTE",
         "fecha_armado": None, "fecha_soldadura": None, "fecha_qc_metrologia": None,
         "armador": None, "soldador": None, "proyecto": None, "ocupado_por": None,
         "fecha_ocupacion": None, "version": 0, "estado_detalle": None}


def test_a_new_spool_has_the_seed_materials_by_default(api):
    tag = unique_tag()
    response = api.post("/api/testing/spools", {"tag_spool": tag})
    assert response.status_code == 201
    assert response.json() == {"tag_spool": tag, "fecha_materiales": "2026-01-20", **FRESH}


def test_materials_can_be_given_or_left_out(api):
    tag = unique_tag()
    dated = api.post("/api/testing/spools", {"tag_spool": tag, "fecha_materiales": "2026-03-04"})
    assert dated.json()["fecha_materiales"] == "2026-03-04"
    bare = api.post("/api/testing/spools", {"tag_spool": tag, "fecha_materiales": None})
    assert bare.json()["fecha_materiales"] is None


def test_a_reset_clears_lock_holder_workers_dates_verdict_and_history(api, spool):
    api.complete(spool, 93, "ARM")
    api.complete(spool, 94, "SOLD")
    api.verdict(spool, resultado="RECHAZADO")
    api.tomar(spool, 93, "REPARACION")
    response = api.post("/api/testing/spools", {"tag_spool": spool})
    assert response.json() == {"tag_spool": spool, "fecha_materiales": "2026-01-20", **FRESH}
    assert api.listed("/api/spools/iniciar?operacion=ARM", spool) == response.json()
    assert api.history(spool) == []
    assert api.tomar(spool, 94).status_code == 200


def test_the_seed_spools_can_be_reset_too(api):
    assert api.post("/api/testing/spools", {"tag_spool": "TEST-20"}).status_code == 201


def test_a_bad_body_is_422(api):
    for body in ({}, {"tag_spool": ""}, {"tag_spool": "X", "fecha_materiales": "20-01-2026"}):
        response = api.post("/api/testing/spools", body)
        assert response.status_code == 422, body
