"""Compare a target's OpenAPI description with the contract's schemas in `schemas/`.

Drift is reported field by field, before any workflow trips over it: a field the
contract requires that the API no longer requires, a field or enum value that
went missing, a response property the contract needs that the API dropped.
"""

from dataclasses import dataclass

from zeues_acceptance.client import ENDPOINTS
from zeues_acceptance.contract import load_schema

COMMON = "common.json"
NOT_DESCRIBED = ("openapi", "create_test_spool", "stream")  # test support, the spec itself, SSE

# Kinds of finding, one per Then of the drift scenario.
REQUIRED, ENUM, MISSING = "required", "enum", "missing"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


def drift_findings(openapi: dict) -> list[Finding]:
    findings = []
    for name, endpoint in sorted(ENDPOINTS.items()):
        if name in NOT_DESCRIBED:
            continue
        operation = openapi.get("paths", {}).get(endpoint.path, {}).get(endpoint.method.lower())
        where = f"{endpoint.method} {endpoint.path}"
        if operation is None:
            findings.append(Finding(MISSING, f"{where}: not described by the API"))
            continue
        if endpoint.request_schema:
            findings += _compare(where + " request", load_schema(endpoint.request_schema),
                                 _request_schema(operation), openapi, check_required=True)
        ours_ok = endpoint.response_schemas.get(200)
        theirs_ok = _response_schema(operation)
        if ours_ok and theirs_ok is not None:
            findings += _compare(where + " response", load_schema(ours_ok), theirs_ok, openapi,
                                 check_required=False)
    return findings


def _compare(where, ours, theirs, openapi, *, check_required) -> list[Finding]:
    theirs = _resolve(theirs, openapi)
    their_properties = theirs.get("properties", {})
    findings = []
    if check_required:
        for field in sorted(set(ours.get("required", [])) - set(theirs.get("required", []))):
            findings.append(Finding(
                REQUIRED, f"{where}: field '{field}' is required by the contract, not by the API"))
    for field in sorted(ours.get("required", [])):
        if field not in their_properties:
            findings.append(Finding(MISSING, f"{where}: field '{field}' is missing from the API"))
    for field, our_property in sorted(ours.get("properties", {}).items()):
        if field not in their_properties:
            continue
        our_values = _enum(_resolve_ours(our_property))
        their_values = _enum(_resolve(their_properties[field], openapi), openapi)
        if our_values and their_values is not None:
            for value in sorted(our_values - their_values):
                findings.append(Finding(
                    ENUM, f"{where}: field '{field}' lost the value {value!r} from its enum"))
    return findings


def _resolve_ours(node: dict) -> dict:
    ref = node.get("$ref", "")
    if ref.startswith(COMMON):
        target = load_schema("common")
        for part in ref.split("#/", 1)[1].split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _resolve(node: dict, openapi: dict) -> dict:
    while isinstance(node, dict) and node.get("$ref", "").startswith("#/"):
        target = openapi
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _enum(node: dict, openapi: dict | None = None) -> set | None:
    """The values a schema node allows, or None when it does not restrict them."""
    if openapi is not None:
        node = _resolve(node, openapi)
    if "enum" in node:
        return {value for value in node["enum"] if value is not None}
    if "const" in node:
        return {node["const"]}
    for key in ("anyOf", "oneOf"):
        if key in node:
            branches = [_enum(branch, openapi) for branch in node[key]]
            branches = [b for b in branches if b is not None]
            return set().union(*branches) if branches else None
    return None


def _request_schema(operation: dict) -> dict:
    content = operation.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema", {})


def _response_schema(operation: dict) -> dict | None:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return None if not schema else schema
