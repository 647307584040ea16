"""Describe a JSON Schema of schemas/ in words: a table of its fields, the rules its if/then
branches state, and its alternatives (oneOf). Only what the schema says, through its `$ref`s."""

import json
import re
from dataclasses import dataclass, field

from scripts.markdown_pages import GeneratorError
from zeues_acceptance.contract import registry

CONSTRAINT_WORDS = [
    ("exclusiveMinimum", "greater than"), ("minimum", "minimum"), ("maximum", "maximum"),
    ("minLength", "min length"), ("maxLength", "max length"), ("minItems", "min items"),
    ("maxItems", "max items"), ("multipleOf", "multiple of"), ("minProperties", "min keys"),
]
FORMAT_SHAPES = {"date": "YYYY-MM-DD", "date-time": "RFC 3339 date and time"}


@dataclass
class Row:
    path: str
    type: str
    required: bool
    constraints: str
    description: str


@dataclass
class FieldTable:
    rows: list[Row] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    alternatives: list[tuple[str, "FieldTable"]] = field(default_factory=list)
    closed: bool = False  # no other keys allowed


def resolve(node: dict, resolver) -> tuple[dict, object]:
    """The node with its `$ref` target merged under its own keywords (its own win)."""
    while "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        node, resolver = {**resolved.contents, **siblings}, resolved.resolver
    return node, resolver


def root_resolver(schema: dict):
    return registry().resolver(base_uri=schema["$id"])


def code(value) -> str:
    return f"`{value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}`"


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return {str: "string", list: "array"}.get(type(value), "object")


def _branches(node: dict, resolver) -> list[tuple[dict, object]]:
    return [resolve(branch, resolver) for branch in node.get("anyOf", node.get("oneOf", []))]


def types_of(node: dict, resolver) -> list[str]:
    if "const" in node:
        return [json_type(node["const"])]
    if "enum" in node:
        return list(dict.fromkeys(json_type(value) for value in node["enum"]))
    if "type" in node:
        declared = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if "array" in declared and "items" in node:
            items, items_resolver = resolve(node["items"], resolver)
            inner = " or ".join(t for t in types_of(items, items_resolver) if t != "null")
            declared = [f"array of {inner}" if t == "array" else t for t in declared]
        return declared
    if "anyOf" in node or "oneOf" in node:
        found = [t for branch, sub in _branches(node, resolver) for t in types_of(branch, sub)]
        return list(dict.fromkeys(found))
    return ["any JSON value"] if node == {} or node is True else ["object"]


def type_text(node: dict, resolver) -> str:
    types = types_of(node, resolver)
    named = [t for t in types if t != "null"] + (["null"] if "null" in types else [])
    return " or ".join(named)


def constraints_text(node: dict, resolver) -> str:
    if "anyOf" in node or "oneOf" in node:
        real = [(b, r) for b, r in _branches(node, resolver) if types_of(b, r) != ["null"]]
        if len(real) == 1:
            return constraints_text(*real[0])
        if real and all("properties" in branch for branch, _ in real):
            return "one of the forms below"
        return "several forms (see the description)" if len(real) > 1 else ""
    parts = []
    if "const" in node:
        parts.append(f"always {code(node['const'])}")
    if "enum" in node:
        parts.append("one of " + ", ".join(code(value) for value in node["enum"]))
    if "format" in node:
        shape = FORMAT_SHAPES.get(node["format"])
        parts.append(f"format `{node['format']}`" + (f" ({shape})" if shape else ""))
    if "pattern" in node:
        parts.append(f"pattern `{node['pattern']}`")
    parts += [f"{word} {node[key]}" for key, word in CONSTRAINT_WORDS if key in node]
    if node.get("uniqueItems"):
        parts.append("no repeated items")
    return "; ".join(parts)


def description_of(node: dict, resolver) -> str:
    if node.get("description") or node.get("title"):
        return node.get("description") or node["title"]
    real = [(b, r) for b, r in _branches(node, resolver) if types_of(b, r) != ["null"]]
    return description_of(*real[0]) if len(real) == 1 else ""


# --- if/then rules ---------------------------------------------------------------------


def _condition(schema: dict, prefix: str) -> str:
    parts = []
    for name, sub in schema.get("properties", {}).items():
        if "const" in sub:
            parts.append(f"`{prefix}{name}` is {code(sub['const'])}")
        elif sub.get("type") == "null":
            parts.append(f"`{prefix}{name}` is null")
        else:
            raise GeneratorError(f"cannot describe the `if` on {prefix}{name}: {sorted(sub)}")
    if not parts or set(schema) - {"properties", "required"}:
        raise GeneratorError(f"cannot describe an `if` with {sorted(schema)}")
    return " and ".join(parts)


def _effects(schema: dict, prefix: str) -> list[str]:
    unknown = set(schema) - {"properties", "required", "not"}
    if unknown:
        raise GeneratorError(f"cannot describe a `then` with {sorted(unknown)}")
    parts = [f"`{prefix}{name}` is present" for name in schema.get("required", [])]
    parts += [f"`{prefix}{name}` is absent" for name in schema.get("not", {}).get("required", [])]
    for name, sub in schema.get("properties", {}).items():
        path = f"`{prefix}{name}`"
        if "const" in sub:
            parts.append(f"{path} is {code(sub['const'])}")
        elif "type" in sub:
            parts.append(f"{path} is {'null' if sub['type'] == 'null' else 'a ' + sub['type']}")
        elif "required" in sub:
            parts += _effects(sub, f"{prefix}{name}.")
        else:
            raise GeneratorError(f"cannot describe the rule on {path}: {sorted(sub)}")
    return parts


def rules_of(node: dict, prefix: str) -> list[str]:
    branches = ([node] if "if" in node else []) + [s for s in node.get("allOf", []) if "if" in s]
    rules = []
    for branch in branches:
        rule = f"When {_condition(branch['if'], prefix)}: " + "; ".join(
            _effects(branch.get("then", {}), prefix)) + "."
        if "else" in branch:
            rule += " Otherwise: " + "; ".join(_effects(branch["else"], prefix)) + "."
        rules.append(rule)
    return rules


# --- field tables ----------------------------------------------------------------------


def collect(node: dict, resolver, prefix: str, table: FieldTable) -> None:
    node, resolver = resolve(node, resolver)
    table.rules += rules_of(node, prefix)
    table.closed = table.closed or node.get("additionalProperties") is False or \
        node.get("unevaluatedProperties") is False
    for sub in node.get("allOf", []):
        if "if" not in sub:
            collect(sub, resolver, prefix, table)
    if "oneOf" in node and "type" not in node.get("oneOf", [{}])[0] and "$ref" in node["oneOf"][0]:
        node = {**node, "oneOf": [resolve(b, resolver)[0] for b in node["oneOf"]]}
    if "oneOf" in node and all("properties" in b for b in node["oneOf"]):
        for number, branch in enumerate(node["oneOf"], start=1):
            alternative = FieldTable()
            collect(branch, resolver, prefix, alternative)
            title = branch.get("title") or _alternative_title(branch) or f"form {number}"
            where = f"`{prefix.rstrip('.')}` " if prefix else ""
            table.alternatives.append((where + title, alternative))
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        sub, sub_resolver = resolve(sub, resolver)
        path = prefix + name
        table.rows.append(Row(path, type_text(sub, sub_resolver), name in required,
                              constraints_text(sub, sub_resolver),
                              description_of(sub, sub_resolver)))
        nested = sub
        if "items" in sub:
            nested, sub_resolver = resolve(sub["items"], sub_resolver)
            path += "[]"
        if "properties" in nested or "oneOf" in nested or "allOf" in nested:
            collect(nested, sub_resolver, path + ".", table)


def _alternative_title(branch: dict) -> str:
    """A oneOf branch without a title is named by its `status` constant, if it has one."""
    status = branch.get("properties", {}).get("status", {})
    return f"status {code(status['const'])}" if "const" in status else ""


def field_table(schema: dict) -> FieldTable:
    table = FieldTable()
    collect(schema, root_resolver(schema), "", table)
    return table


def first_sentence(text: str) -> str:
    """Up to the first "." that ends a sentence, not one inside `code`."""
    in_code = False
    for position, char in enumerate(text):
        if char == "`":
            in_code = not in_code
        elif char == "." and not in_code and (position + 1 == len(text) or text[position + 1].isspace()):
            return text[:position] + "."
    return text
