"""The stand-in describes the real v3.0 interface: the same paths, request fields and 200
response fields as the recorded /openapi.json of f0ec7b5, minus the routes it does not serve."""

import json
import re

import pytest
import requests

from .conftest import REFERENCE
from .openapi_shape import api_shape, differences

# Legacy v2.1 actions, the repair actions and the debug GETs are not served (contract A.13).
NOT_SERVED = re.compile(r"^/api/(.*-accion.*|.*-reparacion|health/.+)$")
REAL = json.loads((REFERENCE / "openapi.json").read_text())
SERVED_PATHS = {path for path in REAL["paths"] if not NOT_SERVED.match(path)}


def test_the_paths_not_served_are_exactly_the_legacy_repair_and_debug_ones():
    assert sorted(set(REAL["paths"]) - SERVED_PATHS) == [
        "/api/cancelar-accion", "/api/cancelar-accion-batch", "/api/cancelar-reparacion",
        "/api/completar-accion", "/api/completar-accion-batch", "/api/completar-reparacion",
        "/api/health/clear-cache", "/api/health/column-map", "/api/health/diagnostic",
        "/api/health/test-get-spool-flow", "/api/health/test-spool-constructor",
        "/api/iniciar-accion", "/api/iniciar-accion-batch", "/api/pausar-reparacion",
        "/api/tomar-reparacion"]


@pytest.fixture(scope="module")
def served(standin):
    return requests.get(f"{standin.base_url}/openapi.json", timeout=10).json()


def test_the_same_paths_plus_test_support_when_testing(served):
    assert set(served["paths"]) == SERVED_PATHS | {"/api/testing/spools"}


def test_without_testing_the_paths_are_exactly_the_real_served_ones(plain_standin):
    document = requests.get(f"{plain_standin.base_url}/openapi.json", timeout=10).json()
    assert set(document["paths"]) == SERVED_PATHS


def test_requests_and_200_responses_match_the_real_description(served):
    found = differences(api_shape(REAL, SERVED_PATHS), api_shape(served, SERVED_PATHS))
    assert found == [], "\n".join(found)


def test_info_and_openapi_version_are_the_real_ones(served):
    assert (served["openapi"], served["info"]) == (REAL["openapi"], REAL["info"])
