"""One answer of the ZEUES API as the suite sees it: status, parsed body, and what it means."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from zeues_acceptance.routes import SERVER_ERROR

REDIS_REFUSAL = "Redis service unavailable"
# What requests raises when no answer came at all: the target is unreachable.
NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout,
                  requests.exceptions.ChunkedEncodingError)


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
    def detail(self) -> str:
        """The refusal's text, whatever its family: F1 detail, F2 message, or the raw text."""
        if isinstance(self.body, dict):
            for key in ("detail", "message"):
                if isinstance(self.body.get(key), str):
                    return self.body[key]
        return self.text[:300]

    @property
    def error_code(self) -> str | None:
        """The ZEUS code of an F2 refusal (SPOOL_NO_ENCONTRADO ...), else None."""
        return self.body.get("error") if isinstance(self.body, dict) else None

    @property
    def is_redis_refusal(self) -> bool:
        """503 "Redis service unavailable": the designed answer while Redis is unavailable."""
        return self.status == 503 and self.detail.startswith(REDIS_REFUSAL)

    @property
    def is_server_error(self) -> bool:
        return self.status == SERVER_ERROR


def _parse_json(response: requests.Response) -> Any:
    if "json" not in response.headers.get("Content-Type", ""):
        return None
    try:
        return response.json()
    except ValueError:
        return None


def api_response(method: str, response: requests.Response) -> ApiResponse:
    return ApiResponse(method=method, url=response.url, status=response.status_code,
                       body=_parse_json(response), text=response.text, headers=response.headers,
                       elapsed_ms=round(response.elapsed.total_seconds() * 1000, 1))
