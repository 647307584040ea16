"""The recorded exchanges of the real ZEUES v3.0 (tests/reference/), as the API reference shows
them: by route, each with the known defects its answer shows.

A 500 is named as the suite itself names it (zeues_acceptance.judge.known_defect). Four
defects show in answers that meet their schema, and are recognised by their signature as
section C of the contract records it: history times at the fixed offset -04:43 (D7), a welding
session still open after its completion (D6), connection figures without any usage (D9), a
live update for an action that answered 500 (D5).
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zeues_acceptance.client import ApiResponse
from zeues_acceptance.judge import Action, RedisReading, Situation, known_defect
from zeues_acceptance.routes import Route, route_for

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT / "tests" / "reference"
MAIN_COMMIT, EARLIER_COMMIT = "f0ec7b5", "b5acfc9"
LMT_OFFSET = re.compile(r"T\d\d:\d\d:\d\d-04:43$")  # D7: pytz's LMT for America/Santiago
USAGE_KEYS = ("active_connections", "available_connections", "utilization_percent")
REDIS_STOPPED = "Redis stopped"


@dataclass(frozen=True)
class Exchange:
    id: str
    commit: str
    what: str
    state_before: str
    method: str
    path: str
    request_body: object
    status: int
    content_type: str
    body: object

    @property
    def route(self) -> Route:
        return route_for(self.method, self.path)

    @property
    def source(self) -> str:
        return f"tests/reference/zeues-v3.0-{self.commit}/exchanges.json"

    @property
    def defects(self) -> tuple[str, ...]:
        return tuple(sorted(_defects(self), key=lambda d: int(d[1:])))


def reference_file(commit: str) -> Path:
    return REFERENCE_DIR / f"zeues-v3.0-{commit}" / "exchanges.json"


@cache
def exchanges(commit: str = MAIN_COMMIT) -> tuple[Exchange, ...]:
    entries = json.loads(reference_file(commit).read_text(encoding="utf-8"))
    return tuple(Exchange(
        id=entry["id"], commit=commit, what=entry.get("what", ""),
        state_before=entry.get("state_before", ""), method=entry["request"]["method"],
        path=entry["request"]["path"], request_body=entry["request"].get("body"),
        status=entry["response"]["status"], content_type=entry["response"].get("content_type", ""),
        body=entry["response"]["body"]) for entry in entries)


def for_route(route: Route, commit: str = MAIN_COMMIT) -> list[Exchange]:
    return [exchange for exchange in exchanges(commit) if exchange.route == route]


def raw_stream(commit: str = MAIN_COMMIT) -> str:
    """The recorded text of one stream, CRLF line ends as sent."""
    path = REFERENCE_DIR / f"zeues-v3.0-{commit}" / "sse-stream.txt"
    return path.read_bytes().decode("utf-8")


def _defects(exchange: Exchange) -> set[str]:
    found = set()
    if exchange.status == 500:
        found.add(_server_error_defect(exchange))
    strings = list(_strings(exchange.body))
    if any(LMT_OFFSET.search(text) for text in strings):
        found.add("D7")
    if exchange.route.name == "history" and "SOLD completed" in exchange.state_before and any(
            s.get("operacion") == "SOLD" and s.get("end_time") is None
            for s in exchange.body.get("sessions", [])):
        found.add("D6")
    if exchange.route.name == "connection_stats" and not any(k in exchange.body for k in USAGE_KEYS):
        found.add("D9")
    if exchange.route.stream and exchange.state_before.endswith("-> 500"):
        found.add("D5")
    found.discard(None)
    return found


def _server_error_defect(exchange: Exchange) -> str | None:
    body = exchange.request_body if isinstance(exchange.request_body, dict) else {}
    verb = {"tomar": "TOMAR", "pausar": "PAUSAR", "completar": "COMPLETAR",
            "verdict": "VERDICT"}.get(exchange.route.name, exchange.method)
    action = Action(verb, str(body.get("tag_spool", "")), str(body.get("worker_nombre", "")),
                    body.get("resultado") if verb == "VERDICT" else body.get("operacion"))
    response = ApiResponse(exchange.method, exchange.path, exchange.status, exchange.body,
                           json.dumps(exchange.body, ensure_ascii=False), {}, 0.0)
    situation = Situation(RedisReading(True, ""),
                          redis_stopped_on_purpose=REDIS_STOPPED in exchange.state_before)
    return known_defect(situation, response, action)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
