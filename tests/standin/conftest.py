"""Fixtures: one stand-in with its own real Redis per session, a fresh spool per test."""

import itertools
import os
import uuid
from datetime import date
from pathlib import Path

import pytest
import requests

from standin.runner import running_standin

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "zeues-v3.0-f0ec7b5"
TODAY = date.today().isoformat()
NAMES = {93: "MR(93)", 94: "JP(94)", 95: "CG(95)", 96: "LS(96)", 999: "XX(999)"}
_counter = itertools.count()


def unique_tag(prefix: str = "PT") -> str:
    return f"{prefix}-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def standin():
    with running_standin(testing=True) as running:
        yield running


@pytest.fixture(scope="session")
def plain_standin():
    """Started without test support, as production runs: its seed spools stay untouched
    except by the tests that replay the recorded listings on TEST-02."""
    with running_standin(testing=False) as running:
        yield running


@pytest.fixture(scope="session")
def api(standin):
    return Api(standin.base_url)


@pytest.fixture
def spool(api):
    """A fresh, uniquely named spool with materials."""
    return api.fresh_spool()


class Api:
    """Tiny HTTP helper for the stand-in's own tests (the suite has its own client)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=30, **kwargs)

    def post(self, path: str, body=None, **kwargs) -> requests.Response:
        return self.session.post(self.base_url + path, json=body, timeout=30, **kwargs)

    def post_raw(self, path: str, data: bytes) -> requests.Response:
        return self.session.post(self.base_url + path, data=data, timeout=30,
                                 headers={"Content-Type": "application/json"})

    def fresh_spool(self, tag: str | None = None, **fields) -> str:
        tag = tag or unique_tag()
        response = self.post("/api/testing/spools", {"tag_spool": tag, **fields})
        assert response.status_code == 201, response.text
        return tag

    def occupation(self, action: str, tag: str, worker: int, operacion: str, **extra):
        body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
                "operacion": operacion, **extra}
        if action == "completar":
            body.setdefault("fecha_operacion", TODAY)
        return self.post(f"/api/occupation/{action}", body)

    def tomar(self, tag, worker, operacion="ARM"):
        return self.occupation("tomar", tag, worker, operacion)

    def pausar(self, tag, worker, operacion="ARM"):
        return self.occupation("pausar", tag, worker, operacion)

    def completar(self, tag, worker, operacion="ARM", **extra):
        return self.occupation("completar", tag, worker, operacion, **extra)

    def verdict(self, tag, worker=95, resultado="APROBADO"):
        return self.post("/api/metrologia/completar",
                         {"tag_spool": tag, "worker_id": worker, "resultado": resultado})

    def complete(self, tag, worker, operacion):
        """TOMAR then COMPLETAR, asserting both succeed."""
        assert self.tomar(tag, worker, operacion).status_code == 200
        assert self.completar(tag, worker, operacion).status_code == 200

    def history(self, tag) -> list[dict]:
        response = self.get(f"/api/history/{tag}")
        assert response.status_code == 200, response.text
        return response.json()["sessions"]

    def listed(self, path: str, tag: str) -> dict | None:
        """The spool's entry in a listing such as /api/spools/iniciar?operacion=ARM."""
        response = self.get(path)
        assert response.status_code == 200, response.text
        return next((s for s in response.json()["spools"] if s["tag_spool"] == tag), None)


def detail(response: requests.Response) -> tuple[int, str]:
    """An F1 answer as (status, detail text)."""
    return response.status_code, response.json()["detail"]
