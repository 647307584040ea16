"""Fixtures: one stand-in with its own real Redis per session, a fresh spool per test."""

import itertools
import os
import uuid
from datetime import date

import pytest
import requests

from standin.runner import running_standin

_counter = itertools.count()


@pytest.fixture(scope="session")
def standin():
    with running_standin(testing=True) as running:
        yield running


@pytest.fixture(scope="session")
def api(standin):
    return Api(standin.base_url)


@pytest.fixture
def spool(api):
    """A fresh, uniquely named spool."""
    tag = f"PT-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:6]}"
    assert api.post("/api/testing/spools", {"tag_spool": tag}).status_code == 201
    return tag


TODAY = date.today().isoformat()
NAMES = {93: "MR(93)", 94: "JP(94)", 95: "CG(95)", 96: "LS(96)", 999: "XX(999)"}


class Api:
    """Tiny HTTP helper for the stand-in's own tests (the suite has its own client)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=10, **kwargs)

    def post(self, path: str, body=None, **kwargs) -> requests.Response:
        return self.session.post(self.base_url + path, json=body, timeout=10, **kwargs)

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

    def complete(self, tag, worker, operacion):
        """TOMAR then COMPLETAR, asserting both succeed."""
        assert self.tomar(tag, worker, operacion).status_code == 200
        assert self.completar(tag, worker, operacion).status_code == 200


def error_of(response: requests.Response) -> tuple[int, str]:
    return response.status_code, response.json().get("error")
