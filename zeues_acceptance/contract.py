"""Validate messages against the contract's JSON Schemas in `schemas/`.

Every schema is loaded into one `referencing.Registry` and gets one validator,
built once per process. "integer" is strict here (93.0 is not an integer): the API answers
with JSON integers, and where a request may be lax the schema says so with anyOf.
"""

import copy
import json
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from zeues_acceptance.errors import ContractDriftError, RequestContractError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SHARED_SCHEMA = "common"
SPOOL_SCHEMA = "spool"
# A listing repeats the same Spool objects read after read, and on production it holds every
# spool ready for ARM: each distinct object is checked once per process, not once per read.
SPOOL_LISTS = {"spool-list-response": "spools"}
LONGEST_ERROR_MESSAGE = 240


def _is_strict_integer(_checker, instance) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


ContractValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_strict_integer),
)


def _schema_key(schema_name: str) -> str:
    return schema_name.removesuffix(".json")


@cache
def _schemas() -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    }


@cache
def _registry() -> Registry:
    resources = [
        (schema["$id"], Resource.from_contents(schema)) for schema in _schemas().values()
    ]
    return Registry().with_resources(resources)


@cache
def _validator(schema_key: str) -> ContractValidator:
    try:
        schema = _schemas()[schema_key]
    except KeyError:
        raise KeyError(f"no schema named {schema_key!r} in {SCHEMA_DIR}") from None
    return ContractValidator(
        schema,
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_names() -> list[str]:
    """Names of the message schemas (every file in schemas/ but the shared definitions)."""
    return [name for name in _schemas() if name != SHARED_SCHEMA]


def load_schema(name: str) -> dict:
    """A copy of one schema as written, `name` with or without `.json`."""
    return copy.deepcopy(_schemas()[_schema_key(name)])


def registry() -> Registry:
    """The registry holding every schema, for tools that validate by `$ref`."""
    return _registry()


def _describe(error: ValidationError) -> str:
    message = error.message
    if len(message) > LONGEST_ERROR_MESSAGE:
        message = message[: LONGEST_ERROR_MESSAGE - 1] + "…"
    return f"{error.json_path}: {error.validator} ({message})"


def _contract_errors(schema_name: str, body) -> list[str]:
    key = _schema_key(schema_name)
    listed = SPOOL_LISTS.get(key)
    if listed and isinstance(body, dict) and isinstance(body.get(listed), list):
        errors = _all_errors(key, {**body, listed: []})
        for index, spool in enumerate(body[listed]):
            errors += [error.replace("$", f"$.{listed}[{index}]", 1)
                       for error in _spool_errors(json.dumps(spool, sort_keys=True))]
        return errors
    return _all_errors(key, body)


@lru_cache(maxsize=50_000)
def _spool_errors(spool_json: str) -> tuple[str, ...]:
    return tuple(_all_errors(SPOOL_SCHEMA, json.loads(spool_json)))


def _all_errors(schema_key: str, body) -> list[str]:
    errors = list(_validator(schema_key).iter_errors(body))
    if not errors:
        return []
    first = best_match(errors)
    rest = sorted(
        (error for error in errors if error is not first),
        key=lambda error: (error.json_path, str(error.validator)),
    )
    return [_describe(error) for error in [first, *rest]]


def violations(schema_names, body) -> list[str]:
    """How `body` breaks the schemas, best attempt first; empty when it meets one of them.

    `schema_names` is one name or several alternatives (an answer may come in any of the
    error families its route and status allow)."""
    names = [schema_names] if isinstance(schema_names, str) else list(schema_names)
    attempts = [_contract_errors(name, body) for name in names]
    if any(not errors for errors in attempts):
        return []
    best = min(attempts, key=len)
    if len(names) > 1:
        tried = " or ".join(_schema_key(name) for name in names)
        return [f"{error} [against {tried}]" for error in best]
    return best


def request_breaks_contract(schema_name: str, body) -> list[str]:
    """How `body` breaks the request schema, best match first; empty when valid."""
    return _contract_errors(schema_name, body)


def validate_request(schema_name: str, body) -> None:
    """Raise RequestContractError (a test defect) unless `body` is a valid request."""
    errors = _contract_errors(schema_name, body)
    if errors:
        raise RequestContractError(
            f"Test defect: request breaks {_schema_key(schema_name)}: " + "; ".join(errors)
        )


def validate_response(schema_names, body) -> None:
    """Raise ContractDriftError (an AssertionError) unless `body` meets one of the schemas."""
    errors = violations(schema_names, body)
    if errors:
        names = [schema_names] if isinstance(schema_names, str) else list(schema_names)
        raise ContractDriftError(
            f"Contract drift: the answer is outside {' / '.join(map(_schema_key, names))}: "
            + "; ".join(errors)
        )
