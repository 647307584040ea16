"""Secrets never reach a report: headers, bodies and URLs are redacted."""

import pytest

from zeues_acceptance.redaction import REDACTED, redact_body, redact_headers, redact_url


@pytest.mark.parametrize(
    "name",
    [
        "Authorization",
        "cookie",
        "Set-Cookie",
        "Proxy-Authorization",
        "X-Api-Key",
        "X-Auth-Token",
        "X-Client-Secret",
        "X-Session-Id",
        "X-PASSWORD",
        "passwd",
    ],
)
def test_secret_headers_are_redacted(name):
    assert redact_headers({name: "s3cr3t"}) == {name: REDACTED}


def test_ordinary_headers_are_kept():
    headers = {"Content-Type": "application/json", "Accept": "*/*", "Content-Length": "12"}
    assert redact_headers(headers) == headers


def test_no_headers_give_an_empty_dict():
    assert redact_headers(None) == {}


def test_body_is_redacted_recursively_without_changing_the_original():
    body = {
        "tag_spool": "TEST-02",
        "credentials": {"password": "s3cr3t", "user": "mr"},
        "items": [{"api_key": "s3cr3t"}, {"refreshToken": "s3cr3t", "worker_id": 93}],
    }
    redacted = redact_body(body)
    assert redacted == {
        "tag_spool": "TEST-02",
        "credentials": {"password": REDACTED, "user": "mr"},
        "items": [{"api_key": REDACTED}, {"refreshToken": REDACTED, "worker_id": 93}],
    }
    assert body["credentials"]["password"] == "s3cr3t"


def test_a_secret_named_container_is_redacted_whole():
    assert redact_body({"auth": {"user": "mr", "pin": "1234"}}) == {"auth": REDACTED}


def test_history_sessions_are_contract_data_not_secrets():
    history = {"tag_spool": "TEST-02", "sessions": [{"worker_id": 93, "session_token": "s3cr3t"}]}
    assert redact_body(history) == {
        "tag_spool": "TEST-02",
        "sessions": [{"worker_id": 93, "session_token": REDACTED}],
    }


@pytest.mark.parametrize("scalar", [None, 93, "text", True, 1.5])
def test_scalars_pass_through(scalar):
    assert redact_body(scalar) == scalar


def test_url_query_secrets_are_redacted():
    url = "https://zeues.example/api/health?api_key=s3cr3t&verbose=1&sessionId=abc"
    redacted = redact_url(url)
    assert "s3cr3t" not in redacted and "abc" not in redacted
    assert redacted.startswith("https://zeues.example/api/health?")
    assert "verbose=1" in redacted


def test_url_password_is_redacted():
    redacted = redact_url("https://user:s3cr3t@zeues.example/api/health")
    assert "s3cr3t" not in redacted
    assert redacted.endswith("@zeues.example/api/health")


def test_plain_url_is_unchanged():
    url = "http://127.0.0.1:8000/api/history/TEST-02"
    assert redact_url(url) == url
