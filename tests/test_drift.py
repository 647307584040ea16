"""The drift check: ZEUES v3.0's own description shows no drift; each difference of a target's
description is one finding per field; a target without the v3 routes is one finding."""

import copy
import json
from pathlib import Path

from zeues_acceptance.drift import NOT_V3, drift_findings, real_openapi

REFERENCE = Path(__file__).parent / "reference"


def real() -> dict:
    return copy.deepcopy(real_openapi())


def texts(openapi: dict) -> list[str]:
    return [str(finding) for finding in drift_findings(openapi)]


def test_zeues_v3_0_agrees_with_itself_and_with_the_schemas():
    assert texts(real()) == []


def test_the_commit_before_shows_the_completion_field_it_lacked():
    b5acfc9 = json.loads((REFERENCE / "zeues-v3.0-b5acfc9" / "openapi.json").read_text())
    found = texts(b5acfc9)
    assert len(found) == 2, found
    assert found[0].startswith("POST /api/occupation/completar request: field 'operacion' is in "
                               "ZEUES v3.0, not in the target")
    assert "the contract requires it" in found[0]


def test_a_field_made_optional_is_one_finding():
    openapi = real()
    openapi["components"]["schemas"]["CompletarRequest"]["required"].remove("fecha_operacion")
    assert texts(openapi) == [
        "POST /api/occupation/completar request: field 'fecha_operacion' is required in ZEUES "
        "v3.0, optional in the target; the contract requires it, the target does not"]


def test_a_lost_enum_value_is_named():
    openapi = real()
    openapi["components"]["schemas"]["ResultadoEnum"]["enum"].remove("RECHAZADO")
    found = texts(openapi)
    assert any("'resultado'" in text and "the contract allows 'RECHAZADO'" in text for text in found), found


def test_a_missing_route_is_named():
    openapi = real()
    del openapi["paths"]["/api/history/{tag_spool}"]
    assert texts(openapi) == ["GET /api/history/{tag_spool}: not described by the target"]


def test_a_target_without_the_v3_routes_is_one_finding():
    v4 = {"paths": {"/api/v4/occupation/tomar": {"post": {}}, "/api/health": {"get": {}}}}
    (finding,) = texts(v4)
    assert NOT_V3 in finding
