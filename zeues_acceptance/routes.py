"""The routes of ZEUES v3.0 the suite speaks, and which message schema each answer must meet.

One table serves the client (before sending and after each answer), the recorded-traffic
check and the drift check. A status maps to the error families (section A.0 of the contract)
that route answers in; a 500 is never a shape to accept, and is judged by the scenario.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

F1, F2, F3 = "error-detail", "error-envelope", "validation-error"
SERVER_ERROR = 500


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # with {placeholders}
    request_schema: str | None = None
    responses: dict[int, tuple[str, ...]] = field(default_factory=dict)
    required_query: tuple[str, ...] = ()
    stream: bool = False  # text/event-stream; each message's data meets responses[200]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def schemas_for(self, status: int) -> tuple[str, ...] | None:
        """The schemas one of which an answer with this status must meet; None: not named."""
        return self.responses.get(status)


def _occupation(name: str, schema: str) -> Route:
    return Route(name, "POST", f"/api/occupation/{name}", f"{schema}-request", {
        200: ("occupation-response",), 400: (F1,), 403: (F1,), 404: (F1,), 409: (F1,),
        410: (F1,), 422: (F3,), 503: (F1,)})


def _listing(name: str, path: str, required_query: tuple[str, ...]) -> Route:
    return Route(name, "GET", path, None, {
        200: ("spool-list-response",), 400: (F1,), 422: (F3,), 503: (F1, F2)}, required_query)


ROUTES = {route.name: route for route in (
    _occupation("tomar", "tomar"),
    _occupation("pausar", "pausar"),
    _occupation("completar", "completar"),
    Route("batch_tomar", "POST", "/api/occupation/batch-tomar", "batch-tomar-request",
          {200: ("batch-occupation-response",), 422: (F3,)}),
    Route("verdict", "POST", "/api/metrologia/completar", "metrologia-completar-request", {
        200: ("metrologia-completar-response",), 400: (F2,), 404: (F2,), 409: (F2,), 422: (F3,),
        429: (F2,), 503: (F2,)}),
    Route("history", "GET", "/api/history/{tag_spool}", None,
          {200: ("history-response",), 404: (F2,), 422: (F3,), 503: (F2,)}),
    Route("workers", "GET", "/api/workers", None, {200: ("workers-response",), 503: (F2,)}),
    _listing("spools_to_start", "/api/spools/iniciar", ("operacion",)),
    _listing("spools_to_complete", "/api/spools/completar", ("operacion", "worker_nombre")),
    Route("occupied", "GET", "/api/dashboard/occupied", None,
          {200: ("occupied-spools-response",), 503: (F1,)}),
    Route("health", "GET", "/api/health", None, {200: ("health-response",)}),
    Route("redis_health", "GET", "/api/redis-health", None, {200: ("redis-health-response",)}),
    Route("connection_stats", "GET", "/api/redis-connection-stats", None,
          {200: ("connection-stats-response",)}),
    Route("stream", "GET", "/api/sse/stream", None,
          {200: ("spool-update-event",), 503: (F1,)}, stream=True),
    Route("root", "GET", "/", None, {200: ("root-response",)}),
    Route("create_test_spool", "POST", "/api/testing/spools", "testing-spool-request",
          {201: ("spool",), 404: (F1,), 422: (F3,), 503: (F1,)}),
)}

# Any other path is a route the API does not have: Starlette's 404 (F4, shaped as F1).
UNKNOWN_ROUTE = Route("unknown", "*", "*", None, {404: (F1,), 405: (F1,)})


def _pattern(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(path)) + "$")


_PATTERNS = [(route, _pattern(route.path)) for route in ROUTES.values()]


def route_for(method: str, path: str) -> Route:
    """The route a recorded request went to (the path may carry a query string)."""
    bare = unquote(urlsplit(path).path)
    for route, pattern in _PATTERNS:
        if route.method == method.upper() and pattern.match(bare):
            return route
    return UNKNOWN_ROUTE


def missing_query(route: Route, path: str) -> list[str]:
    """Required query parameters the request did not send."""
    sent = parse_qs(urlsplit(path).query, keep_blank_values=True)
    return [name for name in route.required_query if name not in sent]
