"""Reduce an OpenAPI document to what a client relies on, so two documents can be compared.

Kept: paths and methods, parameters (name, place, required, schema), request bodies and 200
responses, and every component they reach: properties, required fields, types, formats,
enums, constraints and defaults. Dropped: prose (titles, descriptions, summaries, examples,
operation ids and tags).
"""

PROSE = {"title", "description", "summary", "examples", "example"}


def strip_prose(schema):
    if isinstance(schema, dict):
        return {key: strip_prose(value) for key, value in schema.items() if key not in PROSE}
    if isinstance(schema, list):
        return [strip_prose(item) for item in schema]
    return schema


def referenced_components(schema, components: dict, seen: set[str]) -> None:
    """Add to `seen` every component `schema` reaches, directly or through others."""
    if isinstance(schema, dict):
        reference = schema.get("$ref")
        if reference:
            name = reference.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                referenced_components(components[name], components, seen)
        for value in schema.values():
            referenced_components(value, components, seen)
    elif isinstance(schema, list):
        for item in schema:
            referenced_components(item, components, seen)


def operation_shape(operation: dict) -> dict:
    parameters = {(p["name"], p["in"]): {"required": p.get("required", False),
                                         "schema": strip_prose(p.get("schema"))}
                  for p in operation.get("parameters", [])}
    body = operation.get("requestBody")
    ok = operation.get("responses", {}).get("200", {})
    return {
        "parameters": parameters,
        "request": None if body is None else {"required": body.get("required", False),
                                              "content": strip_prose(body.get("content"))},
        "200": strip_prose(ok.get("content")),
    }


def api_shape(document: dict, paths: set[str]) -> dict:
    """{"operations": {(method, path): shape}, "components": {name: schema}} for `paths`."""
    operations, seen = {}, set()
    components = document.get("components", {}).get("schemas", {})
    for path in paths:
        for method, operation in document["paths"][path].items():
            shape = operation_shape(operation)
            operations[(method.upper(), path)] = shape
            referenced_components(shape, components, seen)
    return {"operations": operations,
            "components": {name: strip_prose(components[name]) for name in sorted(seen)}}


def differences(expected, actual, where: str = "") -> list[str]:
    """Every place the two differ, as readable lines."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(set(expected) | set(actual), key=str):
            here = f"{where}/{key}"
            if key not in actual:
                found.append(f"{here}: missing (expected {expected[key]!r})")
            elif key not in expected:
                found.append(f"{here}: unexpected {actual[key]!r}")
            else:
                found.extend(differences(expected[key], actual[key], here))
        return found
    if expected != actual:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []
