"""Plain requests against one stand-in process, for the probes that prove each fault is real
(tests/test_mutants_are_real.py): actions, the reads a client has, streams, the pool figures."""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import requests

from tests.standin.sse import StreamReader, open_stream

TODAY = date.today().isoformat()
NAMES = {93: "MR(93)", 94: "JP(94)", 95: "CG(95)", 96: "LS(96)"}
# A spool's whole record is in the first of these lists that has it (contract E).
RECORD_LISTS = ("/api/spools/iniciar?operacion=ARM",
                "/api/spools/completar?operacion=ARM&worker_nombre=x",
                "/api/spools/completar?operacion=SOLD&worker_nombre=x")


def without(body: dict, key: str) -> dict:
    return {name: value for name, value in body.items() if name != key}


def internal_error(response: requests.Response, text: str) -> bool:
    """The real routers' catch-all answer: 500 {"detail": "Internal server error: <text>"}."""
    return (response.status_code == 500
            and response.json() == {"detail": f"Internal server error: {text}"})


def event_of(event_type: str, tag: str):
    return lambda event: event["event_type"] == event_type and event["tag_spool"] == tag


class Api:
    """One stand-in (and the Redis it owns), one fresh spool per probe."""

    COMPLETAR = "/api/occupation/completar"

    def __init__(self, base_url: str, redis=None):
        self.base_url = base_url
        self.redis = redis  # the RedisServer the stand-in uses, for probes that stop it
        self.session = requests.Session()

    @staticmethod
    def fresh_session() -> requests.Session:
        return requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=30)

    def post(self, path: str, body: dict, **kwargs) -> requests.Response:
        return self.session.post(self.base_url + path, json=body, timeout=30, **kwargs)

    def fresh_spool(self, tag: str | None = None) -> str:
        tag = tag or f"MUT-{uuid.uuid4().hex[:10]}"
        assert self.post("/api/testing/spools", {"tag_spool": tag}).status_code == 201
        return tag

    # actions

    def action(self, action: str, tag: str, worker: int = 93, operacion: str = "ARM", **extra):
        body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
                "operacion": operacion, **extra}
        return self.post(f"/api/occupation/{action}", body)

    def tomar(self, tag, worker=93, operacion="ARM"):
        return self.action("tomar", tag, worker, operacion)

    def pausar(self, tag, worker=93, operacion="ARM"):
        return self.action("pausar", tag, worker, operacion)

    def completar_body(self, tag, worker=93, operacion="ARM") -> dict:
        return {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
                "operacion": operacion, "fecha_operacion": TODAY}

    def completar(self, tag, worker=93, operacion="ARM", **extra):
        return self.post(self.COMPLETAR, {**self.completar_body(tag, worker, operacion), **extra})

    def complete(self, tag, worker, operacion, fecha_operacion=TODAY):
        """TOMAR then COMPLETAR, both answered 200."""
        assert self.tomar(tag, worker, operacion).status_code == 200
        assert self.completar(tag, worker, operacion,
                              fecha_operacion=fecha_operacion).status_code == 200

    def verdict(self, tag, worker=95, resultado="APROBADO"):
        """On its own connection: after an exception no handler took (D3's), the server
        drops the connection the request came on."""
        return self.post("/api/metrologia/completar",
                         {"tag_spool": tag, "worker_id": worker, "resultado": resultado},
                         headers={"Connection": "close"})

    # reads

    def record(self, tag) -> dict:
        """The spool object as the listings show it (free, or started and unfinished)."""
        for path in RECORD_LISTS:
            spools = self.get(path).json()["spools"]
            found = next((spool for spool in spools if spool["tag_spool"] == tag), None)
            if found is not None:
                return found
        raise AssertionError(f"{tag} is in none of the listings")

    def sessions(self, tag) -> list[dict]:
        return self.get(f"/api/history/{tag}").json()["sessions"]

    def schema(self, name: str) -> dict:
        return self.get("/openapi.json").json()["components"]["schemas"][name]

    def stats(self) -> dict:
        return self.get("/api/redis-connection-stats").json()

    def health(self) -> dict:
        return self.get("/api/health").json()

    def wait_until_healthy(self, within: float = 10) -> None:
        deadline = time.monotonic() + within
        while self.health()["status"] != "healthy":
            assert time.monotonic() < deadline, f"{self.base_url} not healthy within {within} s"
            time.sleep(0.1)

    def wait_for_pool(self, condition, within: float = 5) -> bool:
        """Whether the pool's connections in use come to meet condition within the time."""
        deadline = time.monotonic() + within
        while not condition(self.stats()["active_connections"]):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    # streams

    def stream(self) -> StreamReader:
        return open_stream(self.base_url)

    def open_streams(self, count: int) -> list[StreamReader]:
        """count streams at once, each open (its headers arrived) when this returns."""
        with ThreadPoolExecutor(max_workers=count) as openers:
            return list(openers.map(lambda _: self.stream(), range(count)))
