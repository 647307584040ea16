"""The recorded real exchanges (tests/reference/zeues-v3.0-f0ec7b5/exchanges.json), read so the
stand-in can be put in each entry's state and asked the same thing.

An entry's `state_before` lists the earlier writes on its spool as `TOMAR ARM by 93 -> 200`,
`COMPLETAR ARM by 93 -> 500` or `METROLOGIA verdict APROBADO by 95 -> 500`; those are
replayed on the stand-in. Tags are renamed to fresh spools so each entry stands alone.
"""

import json
import re
from dataclasses import dataclass

from .conftest import NAMES, REFERENCE

ENTRIES = json.loads((REFERENCE / "exchanges.json").read_text())
RECORDED_TAG = re.compile(r"\bTEST-\d\d\b")
UNKNOWN_TAG, BARE_TAG = "TEST-99", "TEST-21"  # not in the sheet / without Fecha_Materiales
WRITE = re.compile(r"(?:(TOMAR|PAUSAR|COMPLETAR) (ARM|SOLD|METROLOGIA)"
                   r"|METROLOGIA verdict (APROBADO|RECHAZADO)) by (\d+) -> \d+")


def entry(entry_id: str) -> dict:
    return next(e for e in ENTRIES if e["id"] == entry_id)


@dataclass(frozen=True)
class Write:
    action: str  # tomar | pausar | completar | verdict
    operacion: str | None
    resultado: str | None
    worker_id: int


def writes_before(entry: dict) -> list[Write]:
    """The writes listed in state_before, in order."""
    found = []
    for match in WRITE.finditer(entry["state_before"]):
        action, operacion, resultado, worker = match.groups()
        found.append(Write(action.lower() if action else "verdict", operacion, resultado,
                           int(worker)))
    return found


def replay(api, tag: str, write: Write):
    """Send one recorded write on `tag`; the stand-in answers it 200 (the real API's 500s
    there are defects), a verdict on a spool not ready answers its refusal."""
    if write.action == "verdict":
        response = api.verdict(tag, write.worker_id, write.resultado)
        assert response.status_code < 500, response.text
        return response
    body = {"tag_spool": tag, "worker_id": write.worker_id,
            "worker_nombre": NAMES[write.worker_id], "operacion": write.operacion}
    if write.action == "completar":
        body["fecha_operacion"] = "2026-02-02"
    response = api.post(f"/api/occupation/{write.action}", body)
    assert response.status_code == 200, (write, response.text)
    return response


def recorded_tags(entry: dict) -> list[str]:
    text = " ".join((entry["request"]["path"], json.dumps(entry["request"]["body"]),
                     entry["state_before"]))
    return list(dict.fromkeys(RECORDED_TAG.findall(text)))


def renamed(value, names: dict[str, str]):
    """`value` (any JSON) with recorded tags replaced by the stand-in's."""
    text = RECORDED_TAG.sub(lambda m: names.get(m.group(0), m.group(0)), json.dumps(value))
    return json.loads(text)


def shape(value):
    """Keys and JSON types, recursively; a list by the set of its items' shapes."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return ["list of", sorted({json.dumps(shape(item), sort_keys=True) for item in value})]
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "null" if value is None else "string"


def send(api, entry: dict, names: dict[str, str]):
    request = entry["request"]
    path = renamed(request["path"], names)
    if request["method"] == "GET":
        return api.get(path)
    return api.post(path, renamed(request["body"], names))

