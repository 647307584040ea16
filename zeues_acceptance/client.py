"""The one module that speaks HTTP to the ZEUES v3 API (the live stream is in stream.py).

Request bodies are checked against the contract before they are sent, and every answer
against the schemas its route names for its status (routes.py), so steps only ever see
messages the contract allows. A 500 is never a shape: it is handed back for the scenario to
judge (rule R0). Steps never build URLs.
"""

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlencode

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from zeues_acceptance.answers import NETWORK_ERRORS, ApiResponse, api_response
from zeues_acceptance.contract import request_breaks_contract, validate_request, validate_response
from zeues_acceptance.errors import ContractDriftError, RequestContractError, TargetUnreachable
from zeues_acceptance.redaction import redact_body, redact_headers, redact_url
from zeues_acceptance.routes import ROUTES, Route
from zeues_acceptance.stream import SpoolUpdateStream

DEFAULT_TIMEOUT = (3.05, 15)
USER_AGENT = "zeues-acceptance"
CONNECTION_POOL_SIZE = 20
# Only idempotent reads are retried, when the connection failed or was dropped before an
# answer came (a kept-alive connection the server closed): a 503 is an answer, never retried.
GET_RETRIES = Retry(total=2, connect=2, read=1, status=0, backoff_factor=0.2,
                    allowed_methods=frozenset({"GET"}), raise_on_status=False)
GATEWAY_STATUSES = frozenset({502, 503, 504})
LONGEST_TEXT_IN_RECORD = 10_000

Exchange = dict[str, Any]


class ZeuesClient:
    """A ZEUES v3 API client on one `requests.Session`."""

    def __init__(self, base_url: str, *, timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
                 headers: Mapping[str, str] | None = None,
                 on_exchange: Callable[[Exchange], None] | None = None,
                 subscribe_grace: float = 1.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.on_exchange = on_exchange
        self.subscribe_grace = subscribe_grace
        self.headers = {"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
        self.session = _new_session(self.headers)

    def __enter__(self) -> "ZeuesClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    # -- the shop's actions ---------------------------------------------------------------

    def tomar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self.call("tomar", json=body, deliberately_invalid=deliberately_invalid)

    def pausar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self.call("pausar", json=body, deliberately_invalid=deliberately_invalid)

    def completar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self.call("completar", json=body, deliberately_invalid=deliberately_invalid)

    def record_verdict(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self.call("verdict", json=body, deliberately_invalid=deliberately_invalid)

    # -- reads ------------------------------------------------------------------------------

    def history(self, tag: str) -> ApiResponse:
        return self.call("history", tag_spool=tag)

    def workers(self) -> ApiResponse:
        return self.call("workers")

    def spools_to_start(self, operacion: str) -> ApiResponse:
        return self.call("spools_to_start", query={"operacion": operacion})

    def spools_to_complete(self, operacion: str, worker_nombre: str) -> ApiResponse:
        return self.call("spools_to_complete",
                         query={"operacion": operacion, "worker_nombre": worker_nombre})

    def occupied(self) -> ApiResponse:
        return self.call("occupied")

    def health(self) -> ApiResponse:
        return self.call("health")

    def redis_health(self) -> ApiResponse:
        return self.call("redis_health")

    def connection_stats(self) -> ApiResponse:
        return self.call("connection_stats")

    def root(self) -> ApiResponse:
        return self.call("root")

    def openapi(self) -> ApiResponse:
        """The target's own description; any JSON is handed back unchecked."""
        return self.request("GET", "/openapi.json", route=None)

    def create_test_spool(self, tag: str, *, fecha_materiales: Any = ...) -> ApiResponse:
        body = {"tag_spool": tag}
        if fecha_materiales is not ...:
            body["fecha_materiales"] = fecha_materiales
        return self.call("create_test_spool", json=body)

    def open_stream(self, *, read_timeout: float = 30.0) -> SpoolUpdateStream:
        """An unopened subscription to live updates: use it as a context manager or open()."""
        return SpoolUpdateStream(
            self.base_url + ROUTES["stream"].path,
            headers={**self.headers, "Accept": "text/event-stream", "Accept-Encoding": "identity"},
            connect_timeout=_connect_timeout(self.timeout), read_timeout=read_timeout,
            subscribe_grace=self.subscribe_grace, on_exchange=self.on_exchange)

    # -- plumbing ---------------------------------------------------------------------------

    def call(self, route_name: str, *, json: Any = None, query: Mapping[str, str] | None = None,
             deliberately_invalid: bool = False, **path_params) -> ApiResponse:
        route = ROUTES[route_name]
        path = route.path.format(**{name: quote(str(value), safe="")
                                    for name, value in path_params.items()})
        if query:
            path += "?" + urlencode(query)
        _check_request(route, json, deliberately_invalid)
        return self.request(route.method, path, json=json, route=route)

    def request(self, method: str, path: str, *, json: Any = None,
                route: Route | None) -> ApiResponse:
        """Send one request and check its answer against `route` (None: not checked)."""
        url = self.base_url + path
        try:
            response = self.session.request(method, url, json=json, timeout=self.timeout)
        except NETWORK_ERRORS as error:
            self._report(_failed_exchange(method, url, self.headers, json, error))
            raise TargetUnreachable(
                f"Environment: the target did not answer {method} {redact_url(url)}: "
                f"{_reason(error)}") from error
        answer = api_response(method, response)
        self._report(_exchange(response, json, answer))
        if route is not None:
            check_answer(route, answer)
        return answer

    def _report(self, exchange: Exchange) -> None:
        if self.on_exchange is not None:
            self.on_exchange(exchange)


def check_answer(route: Route, answer: ApiResponse) -> None:
    """Raise unless the answer meets a schema its route names for its status."""
    if answer.is_server_error:
        return  # never a shape to accept: the scenario judges it (R0)
    schemas = route.schemas_for(answer.status)
    if answer.status in GATEWAY_STATUSES and answer.body is None:
        raise TargetUnreachable(f"Environment: a gateway answered {answer.status} on "
                                f"{answer.request_line}, not the API: {answer.text[:200]!r}")
    if schemas is None:
        raise ContractDriftError(
            f"Contract drift: {answer.request_line} answered {answer.status}, a status ZEUES v3 "
            f"does not answer there: {answer.text[:200]}")
    if answer.body is None:
        raise ContractDriftError(
            f"Contract drift: {answer.request_line} answered {answer.status} without a JSON body "
            f"({answer.headers.get('Content-Type', '')!r}): {answer.text[:120]!r}")
    validate_response(schemas, answer.body)


def _check_request(route: Route, body: Any, deliberately_invalid: bool) -> None:
    if route.request_schema is None:
        return
    if not deliberately_invalid:
        validate_request(route.request_schema, body)
    elif not request_breaks_contract(route.request_schema, body):
        raise RequestContractError(
            f"Test defect: a request meant to break {route.request_schema} is valid: {body}")


def _new_session(headers: Mapping[str, str]) -> requests.Session:
    session = requests.Session()
    session.headers.update(headers)
    adapter = HTTPAdapter(max_retries=GET_RETRIES, pool_connections=1,
                          pool_maxsize=CONNECTION_POOL_SIZE)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _exchange(response: requests.Response, request_body: Any, answer: ApiResponse) -> Exchange:
    sent = response.request
    body = answer.body
    return {
        "request": {"method": sent.method, "url": redact_url(sent.url),
                    "headers": redact_headers(sent.headers), "body": redact_body(request_body)},
        "response": {"status": answer.status, "headers": redact_headers(response.headers),
                     "body": redact_body(body) if body is not None
                     else answer.text[:LONGEST_TEXT_IN_RECORD],
                     "elapsed_ms": answer.elapsed_ms},
    }


def _failed_exchange(method: str, url: str, headers: Mapping[str, str], request_body: Any,
                     error: Exception) -> Exchange:
    return {"request": {"method": method, "url": redact_url(url), "headers": redact_headers(headers),
                        "body": redact_body(request_body)},
            "response": None, "error": _reason(error)}


def _reason(error: Exception) -> str:
    cause = error.args[0] if error.args else error
    return str(getattr(cause, "reason", cause))


def _connect_timeout(timeout: float | tuple[float, float]) -> float:
    return timeout[0] if isinstance(timeout, tuple) else timeout
