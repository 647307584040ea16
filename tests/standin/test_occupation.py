"""TOMAR, PAUSAR and COMPLETAR: contract D's check orders, the real texts, every rule holding."""

from redis import Redis

from standin.locks import spool_lock_key

from .conftest import TODAY, detail, unique_tag

ARM_LIST = "/api/spools/iniciar?operacion=ARM"
ARM_STARTED = "/api/spools/completar?operacion=ARM&worker_nombre=x"
SOLD_STARTED = "/api/spools/completar?operacion=SOLD&worker_nombre=x"
OCCUPIED = "/api/dashboard/occupied"


def occupied_entry(api, tag):
    return next((entry for entry in api.get(OCCUPIED).json() if entry["tag_spool"] == tag), None)


def occupied_text(tag: str, owner: int) -> str:
    return (f"El spool '{tag}' ya está ocupado por Worker {owner} (ID: {owner}). "
            "Espera a que termine o elige otro spool.")


def expired_text(tag: str) -> str:
    return (f"El lock del spool '{tag}' expiró durante la operación. La operación tardó "
            "demasiado. Intenta nuevamente.")


# TOMAR

def test_tomar_answers_three_keys_and_holds_the_spool(api, spool):
    response = api.tomar(spool, 93)
    assert response.status_code == 200
    assert response.json() == {"success": True, "tag_spool": spool,
                               "message": f"Spool {spool} tomado por MR(93)"}
    entry = occupied_entry(api, spool)
    assert entry["worker_nombre"] == "MR(93)"
    assert entry["estado_detalle"] == "MR(93) trabajando ARM (ARM en progreso, SOLD pendiente)"
    assert api.listed(ARM_STARTED, spool)["armador"] == "MR(93)"
    assert api.listed(ARM_LIST, spool) is None


def test_one_holder_at_a_time_even_for_the_holder(api, spool):
    api.tomar(spool, 93)
    assert detail(api.tomar(spool, 94, "SOLD")) == (409, occupied_text(spool, 93))
    assert detail(api.tomar(spool, 93)) == (409, occupied_text(spool, 93))


def test_tomar_of_an_unknown_spool_is_404(api):
    tag = unique_tag("NOPE")
    assert detail(api.tomar(tag, 93)) == (404, f"Spool '{tag}' no encontrado en hoja Operaciones")


def test_materials_first_and_no_lock_taken(api):
    tag = api.fresh_spool(fecha_materiales=None)
    text = (f"No se puede iniciar SOLD en spool '{tag}': falta Fecha_Materiales (El spool debe "
            "tener materiales registrados antes de ocuparlo)")
    assert detail(api.tomar(tag, 94, "SOLD")) == (400, text)
    assert detail(api.pausar(tag, 94, "SOLD"))[0] == 400
    assert detail(api.completar(tag, 94, "SOLD")) == (410, expired_text(tag))


def test_spool_and_materials_are_checked_before_the_lock(api, standin):
    """A lock left on an unknown spool, or on one without materials, does not turn the 404
    or the 400 into a 409; COMPLETAR on an unknown spool is 404 even with a lock (R4)."""
    unknown = unique_tag("NOPE")
    bare = api.fresh_spool(fecha_materiales=None)
    with Redis.from_url(standin.redis.url) as redis:
        for tag in (unknown, bare):
            redis.set(spool_lock_key(tag), "94:planted")
        assert detail(api.tomar(unknown, 93))[0] == 404
        assert detail(api.completar(unknown, 94))[0] == 404
        assert detail(api.tomar(bare, 93))[0] == 400
        redis.delete(spool_lock_key(unknown), spool_lock_key(bare))


def test_finished_work_is_refused_and_leaves_no_lock(api, spool):
    api.complete(spool, 93, "ARM")
    assert detail(api.tomar(spool, 93)) == (400, "Cannot TOMAR ARM - operation already completed")
    assert occupied_entry(api, spool) is None
    assert api.tomar(spool, 94, "SOLD").status_code == 200, "the refusal left its lock behind"


def test_sold_needs_arm_started(api, spool):
    text = (f"No se puede iniciar SOLD en spool '{spool}': falta ARM iniciado (SOLD no puede "
            "iniciarse sin ARM iniciado)")
    assert detail(api.tomar(spool, 94, "SOLD")) == (400, text)
    assert api.tomar(spool, 93).status_code == 200, "the refusal left its lock behind"
    api.pausar(spool, 93)
    assert api.tomar(spool, 94, "SOLD").status_code == 200  # ARM started (paused) is enough


def test_a_refused_tomar_sends_nothing_and_logs_nothing(api, spool):
    api.tomar(spool, 94, "SOLD")
    assert api.history(spool) == []


def test_resuming_keeps_who_started(api, spool):
    api.tomar(spool, 93)
    api.pausar(spool, 93)
    assert api.tomar(spool, 94).status_code == 200
    assert api.listed(ARM_STARTED, spool)["armador"] == "MR(93)"
    assert api.listed(ARM_STARTED, spool)["ocupado_por"] == "JP(94)"


def test_any_worker_id_and_name_are_accepted_as_sent(api, spool):
    body = {"tag_spool": spool, "worker_id": 96, "worker_nombre": "Luis S.", "operacion": "ARM"}
    assert api.post("/api/occupation/tomar", body).status_code == 200
    assert occupied_entry(api, spool)["worker_nombre"] == "Luis S."


def test_metrologia_and_reparacion_only_take_and_release(api, spool):
    for operacion, worker in (("METROLOGIA", 95), ("REPARACION", 93)):
        assert api.tomar(spool, worker, operacion).status_code == 200
        held = api.listed(ARM_STARTED, spool)
        assert held is None  # no Armador written
        assert occupied_entry(api, spool)["estado_detalle"].startswith(
            f"{'CG(95)' if worker == 95 else 'MR(93)'} trabajando {operacion} (")
        assert api.completar(spool, worker, operacion).status_code == 200
    fresh = api.listed(ARM_LIST, spool)
    assert (fresh["armador"], fresh["fecha_armado"], fresh["fecha_qc_metrologia"]) == (
        None, None, None)
    assert [s["operacion"] for s in api.history(spool)] == ["METROLOGIA"]  # REPARACION unlogged


# PAUSAR

def test_pausar_frees_the_spool_and_the_operation_is_paused(api, spool):
    api.tomar(spool, 93)
    response = api.pausar(spool, 93)
    assert response.json() == {"success": True, "tag_spool": spool,
                               "message": f"Trabajo pausado en {spool}"}
    assert occupied_entry(api, spool) is None
    paused = api.listed(ARM_LIST, spool)
    assert (paused["armador"], paused["ocupado_por"], paused["fecha_armado"]) == (
        "MR(93)", None, None)
    assert detail(api.pausar(spool, 93)) == (
        400, "Cannot PAUSAR ARM from state 'pausado'. PAUSAR is only allowed from 'en_progreso' "
             "state.")


def test_pausar_of_a_spool_nobody_holds_is_400_pendiente(api, spool):
    assert detail(api.pausar(spool, 93)) == (
        400, "Cannot PAUSAR ARM from state 'pendiente'. PAUSAR is only allowed from "
             "'en_progreso' state.")


def test_pausar_naming_the_other_operation_is_refused_and_the_spool_stays_held(api, spool):
    api.tomar(spool, 93)
    assert detail(api.pausar(spool, 93, "SOLD")) == (
        400, "Cannot PAUSAR SOLD from state 'pendiente'. PAUSAR is only allowed from "
             "'en_progreso' state.")
    assert occupied_entry(api, spool)["worker_nombre"] == "MR(93)"


def test_only_the_holder_pauses_or_completes(api, spool):
    api.tomar(spool, 93)
    for action, word in (("pausar", "PAUSAR"), ("completar", "COMPLETAR")):
        assert detail(api.occupation(action, spool, 94, "ARM")) == (
            403, f"Solo Worker 93 puede completar {word} en '{spool}' (él/ella la inició). "
                 "Tú eres JP(94).")
    assert occupied_entry(api, spool)["worker_nombre"] == "MR(93)"


def test_the_403_names_the_worker_nombre_as_sent(api, spool):
    api.tomar(spool, 93)
    body = {"tag_spool": spool, "worker_id": 94, "worker_nombre": "Juanito", "operacion": "ARM"}
    assert detail(api.post("/api/occupation/pausar", body))[1].endswith("Tú eres Juanito.")


def test_pausar_of_an_unknown_spool_is_404(api):
    tag = unique_tag("NOPE")
    assert detail(api.pausar(tag, 93))[0] == 404


# COMPLETAR

def test_completar_writes_the_date_given_and_frees_the_spool(api, spool):
    api.tomar(spool, 93)
    response = api.completar(spool, 93, fecha_operacion="2026-02-02")
    assert response.json() == {"success": True, "tag_spool": spool,
                               "message": f"Operación completada en {spool}"}
    done = api.listed("/api/spools/iniciar?operacion=SOLD", spool)
    assert (done["fecha_armado"], done["armador"], done["ocupado_por"]) == (
        "2026-02-02", "MR(93)", None)
    assert detail(api.completar(spool, 93)) == (410, expired_text(spool))


def test_welding_after_assembly_stamps_only_the_welding_date(api, spool):
    api.tomar(spool, 93)
    api.completar(spool, 93, fecha_operacion="2026-02-02")
    api.tomar(spool, 94, "SOLD")
    assert api.completar(spool, 94, "SOLD", fecha_operacion="2026-02-03").status_code == 200
    done = api.listed("/api/spools/iniciar?operacion=METROLOGIA", spool)
    assert (done["fecha_armado"], done["fecha_soldadura"], done["soldador"]) == (
        "2026-02-02", "2026-02-03", "JP(94)")


def test_completar_naming_the_other_operation_is_400_and_the_spool_stays_held(api, spool):
    api.tomar(spool, 93)
    assert detail(api.completar(spool, 93, "SOLD")) == (
        400, "Cannot COMPLETAR SOLD from state 'pendiente'. COMPLETAR is only allowed from "
             "'en_progreso' state.")
    assert occupied_entry(api, spool)["worker_nombre"] == "MR(93)"
    assert api.listed(ARM_STARTED, spool)["fecha_armado"] is None


def test_completar_of_an_unknown_spool_is_404_not_410(api):
    tag = unique_tag("NOPE")
    assert detail(api.completar(tag, 93)) == (404, f"Spool '{tag}' no encontrado en hoja "
                                                   "Operaciones")


def test_completar_of_a_free_spool_is_410_and_writes_nothing(api, spool):
    assert detail(api.completar(spool, 93)) == (410, expired_text(spool))
    assert api.listed(ARM_LIST, spool)["fecha_armado"] is None


def test_resultado_is_accepted_and_ignored(api, spool):
    api.tomar(spool, 93)
    assert api.completar(spool, 93, resultado="cualquier cosa").status_code == 200
    assert api.listed("/api/spools/iniciar?operacion=SOLD", spool)["fecha_qc_metrologia"] is None


def test_falsy_fecha_operacion_is_the_servers_today(api, spool):
    api.tomar(spool, 93)
    assert api.completar(spool, 93, fecha_operacion=None).status_code == 200
    assert api.listed("/api/spools/iniciar?operacion=SOLD", spool)["fecha_armado"] == TODAY


# batch TOMAR

def test_batch_tomar_reports_each_spool(api):
    free, held, unknown = api.fresh_spool(), api.fresh_spool(), unique_tag("NOPE")
    api.tomar(held, 94)
    response = api.post("/api/occupation/batch-tomar", {
        "tag_spools": [free, held, unknown], "worker_id": 93, "worker_nombre": "MR(93)",
        "operacion": "ARM"})
    assert response.status_code == 200
    assert response.json() == {"total": 3, "succeeded": 1, "failed": 2, "details": [
        {"success": True, "tag_spool": free, "message": f"Spool {free} tomado por MR(93)"},
        {"success": False, "tag_spool": held,
         "message": f"Spool ya ocupado: {occupied_text(held, 94)}"},
        {"success": False, "tag_spool": unknown,
         "message": f"Error: Spool '{unknown}' no encontrado en hoja Operaciones"}]}


def test_batch_tomar_needs_one_to_fifty_different_spools(api):
    body = {"worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
    for tags in ([], ["A"] * 2, [f"T{n}" for n in range(51)]):
        response = api.post("/api/occupation/batch-tomar", {**body, "tag_spools": tags})
        assert response.status_code == 422, tags
        assert response.json()["detail"][0]["loc"] == ["body", "tag_spools"]
