"""Every fault in tests.mutants is really active over HTTP, and the clean stand-in shows none.

Each probe drives a fresh spool with plain requests and answers "is the broken behaviour
visible?" - for a known defect, its section C signature with what it leaves behind. It must say
yes against the mutant and no against the clean stand-in, so a self-verification run that stays
green can only mean the suite missed the fault.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from standin.runner import running_standin
from tests.mutants import AREAS, FAULTS
from tests.mutants.probe_api import TODAY, Api, event_of, internal_error, without

ARM_DATE, SOLD_DATE, INSPECTION_DATE = "2026-02-02", "2026-02-03", "2026-02-04"
LMT_OFFSET = -timedelta(hours=4, minutes=43)
SANTIAGO = ZoneInfo("America/Santiago")
F2_CRASH = {"success": False, "error": "INTERNAL_SERVER_ERROR",
            "message": "Error interno del servidor. Contacta al administrador.", "data": None}
STATIC_POOL = {"status": "ok", "max_connections": 20, "pool_created": True, "alert": None}
POOL_SIZE = 20
RACERS, RACE_ROUNDS = 20, 3


def is_exhausted(response) -> bool:
    """The stand-in's own answer when no pool connection comes free within its wait."""
    return response.status_code == 503 and "No connection available" in response.json()["detail"]


# Probes for the known defects: True when the defect's behaviour is observable.

def probe_D0(api, tag):
    assert api.tomar(tag).status_code == 200
    missing_attribute = "'CompletarRequest' object has no attribute 'operacion'"
    if not internal_error(api.completar(tag), missing_attribute):
        return False
    spool = api.record(tag)
    return (internal_error(api.completar(tag, worker=94), missing_attribute)  # before the 403
            and internal_error(api.post(api.COMPLETAR, without(api.completar_body(tag),
                                                               "operacion")), missing_attribute)
            and api.post(api.COMPLETAR, without(api.completar_body(tag),
                                                "fecha_operacion")).status_code == 422
            and spool["ocupado_por"] == "MR(93)" and spool["fecha_armado"] is None
            and "operacion" not in api.schema("CompletarRequest")["properties"])


def probe_D1(api, tag):
    with api.stream() as reader:
        assert api.tomar(tag).status_code == 200
        completed = api.completar(tag)
        announced = reader.wait_for(event_of("COMPLETAR", tag), timeout=1)
        state_change = reader.wait_for(event_of("STATE_CHANGE", tag), timeout=0.3)
    if not internal_error(completed, "Can't completar when in completado."):
        return False
    arm = api.record(tag)
    assert api.tomar(tag, 94, "SOLD").status_code == 200
    sold = api.completar(tag, 94, "SOLD")
    return (announced is not None and state_change is None
            and arm["fecha_armado"] == TODAY and arm["ocupado_por"] is None
            and api.sessions(tag)[0]["end_time"] is not None
            and api.completar(tag).status_code == 410  # the lock was released
            and internal_error(sold, "Can't completar when in pausado.")
            and api.record(tag)["fecha_soldadura"] == TODAY)


def probe_D2(api, tag):
    api.complete(tag, 93, "ARM", ARM_DATE)
    assert api.tomar(tag, 94, "SOLD").status_code == 200
    sold = api.completar(tag, 94, "SOLD", fecha_operacion=SOLD_DATE)
    welded = api.record(tag)
    inspected = api.fresh_spool()
    assert api.tomar(inspected, 95, "METROLOGIA").status_code == 200
    inspection = api.completar(inspected, 95, "METROLOGIA", fecha_operacion=INSPECTION_DATE)
    return (sold.status_code == inspection.status_code == 200
            and welded["fecha_armado"] == SOLD_DATE and welded["fecha_soldadura"] is None
            and api.record(inspected)["fecha_armado"] == INSPECTION_DATE)


def probe_D3(api, tag):
    api.complete(tag, 93, "ARM")
    api.complete(tag, 94, "SOLD")
    verdict = api.verdict(tag)
    unknown = api.verdict("NOPE-D3", worker=96)  # designed: 404 WORKER_NO_ENCONTRADO
    return (verdict.status_code == unknown.status_code == 500
            and verdict.json() == unknown.json() == F2_CRASH
            and api.record(tag)["fecha_qc_metrologia"] is None)


def probe_D4(api, tag):
    api.complete(tag, 93, "ARM")
    with api.stream() as reader:
        again = api.tomar(tag, 93, "ARM")
        announced = reader.wait_for(event_of("TOMAR", tag), timeout=1)
    if not internal_error(again, "Cannot TOMAR ARM - operation already completed"):
        return False
    last = api.sessions(tag)[-1]
    welded = api.fresh_spool()
    api.complete(welded, 93, "ARM")
    api.complete(welded, 94, "SOLD")
    return (announced is not None and api.record(tag)["ocupado_por"] is None
            and api.tomar(tag, 94, "SOLD").status_code == 409  # the lock was kept
            and (last["operacion"], last["end_time"]) == ("ARM", None)
            and internal_error(api.tomar(welded, 94, "SOLD"),
                               "Cannot TOMAR SOLD - operation already completed"))


def probe_D5(api, tag):
    api.complete(tag, 93, "ARM")
    with api.stream() as reader:
        for action in (api.tomar, api.pausar, api.tomar, api.completar):
            assert action(tag, 94, "SOLD").status_code == 200
        taken = reader.wait_for(event_of("TOMAR", tag), timeout=1)
        paused = reader.wait_for(event_of("PAUSAR", tag), timeout=1)
        completed = reader.wait_for(event_of("COMPLETAR", tag), timeout=1)
    return (taken is not None and taken["operacion"] == "SOLD"
            and paused is not None and completed is not None
            and (paused["operacion"], paused["estado_detalle"]) == ("ARM", "ARM parcial (pausado)")
            and (completed["operacion"], completed["estado_detalle"])
            == ("ARM", "ARM completado - Disponible"))


def probe_D6(api, tag):
    api.complete(tag, 93, "ARM")
    api.complete(tag, 94, "SOLD")
    arm, sold = api.sessions(tag)
    return (arm["end_time"] is not None and sold["operacion"] == "SOLD"
            and sold["end_time"] is None and sold["duration"] is None)


def probe_D7(api, tag):
    assert api.tomar(tag).status_code == 200
    started = datetime.fromisoformat(api.sessions(tag)[0]["start_time"])
    santiago_now = datetime.now(SANTIAGO).replace(tzinfo=None)
    return (started.utcoffset() == LMT_OFFSET
            and abs(started.replace(tzinfo=None) - santiago_now) < timedelta(minutes=1))


def probe_D8(api, tag):
    readers = api.open_streams(POOL_SIZE)
    try:
        held = api.stats()["active_connections"]
        refused = api.tomar(tag) if held == POOL_SIZE else None  # waits the pool's timeout
    finally:
        for reader in readers:
            reader.close()
    released = api.wait_for_pool(lambda active: active < POOL_SIZE)
    return (held == POOL_SIZE and is_exhausted(refused) and released
            and api.tomar(tag).status_code == 200)


def probe_D15(api, tag):
    for _ in range(POOL_SIZE // 5):  # as dashboards come and go: five at a time
        for reader in api.open_streams(5):
            reader.close()
    kept = not api.wait_for_pool(lambda active: active < POOL_SIZE, within=1)
    return kept and is_exhausted(api.tomar(tag))


def probe_D9(api, tag):
    stats = api.stats()
    return (without(stats, "timestamp") == STATIC_POOL and "timestamp" in stats
            and api.health()["redis_pool_stats"] == STATIC_POOL)


def probe_D10(api, tag):
    api.redis.stop()
    try:
        taken, completed = api.tomar(tag), api.completar(tag)
    finally:
        api.redis.start()
        api.wait_until_healthy()
    return all(response.status_code == 500
               and response.json()["detail"].startswith("Internal server error: Error ")
               and "connecting to" in response.json()["detail"] for response in (taken, completed))


def probe_D11(api, tag):
    assert api.tomar(tag, 93, "ARM").status_code == 200
    paused = api.pausar(tag, 93, "SOLD")
    return (paused.status_code == 200 and api.record(tag)["ocupado_por"] is None
            and api.tomar(tag, 94, "ARM").status_code == 200)


def probe_D12(api, tag):
    return (api.tomar(tag, 94, "SOLD").status_code == 200
            and api.record(tag)["soldador"] == "JP(94)")


def probe_D13(api, tag):
    assert api.tomar(tag, 93).status_code == 200
    assert api.pausar(tag, 93).status_code == 200
    return api.tomar(tag, 94).status_code == 200 and api.record(tag)["armador"] == "JP(94)"


def probe_D14(api, tag):
    unknown = f"NOPE-{tag}"
    completed = api.completar(unknown)
    return (completed.status_code == 410 and completed.json() == {"detail": (
        f"El lock del spool '{unknown}' expiró durante la operación. La operación tardó "
        "demasiado. Intenta nuevamente.")} and api.pausar(unknown).status_code == 404)


# Probes for the suite's other classes of failure.

def probe_refusals_in_old_family(api, tag):
    assert api.tomar(tag, 93).status_code == 200
    occupied, unknown = api.tomar(tag, 94), api.tomar(f"NOPE-{tag}")
    return ((occupied.status_code, set(occupied.json())) == (409, {"error", "message"})
            and occupied.json()["error"] == "SPOOL_OCCUPIED"
            and (unknown.status_code, unknown.json()["error"]) == (404, "SPOOL_NOT_FOUND"))


def probe_history_as_list(api, tag):
    assert api.tomar(tag).status_code == 200
    history = api.get(f"/api/history/{tag}").json()
    return isinstance(history, list) and [session["operacion"] for session in history] == ["ARM"]


def probe_openapi_lost_fecha(api, tag):
    assert api.tomar(tag).status_code == 200
    still_required = api.post(api.COMPLETAR, without(api.completar_body(tag),
                                                     "fecha_operacion")).status_code == 422
    return still_required and "fecha_operacion" not in api.schema("CompletarRequest")["required"]


def probe_openapi_lost_verdict(api, tag):
    api.complete(tag, 93, "ARM")
    api.complete(tag, 94, "SOLD")
    return ("RECHAZADO" not in api.schema("ResultadoEnum")["enum"]
            and api.verdict(tag, resultado="RECHAZADO").status_code == 200)


def probe_racy_lock(api, tag):
    """Several winners in any of a few rounds of 20 simultaneous TOMARs."""
    start_together = threading.Barrier(RACERS)

    def take(worker):
        start_together.wait()
        return api.fresh_session().post(api.base_url + "/api/occupation/tomar", timeout=30, json={
            "tag_spool": tag, "worker_id": worker, "worker_nombre": f"R({worker})",
            "operacion": "ARM"}).status_code

    with ThreadPoolExecutor(max_workers=RACERS) as racers:
        for _ in range(RACE_ROUNDS):
            api.fresh_spool(tag)
            if list(racers.map(take, range(100, 100 + RACERS))).count(200) > 1:
                return True
    return False


def probe_non_owner_can_pause(api, tag):
    assert api.tomar(tag, 93).status_code == 200
    other = api.fresh_spool()
    assert api.tomar(other, 93).status_code == 200
    return (api.pausar(tag, 94).status_code == 200
            and api.completar(other, 94).status_code == 200)


def probe_redis_down(api, tag):
    return api.health()["status"] == "degraded" and api.tomar(tag).status_code == 503


PROBES = {name[len("probe_"):]: probe for name, probe in globals().items()
          if name.startswith("probe_")}

# Environment faults, enacted once the probe's spool is made.
ENVIRONMENT = {"redis_down": lambda api: api.redis.stop()}


@pytest.fixture(params=sorted(FAULTS))
def mutant(request):
    """(fault name, Api) on a stand-in built with that one fault."""
    name = request.param
    with running_standin(testing=True, module="tests.mutants",
                         extra_args=("--fault", name)) as running:
        yield name, Api(running.base_url, running.redis)


@pytest.fixture(scope="module")
def clean_api():
    with running_standin(testing=True, module="standin") as running:
        yield Api(running.base_url, running.redis)


def test_every_fault_has_an_area_a_description_and_a_probe():
    assert set(PROBES) == set(FAULTS)
    assert {f"D{number}" for number in range(16)} <= set(FAULTS)
    for fault in FAULTS.values():
        assert fault.area in AREAS and fault.description
        assert (fault.apply is None) == (fault.area == "environment") == (fault.name in ENVIRONMENT)


def test_fault_is_observable_over_http(mutant):
    name, api = mutant
    tag = api.fresh_spool()
    if name in ENVIRONMENT:
        ENVIRONMENT[name](api)
    assert PROBES[name](api, tag), f"{name}: {FAULTS[name].description} -- not observed"


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_clean_standin_does_not_show_the_fault(clean_api, name):
    assert not PROBES[name](clean_api, clean_api.fresh_spool()), f"clean stand-in shows {name}"
