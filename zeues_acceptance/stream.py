"""A dashboard's view of GET /api/sse/stream: spool_update events read by a daemon thread.

The real stream sends nothing when it opens and its first keep-alive (`: ping - <UTC
datetime>`) only 15 s later, so a client cannot wait for a ping to know it is subscribed.
ZEUES v3.0 subscribes to Redis just after sending the headers; open() therefore returns a
grace period after the headers (about 1 s for a remote target; 0 for the embedded stand-in,
which subscribes before it sends them).
"""

import json
import threading
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import requests

from zeues_acceptance.answers import NETWORK_ERRORS, api_response
from zeues_acceptance.contract import validate_response
from zeues_acceptance.errors import (
    ContractDriftError, EnvironmentProblem, ProductDefect, TargetUnreachable,
)
from zeues_acceptance.redaction import redact_headers, redact_url

EVENT_NAME = "spool_update"
EVENT_SCHEMA = "spool-update-event"
READ_SIZE = 8192


class StreamServerError(ProductDefect):
    """The stream answered a server error (500): a defect, unless the scenario knows better
    (Redis already unhealthy when it started): `response` is there for it to judge."""

    def __init__(self, response):
        super().__init__(f"opening a dashboard's live stream answered a server error (500) "
                         f"\"{response.detail}\"")
        self.response = response


class SpoolUpdateStream:
    CLOSE_WAIT_SECONDS = 2.0

    def __init__(self, url: str, *, headers: Mapping[str, str], connect_timeout: float,
                 read_timeout: float = 30.0, subscribe_grace: float = 1.0,
                 on_exchange: Callable[[dict], None] | None = None):
        self.url = url
        self._headers = dict(headers)
        self._timeout = (connect_timeout, read_timeout)
        self._grace = subscribe_grace
        self._on_exchange = on_exchange
        self._condition = threading.Condition()
        self._events: list[dict] = []
        self._pings: list[str] = []
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

    @property
    def pings(self) -> list[str]:
        with self._condition:
            return list(self._pings)

    @property
    def drift(self) -> ContractDriftError | None:
        """The first message outside the contract the stream brought, if any."""
        with self._condition:
            return self._drift

    @property
    def ended(self) -> str | None:
        """Why the stream ended before it was closed, else None."""
        with self._condition:
            return None if self._closing else self._ended

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
                f"Environment: the live stream {redact_url(self.url)} did not answer: {error}"
            ) from error
        self._report_subscription()
        self._check_subscription()
        self._thread = threading.Thread(target=self._read, name="spool-update-stream", daemon=True)
        self._thread.start()
        if self._grace:
            time.sleep(self._grace)
        return self

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 5.0) -> dict | None:
        """The first event so far, or within `timeout` seconds, that matches; else None."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                if self._drift is not None:
                    raise self._drift
                match = next((event for event in self._events if predicate(event)), None)
                remaining = deadline - time.monotonic()
                if match is not None or self._closing or self._ended or remaining <= 0:
                    return match
                self._condition.wait(remaining)

    def close(self) -> None:
        """Wake the reader and let it finish before closing the response."""
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
        self._on_exchange({
            "request": {"method": "GET", "url": redact_url(self.url),
                        "headers": redact_headers(response.request.headers), "body": None},
            "response": {"status": response.status_code,
                         "headers": redact_headers(response.headers), "body": None,
                         "elapsed_ms": round(response.elapsed.total_seconds() * 1000, 1)}})

    def _check_subscription(self) -> None:
        response = self._response
        content_type = response.headers.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/event-stream"):
            return
        text = response.text[:200] if response.status_code != 200 else ""
        self.close()
        path = urlsplit(self.url).path
        if response.status_code == 500:
            raise StreamServerError(api_response("GET", response))
        if response.status_code in (502, 503, 504):
            raise EnvironmentProblem(
                f"Environment: the live stream is unavailable ({response.status_code}) on GET "
                f"{path}: {text}")
        raise ContractDriftError(
            f"Contract drift: GET {path} answered {response.status_code} {content_type!r}, not a "
            f"live stream: {text}")

    def _read(self) -> None:
        try:
            self._parse(_lines(self._response))
            reason = "the server ended it"
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
                self._keep_alive(line[1:].strip())
            else:
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "event":
                    event_name = value
                elif name == "data":
                    data_lines.append(value)

    def _keep_alive(self, comment: str) -> None:
        with self._condition:
            self._pings.append(comment)

    def _dispatch(self, event_name: str, data: str) -> None:
        if event_name != EVENT_NAME:
            return
        drift = _event_drift(data)
        with self._condition:
            if drift is None:
                self._events.append(json.loads(data))
            elif self._drift is None:
                self._drift = drift
            self._condition.notify_all()


def _lines(response: requests.Response):
    """Decoded lines of a streamed body as they arrive (an SSE line ends in CRLF or LF)."""
    buffer = bytearray()
    while chunk := response.raw.read1(READ_SIZE):
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            line = bytes(buffer[:end]).removesuffix(b"\r")
            del buffer[: end + 1]
            yield line.decode("utf-8", errors="replace")


@lru_cache(maxsize=20_000)
def _event_drift(data: str) -> ContractDriftError | None:
    """Why a spool_update's data breaks the contract, or None; every dashboard gets the same
    text for the same update, so each distinct text is checked once per process."""
    try:
        payload: Any = json.loads(data)
    except ValueError:
        return ContractDriftError(f"Contract drift: {EVENT_NAME} data is not JSON: {data[:200]!r}")
    try:
        validate_response(EVENT_SCHEMA, payload)
    except ContractDriftError as error:
        return error
    return None


def _interrupt_read(response: requests.Response) -> None:
    """Wake the reader: closing a socket does not end a blocked recv, shutting it down does."""
    try:
        response.raw.shutdown()
    except (AttributeError, OSError, RuntimeError, ValueError):
        pass
