"""Every fault in tests.mutants is really active over HTTP, and the clean stand-in shows none.

Each probe drives a fresh spool with plain requests and answers "is the broken behaviour
visible?". It must say yes against the mutant and no against the clean stand-in, so a
self-verification run that stays green can only mean the suite missed the fault.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import requests

from standin.runner import running_standin
from tests.mutants import AREAS, FAULTS
from tests.standin.sse import open_stream

TODAY = date.today().isoformat()
NAMES = {93: "MR(93)", 94: "JP(94)", 95: "CG(95)", 96: "LS(96)"}
RACERS = 20
RACE_ROUNDS = 3


class Api:
    """Plain requests against one stand-in, one fresh spool per probe."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=10)

    def post(self, path: str, body: dict) -> requests.Response:
        return self.session.post(self.base_url + path, json=body, timeout=10)

    def fresh_spool(self, tag: str | None = None) -> str:
        tag = tag or f"MUT-{uuid.uuid4().hex[:10]}"
        assert self.post("/api/testing/spools", {"tag_spool": tag}).status_code == 201
        return tag

    def action(self, action: str, tag: str, worker: int, operacion: str = "ARM", **extra):
        body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
                "operacion": operacion, **extra}
        return self.post(f"/api/occupation/{action}", body)

    def tomar(self, tag, worker=93, operacion="ARM"):
        return self.action("tomar", tag, worker, operacion)

    def pausar(self, tag, worker=93, operacion="ARM"):
        return self.action("pausar", tag, worker, operacion)

    def completar(self, tag, worker=93, operacion="ARM", **extra):
        return self.action("completar", tag, worker, operacion, **{"fecha_operacion": TODAY, **extra})

    def complete(self, tag, worker, operacion):
        assert self.tomar(tag, worker, operacion).status_code == 200
        assert self.completar(tag, worker, operacion).status_code == 200

    def sessions(self, tag) -> list[dict]:
        return self.get(f"/api/history/{tag}").json()["sessions"]


def without_fecha(api, tag, worker=93, operacion="ARM"):
    body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker], "operacion": operacion}
    return api.post("/api/occupation/completar", body)


def completar_schema(api) -> dict:
    return api.get("/openapi.json").json()["components"]["schemas"]["CompletarRequest"]


def verdict_enum(schema: dict) -> set[str]:
    return {value for option in schema["properties"]["resultado"]["anyOf"]
            for value in option.get("enum", [])}


# Probes: True when the fault's broken behaviour is observable.

def probe_fecha_not_required(api, tag):
    assert api.tomar(tag).status_code == 200
    return without_fecha(api, tag).status_code == 200


def probe_bad_date_500(api, tag):
    assert api.tomar(tag).status_code == 200
    return api.completar(tag, fecha_operacion="2026-02-30").status_code == 500


def probe_history_as_list(api, tag):
    assert api.tomar(tag).status_code == 200
    return isinstance(api.get(f"/api/history/{tag}").json(), list)


def probe_history_newest_first(api, tag):
    assert api.tomar(tag).status_code == 200
    assert api.pausar(tag).status_code == 200
    assert api.tomar(tag).status_code == 200
    return [s["estado"] for s in api.sessions(tag)] == ["EN_PROGRESO", "PAUSADO"]


def probe_open_session_closed(api, tag):
    assert api.tomar(tag).status_code == 200
    (session,) = api.sessions(tag)
    return session["end_time"] is not None and session["estado"] == "COMPLETADO"


def probe_non_owner_can_pause(api, tag):
    assert api.tomar(tag, worker=93).status_code == 200
    return api.pausar(tag, worker=94).status_code == 200


def probe_sold_before_arm(api, tag):
    return api.tomar(tag, operacion="SOLD").status_code == 200


def probe_second_verdict_accepted(api, tag):
    api.complete(tag, 93, "ARM")
    api.complete(tag, 94, "SOLD")
    assert api.completar(tag, 95, "METROLOGIA", resultado="APROBADO").status_code == 200
    return api.completar(tag, 95, "METROLOGIA", resultado="RECHAZADO").status_code == 200


def probe_inactive_worker_accepted(api, tag):
    return api.tomar(tag, worker=96).status_code == 200


def probe_racy_lock(api, tag):
    """Several winners in any of a few rounds of 20 simultaneous TOMARs."""
    start_together = threading.Barrier(RACERS)

    def take(worker):
        start_together.wait()
        return requests.post(f"{api.base_url}/api/occupation/tomar", timeout=30, json={
            "tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
            "operacion": "ARM"}).status_code

    with ThreadPoolExecutor(max_workers=RACERS) as racers:
        for _ in range(RACE_ROUNDS):
            api.fresh_spool(tag)
            winners = list(racers.map(take, [93 + n % 3 for n in range(RACERS)])).count(200)
            if winners > 1:
                return True
    return False


def probe_health_hides_redis(api, tag):
    return "redis" not in api.get("/api/health").json()


def probe_stats_off_by_one(api, tag):
    stats = api.get("/api/redis-connection-stats").json()
    return stats["active_connections"] + stats["available_connections"] != stats["max_connections"]


def probe_stats_wrong_max(api, tag):
    return api.get("/api/redis-connection-stats").json()["max_connections"] != 20


def update_of(tag):
    return lambda event: event["tag_spool"] == tag


def probe_stream_silent(api, tag):
    reader = open_stream(api.base_url)
    try:
        assert api.tomar(tag).status_code == 200
        return reader.wait_for(update_of(tag), timeout=1.5) is None
    finally:
        reader.close()


def probe_stream_late(api, tag):
    """Missing after the contract's one second, yet delivered a little later."""
    reader = open_stream(api.base_url)
    try:
        assert api.tomar(tag).status_code == 200
        on_time = reader.wait_for(update_of(tag), timeout=1.0)
        return on_time is None and reader.wait_for(update_of(tag), timeout=3.0) is not None
    finally:
        reader.close()


def probe_openapi_lost_fecha(api, tag):
    assert api.tomar(tag).status_code == 200
    still_required = without_fecha(api, tag).status_code == 422
    return still_required and "fecha_operacion" not in completar_schema(api)["required"]


def probe_openapi_lost_verdict(api, tag):
    # RECHAZADO is still valid input: on ARM it is ignored, so the answer is not a 422.
    still_accepted = api.completar(tag, resultado="RECHAZADO").status_code != 422
    return still_accepted and "RECHAZADO" not in verdict_enum(completar_schema(api))


def probe_redis_down(api, tag):
    health = api.get("/api/health").json()
    return health["status"] == "degraded" and api.tomar(tag).status_code == 503


PROBES = {name[len("probe_"):]: probe for name, probe in globals().items() if name.startswith("probe_")}

ENVIRONMENT = {"redis_down": lambda running: running.redis.stop()}


@pytest.fixture(params=sorted(FAULTS))
def mutant(request):
    """(fault name, Api) on a stand-in built with that one fault; environment faults enacted."""
    name = request.param
    with running_standin(testing=True, module="tests.mutants", extra_args=("--fault", name)) as running:
        if name in ENVIRONMENT:
            ENVIRONMENT[name](running)
        yield name, Api(running.base_url)


@pytest.fixture(scope="module")
def clean_api():
    with running_standin(testing=True, module="standin") as running:
        yield Api(running.base_url)


def test_every_fault_has_an_area_a_description_and_a_probe():
    assert set(PROBES) == set(FAULTS)
    for fault in FAULTS.values():
        assert fault.area in AREAS and fault.description
        assert (fault.apply is None) == (fault.area == "environment") == (fault.name in ENVIRONMENT)


def test_fault_is_observable_over_http(mutant):
    name, api = mutant
    assert PROBES[name](api, api.fresh_spool()), f"{name}: {FAULTS[name].description} -- not observed"


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_clean_standin_does_not_show_the_fault(clean_api, name):
    assert not PROBES[name](clean_api, clean_api.fresh_spool()), f"clean stand-in shows {name}"
