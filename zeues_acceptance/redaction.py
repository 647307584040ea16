"""Hide secrets in headers, bodies and URLs before they are attached to a report."""

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "[REDACTED]"

SECRET_NAMES = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
SECRET_NAME_PARTS = ("token", "key", "secret", "password", "passwd", "session", "auth")
# Contract fields whose names merely contain a secret-looking word.
CONTRACT_FIELD_NAMES = frozenset({"sessions"})


def is_secret_name(name: str) -> bool:
    lowered = str(name).lower()
    if lowered in CONTRACT_FIELD_NAMES:
        return False
    return lowered in SECRET_NAMES or any(part in lowered for part in SECRET_NAME_PARTS)


def redact_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {
        name: REDACTED if is_secret_name(name) else value
        for name, value in (headers or {}).items()
    }


def redact_body(body):
    if isinstance(body, Mapping):
        return {
            name: REDACTED if is_secret_name(name) else redact_body(value)
            for name, value in body.items()
        }
    if isinstance(body, list | tuple):
        return [redact_body(item) for item in body]
    return body


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        host = parts.netloc.rpartition("@")[2]
        parts = parts._replace(netloc=f"{parts.username}:{REDACTED}@{host}")
    if parts.query:
        query = [
            (name, REDACTED if is_secret_name(name) else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ]
        parts = parts._replace(query=urlencode(query, safe="[]"))
    return urlunsplit(parts)
