"""The one module that speaks HTTP to the ZEUES v3 API, its event stream included.

Request bodies are checked against the contract before they are sent and every
JSON answer is checked against the schema for its status, so steps only ever
see messages that the contract allows. Steps never build URLs.
"""

import json
import threading
import time
from functools import lru_cache
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from zeues_acceptance.contract import (
    request_breaks_contract,
    validate_request,
    validate_response,
)
from zeues_acceptance.errors import (
    ContractDriftError,
    EnvironmentProblem,
    RedisUnavailable,
    RequestContractError,
    TargetUnreachable,
)
from zeues_acceptance.redaction import redact_body, redact_headers, redact_url

DEFAULT_TIMEOUT = (3.05, 10)
USER_AGENT = "zeues-acceptance"
CONNECTION_POOL_SIZE = 20
# Only idempotent reads are retried; a 503 is always handed back, never retried away.
GET_RETRIES = Retry(
    total=2,
    connect=2,
    read=0,
    status=0,
    backoff_factor=0.2,
    allowed_methods=frozenset({"GET"}),
    raise_on_status=False,
)
NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
VALIDATION_ERROR_SCHEMA = "validation-error-response"
ERROR_SCHEMA = "error-response"
CONTRACT_ERROR_STATUSES = frozenset({403, 404, 409, 503})
GATEWAY_STATUSES = frozenset({502, 503, 504})
LONGEST_TEXT_IN_RECORD = 10_000
READ_SIZE = 8192

Exchange = dict[str, Any]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    request_schema: str | None = None
    # Schema for each status; None means "answered, but not the contract's business".
    response_schemas: Mapping[int, str | None] = field(default_factory=dict)


ENDPOINTS = {
    "tomar": Endpoint(
        "POST", "/api/occupation/tomar", "tomar-request", {200: "occupation-response"}
    ),
    "pausar": Endpoint(
        "POST", "/api/occupation/pausar", "pausar-request", {200: "occupation-response"}
    ),
    "completar": Endpoint(
        "POST", "/api/occupation/completar", "completar-request", {200: "occupation-response"}
    ),
    "history": Endpoint("GET", "/api/history/{tag_spool}", None, {200: "history-response"}),
    "spool": Endpoint("GET", "/api/spools/{tag_spool}", None, {200: "spool-response"}),
    "workers": Endpoint("GET", "/api/workers", None, {200: "workers-response"}),
    "health": Endpoint("GET", "/api/health", None, {200: "health-response"}),
    "redis_health": Endpoint(
        "GET",
        "/api/redis-health",
        None,
        {200: "redis-health-response", 503: "redis-health-unhealthy-response"},
    ),
    "connection_stats": Endpoint(
        "GET", "/api/redis-connection-stats", None, {200: "connection-stats-response"}
    ),
    # Production answers 404 here, perhaps with a body outside the contract.
    "create_test_spool": Endpoint(
        "POST", "/api/testing/spools", "testing-spool-request", {201: "spool-response", 404: None}
    ),
    "openapi": Endpoint("GET", "/openapi.json", None, {200: None, 404: None}),
    "stream": Endpoint("GET", "/api/sse/stream"),
}


@dataclass(frozen=True)
class ApiResponse:
    method: str
    url: str
    status: int
    body: Any
    text: str
    headers: Mapping[str, str]
    elapsed_ms: float

    @property
    def request_line(self) -> str:
        return f"{self.method} {urlsplit(self.url).path}"

    @property
    def error_code(self) -> str | None:
        return self.body.get("error") if isinstance(self.body, dict) else None

    def raise_for_environment(self) -> None:
        """Raise if the environment, not the API's logic, answered: 503 REDIS_UNAVAILABLE, or a
        gateway error with no contract body (the request never reached the API)."""
        if self.status == 503 and self.error_code == "REDIS_UNAVAILABLE":
            raise RedisUnavailable(self.request_line, self.body.get("message", ""))
        if self.status in GATEWAY_STATUSES and self.error_code is None:
            raise TargetUnreachable(
                f"Environment: gateway answered {self.status} on {self.request_line}: {self.text[:200]}")


class ZeuesClient:
    """A ZEUES v3 API client on one `requests.Session`."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        on_exchange: Callable[[Exchange], None] | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.on_exchange = on_exchange
        self.headers = {"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
        self.session = _new_session(self.headers)

    def __enter__(self) -> "ZeuesClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def path_for(self, endpoint: str, **path_params: Any) -> str:
        """The path of a named endpoint, e.g. path_for("history", tag_spool="TEST-02")."""
        quoted = {name: quote(str(value), safe="") for name, value in path_params.items()}
        return ENDPOINTS[endpoint].path.format(**quoted)

    def tomar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self._call("tomar", json=body, deliberately_invalid=deliberately_invalid)

    def pausar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self._call("pausar", json=body, deliberately_invalid=deliberately_invalid)

    def completar(self, body: Any, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self._call("completar", json=body, deliberately_invalid=deliberately_invalid)

    def history(self, tag: str) -> ApiResponse:
        return self._call("history", tag_spool=tag)

    def spool(self, tag: str) -> ApiResponse:
        return self._call("spool", tag_spool=tag)

    def workers(self) -> ApiResponse:
        return self._call("workers")

    def health(self) -> ApiResponse:
        return self._call("health")

    def redis_health(self) -> ApiResponse:
        return self._call("redis_health")

    def connection_stats(self) -> ApiResponse:
        return self._call("connection_stats")

    def create_test_spool(self, tag: str, *, deliberately_invalid: bool = False) -> ApiResponse:
        return self._call(
            "create_test_spool", json={"tag_spool": tag}, deliberately_invalid=deliberately_invalid
        )

    def openapi(self) -> ApiResponse:
        return self._call("openapi")

    def open_stream(
        self, *, subscribe_timeout: float = 10.0, read_timeout: float = 30.0
    ) -> "SpoolUpdateStream":
        """An unopened subscription to spool updates; use it as a context manager or call open()."""
        return SpoolUpdateStream(
            self.base_url + self.path_for("stream"),
            headers={**self.headers, "Accept": "text/event-stream", "Accept-Encoding": "identity"},
            connect_timeout=_connect_timeout(self.timeout),
            read_timeout=read_timeout,
            subscribe_timeout=subscribe_timeout,
            on_exchange=self.on_exchange,
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        request_schema: str | None = None,
        response_schemas: Mapping[int, str | None] | None = None,
        deliberately_invalid: bool = False,
    ) -> ApiResponse:
        """Send one request; check the body before and the answer after.

        `response_schemas` maps a status to its schema (None: not checked); a 422
        not listed is checked as a validation error, any other 4xx/5xx as an error.
        """
        _check_request(request_schema, json, deliberately_invalid)
        url = self.base_url + path
        try:
            response = self.session.request(method, url, json=json, timeout=self.timeout)
        except NETWORK_ERRORS as error:
            self._report(_failed_exchange(method, url, self.headers, json, error))
            raise TargetUnreachable(
                f"Environment: target unreachable: {redact_url(url)}: {_reason(error)}"
            ) from error
        api_response = _api_response(method, response)
        self._report(_exchange(response, json, api_response))
        _check_response(api_response, response_schemas or {})
        return api_response

    def _call(
        self, endpoint_name: str, *, json: Any = None, deliberately_invalid: bool = False, **path_params
    ) -> ApiResponse:
        endpoint = ENDPOINTS[endpoint_name]
        return self.request(
            endpoint.method,
            self.path_for(endpoint_name, **path_params),
            json=json,
            request_schema=endpoint.request_schema,
            response_schemas=endpoint.response_schemas,
            deliberately_invalid=deliberately_invalid,
        )

    def _report(self, exchange: Exchange) -> None:
        if self.on_exchange is not None:
            self.on_exchange(exchange)


class SpoolUpdateStream:
    """A subscription to `spool_update` events, read by a daemon thread.

    open() returns once the server's first `: ping` comment proves the
    subscription is live, so no update sent after that can be missed.
    """

    EVENT_NAME = "spool_update"
    SCHEMA = "spool-update-event"
    CLOSE_WAIT_SECONDS = 2.0

    def __init__(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        connect_timeout: float,
        read_timeout: float = 30.0,
        subscribe_timeout: float = 10.0,
        on_exchange: Callable[[Exchange], None] | None = None,
    ):
        self.url = url
        self._headers = dict(headers)
        self._timeout = (connect_timeout, read_timeout)
        self._subscribe_timeout = subscribe_timeout
        self._on_exchange = on_exchange
        self._condition = threading.Condition()
        self._events: list[dict] = []
        self._subscribed = False
        self._drift: ContractDriftError | None = None
        self._ended: str | None = None
        self._closing = False
        self._session: requests.Session | None = None
        self._response: requests.Response | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "SpoolUpdateStream":
        return self.open()

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def events(self) -> list[dict]:
        """Every valid spool_update received so far, oldest first."""
        with self._condition:
            return list(self._events)

    def open(self) -> "SpoolUpdateStream":
        if self._thread is not None:
            return self
        self._session = requests.Session()
        self._session.headers.update(self._headers)
        try:
            self._response = self._session.get(self.url, stream=True, timeout=self._timeout)
        except NETWORK_ERRORS as error:
            self._session.close()
            raise TargetUnreachable(
                f"Environment: target unreachable: {redact_url(self.url)}: {_reason(error)}"
            ) from error
        self._report_subscription()
        self._check_subscription()
        self._thread = threading.Thread(target=self._read, name="spool-update-stream", daemon=True)
        self._thread.start()
        self._wait_until_subscribed()
        return self

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 5.0) -> dict | None:
        """The first event so far or within `timeout` seconds that matches, else None."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                if self._drift is not None:
                    raise self._drift
                match = next((event for event in self._events if predicate(event)), None)
                if match is not None or self._closing:
                    return match
                if self._ended is not None:
                    raise EnvironmentProblem(
                        f"Environment: event stream {redact_url(self.url)} ended: {self._ended}"
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._condition.wait(remaining)

    def take_events(self) -> list[dict]:
        """Hand over the events received since the last call and forget them."""
        with self._condition:
            events, self._events = self._events, []
            return events

    @property
    def problem(self) -> Exception | None:
        """Why the stream can no longer be trusted (contract drift, an early end), else None."""
        with self._condition:
            if self._drift is not None:
                return self._drift
            if self._ended is not None and not self._closing:
                return EnvironmentProblem(
                    f"Environment: event stream {redact_url(self.url)} ended: {self._ended}")
            return None

    def close(self) -> None:
        """Wake the reader and let it finish before closing: closing the response under a
        reader still inside it fails where threads are greenlets (Locust)."""
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        if self._response is not None:
            _interrupt_read(self._response)
        if self._thread is not None:
            self._thread.join(self.CLOSE_WAIT_SECONDS)
        if self._response is not None:
            self._response.close()
        if self._session is not None:
            self._session.close()

    def _report_subscription(self) -> None:
        if self._on_exchange is None:
            return
        response = self._response
        self._on_exchange(
            {
                "request": {
                    "method": "GET",
                    "url": redact_url(self.url),
                    "headers": redact_headers(response.request.headers),
                    "body": None,
                },
                "response": {
                    "status": response.status_code,
                    "headers": redact_headers(response.headers),
                    "body": None,
                    "elapsed_ms": _elapsed_ms(response),
                },
            }
        )

    def _check_subscription(self) -> None:
        response = self._response
        content_type = response.headers.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/event-stream"):
            return
        text = response.text[:200] if response.status_code != 200 else ""
        self.close()
        if response.status_code == 503:
            raise EnvironmentProblem(
                f"Environment: event stream unavailable (503) on GET {urlsplit(self.url).path}: {text}"
            )
        raise ContractDriftError(
            f"Contract drift: GET {urlsplit(self.url).path} answered {response.status_code} "
            f"{content_type!r}, not a 200 text/event-stream: {text}"
        )

    def _wait_until_subscribed(self) -> None:
        with self._condition:
            self._condition.wait_for(
                lambda: self._subscribed or self._ended is not None, self._subscribe_timeout
            )
            subscribed, ended = self._subscribed, self._ended
        if subscribed:
            return
        self.close()
        why = f" (stream ended: {ended})" if ended else ""
        raise EnvironmentProblem(
            f"Environment: no ': ping' from {redact_url(self.url)} within "
            f"{self._subscribe_timeout} s, so the subscription is not confirmed{why}"
        )

    def _read(self) -> None:
        try:
            self._parse(_lines(self._response))
            reason = "the server closed it"
        except Exception as error:  # noqa: BLE001 - handed to the waiting thread, not swallowed
            reason = f"{type(error).__name__}: {error}"
        with self._condition:
            if not self._closing:
                self._ended = reason
            self._condition.notify_all()

    def _parse(self, lines) -> None:
        event_name, data_lines = "", []
        for line in lines:
            if not line:
                if data_lines:
                    self._dispatch(event_name or "message", "\n".join(data_lines))
                event_name, data_lines = "", []
            elif line.startswith(":"):
                if line[1:].strip() == "ping":
                    self._mark_subscribed()
            else:
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "event":
                    event_name = value
                elif name == "data":
                    data_lines.append(value)

    def _mark_subscribed(self) -> None:
        with self._condition:
            self._subscribed = True
            self._condition.notify_all()

    def _dispatch(self, event_name: str, data: str) -> None:
        if event_name != self.EVENT_NAME:
            return
        drift = _event_drift(data)
        with self._condition:
            if drift is None:
                self._events.append(json.loads(data))
            elif self._drift is None:
                self._drift = drift
            self._condition.notify_all()


def _new_session(headers: Mapping[str, str]) -> requests.Session:
    session = requests.Session()
    session.headers.update(headers)
    adapter = HTTPAdapter(
        max_retries=GET_RETRIES, pool_connections=1, pool_maxsize=CONNECTION_POOL_SIZE
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _check_request(schema: str | None, body: Any, deliberately_invalid: bool) -> None:
    if not deliberately_invalid:
        if schema is not None:
            validate_request(schema, body)
        return
    if schema is None:
        raise RequestContractError(
            "Test defect: a request meant to break the contract needs a request schema"
        )
    if not request_breaks_contract(schema, body):
        raise RequestContractError(
            f"Test defect: request meant to break the contract is valid against {schema}"
        )


def _schema_for_status(status: int, response_schemas: Mapping[int, str | None]) -> str | None:
    """The schema an answer must meet; statuses the contract never names are not checked
    (a 500 is judged by the scenario, not reported as drift)."""
    if status in response_schemas:
        return response_schemas[status]
    if status == 422:
        return VALIDATION_ERROR_SCHEMA
    if status in CONTRACT_ERROR_STATUSES:
        return ERROR_SCHEMA
    return None


def _check_response(response: ApiResponse, response_schemas: Mapping[int, str | None]) -> None:
    schema = _schema_for_status(response.status, response_schemas)
    if schema is None:
        return
    if response.body is not None:
        validate_response(schema, response.body)
    elif response.status in response_schemas:
        # This status promises a JSON message; a gateway's HTML error page does not.
        content_type = response.headers.get("Content-Type", "")
        raise ContractDriftError(
            f"Contract drift: response breaks {schema}: $: json "
            f"(expected a JSON body, got {content_type!r}: {response.text[:120]!r})"
        )


def _parse_json(response: requests.Response) -> Any:
    if "json" not in response.headers.get("Content-Type", ""):
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _elapsed_ms(response: requests.Response) -> float:
    return round(response.elapsed.total_seconds() * 1000, 1)


def _api_response(method: str, response: requests.Response) -> ApiResponse:
    return ApiResponse(
        method=method,
        url=response.url,
        status=response.status_code,
        body=_parse_json(response),
        text=response.text,
        headers=response.headers,
        elapsed_ms=_elapsed_ms(response),
    )


def _exchange(response: requests.Response, request_body: Any, api_response: ApiResponse) -> Exchange:
    sent = response.request
    body = api_response.body
    return {
        "request": {
            "method": sent.method,
            "url": redact_url(sent.url),
            "headers": redact_headers(sent.headers),
            "body": redact_body(request_body),
        },
        "response": {
            "status": api_response.status,
            "headers": redact_headers(response.headers),
            "body": redact_body(body) if body is not None else api_response.text[:LONGEST_TEXT_IN_RECORD],
            "elapsed_ms": api_response.elapsed_ms,
        },
    }


def _failed_exchange(
    method: str, url: str, headers: Mapping[str, str], request_body: Any, error: Exception
) -> Exchange:
    return {
        "request": {
            "method": method,
            "url": redact_url(url),
            "headers": redact_headers(headers),
            "body": redact_body(request_body),
        },
        "response": None,
        "error": _reason(error),
    }


def _reason(error: Exception) -> str:
    cause = error.args[0] if error.args else error
    return str(getattr(cause, "reason", cause))


def _connect_timeout(timeout: float | tuple[float, float]) -> float:
    return timeout[0] if isinstance(timeout, tuple) else timeout


def _lines(response: requests.Response):
    """Decoded lines of a streamed body as they arrive (an SSE line ends in LF or CRLF).

    read1 hands over whatever the socket already holds, so a ping is seen at once
    without paying a call per byte.
    """
    buffer = bytearray()
    while chunk := response.raw.read1(READ_SIZE):
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            line = bytes(buffer[:end]).removesuffix(b"\r")
            del buffer[: end + 1]
            yield line.decode("utf-8", errors="replace")


@lru_cache(maxsize=20_000)
def _event_drift(data: str) -> ContractDriftError | None:
    """Why a spool_update payload breaks the contract, or None; every dashboard receives the
    same text for the same update, so each distinct text is checked once per process."""
    try:
        validate_response(SpoolUpdateStream.SCHEMA, json.loads(data))
    except ValueError:
        return ContractDriftError(
            f"Contract drift: {SpoolUpdateStream.EVENT_NAME} data is not JSON: {data[:200]!r}")
    except ContractDriftError as error:
        return error
    return None


def _interrupt_read(response: requests.Response) -> None:
    """Wake the reader thread: closing a socket does not end a blocked recv, shutting it down does."""
    try:
        response.raw.shutdown()
    except (AttributeError, OSError, RuntimeError, ValueError):
        pass
