"""Compare a target's /openapi.json with ZEUES v3.0's own description and with `schemas/`.

ZEUES v3.0 (f0ec7b5) is kept in tests/reference/. Each difference is one finding per field:
a route the target does not describe, a request field missing, required differently, typed
differently or with other enum values, a 200 field missing. A target that does not describe
the v3 occupation routes at all gets one finding instead of dozens: it does not serve ZEUES v3.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zeues_acceptance.contract import load_schema
from zeues_acceptance.routes import ROUTES

REAL_OPENAPI = (Path(__file__).resolve().parent.parent / "tests" / "reference"
                / "zeues-v3.0-f0ec7b5" / "openapi.json")
V3_OCCUPATION = ("/api/occupation/tomar", "/api/occupation/pausar", "/api/occupation/completar")
NOT_DESCRIBED = ("create_test_spool",)  # test support: never in ZEUES itself
NOT_V3 = "this target does not serve ZEUES v3"


@dataclass(frozen=True)
class Finding:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@cache
def real_openapi() -> dict:
    return json.loads(REAL_OPENAPI.read_text(encoding="utf-8"))


def serves_v3(openapi: dict) -> bool:
    paths = openapi.get("paths") or {}
    return all(path in paths for path in V3_OCCUPATION)


def drift_findings(target: dict) -> list[Finding]:
    if not serves_v3(target):
        return [Finding("the API", f"{NOT_V3}: it describes none of {', '.join(V3_OCCUPATION)}")]
    findings: dict[tuple[str, str], list[str]] = {}
    real = real_openapi()
    for route in ROUTES.values():
        if route.name in NOT_DESCRIBED:
            continue
        where = route.label
        theirs = _operation(target, route)
        if theirs is None:
            findings.setdefault((where, ""), []).append("not described by the target")
            continue
        ours = _operation(real, route)
        for part, fields_of in (("request", _request_fields), ("answer", _answer_fields)):
            their_fields = fields_of(target, theirs)
            if ours is not None:
                _compare(findings, f"{where} {part}", fields_of(real, ours), their_fields)
            schema = route.request_schema if part == "request" else _ok_schema(route)
            if schema and their_fields is not None:
                _compare_schema(findings, f"{where} {part}", load_schema(schema), their_fields)
    return [Finding(where, (f"field '{field}' " if field else "") + "; ".join(dict.fromkeys(texts)))
            for (where, field), texts in findings.items()]


def _ok_schema(route) -> str | None:
    schemas = route.schemas_for(200)
    return None if route.stream or not schemas else schemas[0]


def _operation(openapi: dict, route) -> dict | None:
    return (openapi.get("paths") or {}).get(route.path, {}).get(route.method.lower())


def _request_fields(openapi: dict, operation: dict) -> dict | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return _fields(openapi, schema)


def _answer_fields(openapi: dict, operation: dict) -> dict | None:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return _fields(openapi, schema)


def _fields(openapi: dict, schema: dict | None) -> dict | None:
    """{field: (required, signature)} of an object schema; None when it is not described."""
    schema = _resolve(openapi, schema or {})
    if schema.get("type") == "array":
        schema = _resolve(openapi, schema.get("items", {}))
    properties = schema.get("properties")
    if not properties:
        return None
    required = set(schema.get("required", []))
    return {name: (name in required, _signature(openapi, node)) for name, node in properties.items()}


def _signature(openapi: dict, node: dict) -> str:
    """Type, format and enum of a property, enough to tell two descriptions apart."""
    node = _resolve(openapi, node)
    if "anyOf" in node:
        return " | ".join(sorted(_signature(openapi, branch) for branch in node["anyOf"]))
    text = node.get("type", "any")
    if "format" in node:
        text += f"({node['format']})"
    if "enum" in node:
        text += "{" + ",".join(map(str, node["enum"])) + "}"
    if text == "array":
        text += "[" + _signature(openapi, node.get("items", {})) + "]"
    return text


def _resolve(openapi: dict, node: dict) -> dict:
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
        target = openapi
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _compare(findings, where, real: dict | None, theirs: dict | None) -> None:
    if real is None:
        return
    if theirs is None:
        findings.setdefault((where, ""), []).append("ZEUES v3.0 describes it, the target does not")
        return
    for field, (required, signature) in real.items():
        if field not in theirs:
            findings.setdefault((where, field), []).append("is in ZEUES v3.0, not in the target")
            continue
        their_required, their_signature = theirs[field]
        if required != their_required:
            state = "required" if required else "optional"
            findings.setdefault((where, field), []).append(
                f"is {state} in ZEUES v3.0, {'optional' if required else 'required'} in the target")
        if signature != their_signature:
            findings.setdefault((where, field), []).append(
                f"is {signature} in ZEUES v3.0, {their_signature} in the target")


def _compare_schema(findings, where, schema: dict, theirs: dict) -> None:
    """What the suite's schema relies on must be described: its fields, required ones, enums."""
    required = set(schema.get("required", []))
    for field, node in schema.get("properties", {}).items():
        if field not in theirs:
            if field in required:
                findings.setdefault((where, field), []).append(
                    "the contract requires it, the target does not describe it")
            continue
        if field in required and where.endswith("request") and not theirs[field][0]:
            findings.setdefault((where, field), []).append(
                "the contract requires it, the target does not")
        their_values = _enum_of_signature(theirs[field][1])
        for value in sorted(_enum(node) - their_values if their_values is not None else ()):
            findings.setdefault((where, field), []).append(
                f"the contract allows {value!r}, the target's enum does not")


def _enum(node: dict) -> set:
    ref = node.get("$ref", "")
    if ref.startswith("common.json#/$defs/"):
        node = load_schema("common")["$defs"][ref.rsplit("/", 1)[1]]
    return {value for value in node.get("enum", []) if isinstance(value, str)}


def _enum_of_signature(signature: str) -> set | None:
    if "{" not in signature:
        return None  # the target does not restrict the values: nothing is lost
    return set(signature[signature.index("{") + 1: signature.index("}")].split(","))
