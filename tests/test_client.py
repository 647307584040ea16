"""ZeuesClient against a real tiny HTTP server that gives canned answers."""

import json
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import (
    ContractDriftError,
    EnvironmentProblem,
    RedisUnavailable,
    RequestContractError,
    TargetUnreachable,
)

SECRET = "s3cr3t"
STREAM_PATH = "/api/sse/stream"
OCCUPIED = {
    "success": True,
    "tag_spool": "TEST-02",
    "worker_id": 93,
    "operacion": "ARM",
    "estado": "EN_PROGRESO",
    "message": "taken",
}
TOMAR = {"tag_spool": "TEST-02", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
COMPLETAR_WITHOUT_DATE = {**TOMAR}
SPOOL_UPDATE = {
    "tag_spool": "TEST-02",
    "operacion": "ARM",
    "accion": "TOMAR",
    "worker_id": 93,
    "estado": "EN_PROGRESO",
    "timestamp": "2026-03-14T08:00:00+00:00",
}
REDIS_DOWN = {"error": "REDIS_UNAVAILABLE", "message": "Too many connections"}
END_OF_STREAM = object()


@dataclass
class Canned:
    status: int
    body: object = None
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    drop_connection: bool = False


@dataclass
class StreamScript:
    send_ping: bool = True
    chunked: bool = False
    line_end: str = "\n"
    frames: queue.Queue = field(default_factory=queue.Queue)

    def send(self, frame: str) -> None:
        self.frames.put(frame.replace("\n", self.line_end))

    def end(self) -> None:
        self.frames.put(END_OF_STREAM)


class CannedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.answer()

    def log_message(self, *args):
        pass

    def answer(self):
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        server.received.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers),
                "body": json.loads(raw_body) if raw_body else None,
            }
        )
        if self.path == STREAM_PATH and server.stream is not None:
            self.stream_events(server.stream, server.stopping)
            return
        canned = server.routes.get((self.command, self.path), Canned(500, {"detail": "no route"}))
        if canned.drop_connection:
            self.close_connection = True
            return
        time.sleep(canned.delay)
        payload = canned.body if isinstance(canned.body, bytes) else json.dumps(canned.body).encode()
        self.send_response(canned.status)
        self.send_header("Content-Type", canned.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in canned.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def stream_events(self, script: StreamScript, stopping: threading.Event):
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        if script.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        if script.send_ping:
            self.write_frame(f": ping{script.line_end}{script.line_end}", script.chunked)
        while not stopping.is_set():
            try:
                frame = script.frames.get(timeout=0.05)
            except queue.Empty:
                continue
            if frame is END_OF_STREAM:
                if script.chunked:
                    self.wfile.write(b"0\r\n\r\n")
                return
            try:
                self.write_frame(frame, script.chunked)
            except OSError:
                return

    def write_frame(self, frame: str, chunked: bool):
        data = frame.encode()
        if chunked:
            data = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        self.wfile.write(data)
        self.wfile.flush()


class CannedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), CannedHandler)
        self.routes: dict[tuple[str, str], Canned] = {}
        self.received: list[dict] = []
        self.stream: StreamScript | None = None
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, method: str, path: str, canned: Canned) -> None:
        self.routes[(method, path)] = canned


@pytest.fixture
def server():
    canned_server = CannedServer()
    thread = threading.Thread(target=canned_server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield canned_server
    canned_server.stopping.set()
    canned_server.shutdown()
    canned_server.server_close()


@pytest.fixture
def exchanges():
    return []


@pytest.fixture
def client(server, exchanges):
    with ZeuesClient(server.url, on_exchange=exchanges.append) as zeues:
        yield zeues


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TestRequestContract:
    def test_invalid_request_is_refused_before_anything_is_sent(self, client, server, exchanges):
        with pytest.raises(RequestContractError) as raised:
            client.completar(COMPLETAR_WITHOUT_DATE)
        assert not isinstance(raised.value, AssertionError)
        assert str(raised.value).startswith("Test defect: request breaks completar-request: $: required")
        assert server.received == []
        assert exchanges == []

    def test_deliberately_invalid_request_is_sent_and_its_422_checked(self, client, server):
        detail = {"detail": [{"loc": ["body", "fecha_operacion"], "msg": "Field required", "type": "missing"}]}
        server.answer("POST", "/api/occupation/completar", Canned(422, detail))
        response = client.completar(COMPLETAR_WITHOUT_DATE, deliberately_invalid=True)
        assert response.status == 422
        assert response.body == detail
        assert server.received[0]["body"] == COMPLETAR_WITHOUT_DATE

    def test_deliberately_invalid_float_worker_id_reaches_the_server_as_a_float(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(422, {"detail": [{"loc": ["body", "worker_id"], "msg": "int", "type": "int_type"}]}))
        client.tomar({**TOMAR, "worker_id": 93.0}, deliberately_invalid=True)
        assert isinstance(server.received[0]["body"]["worker_id"], float)

    def test_valid_request_marked_deliberately_invalid_is_a_test_defect(self, client, server):
        with pytest.raises(RequestContractError, match="^Test defect: request meant to break the contract is valid"):
            client.tomar(TOMAR, deliberately_invalid=True)
        assert server.received == []


class TestResponseContract:
    def test_valid_answer_is_returned(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(200, OCCUPIED))
        response = client.tomar(TOMAR)
        assert (response.method, response.status, response.body) == ("POST", 200, OCCUPIED)
        assert response.url == server.url + "/api/occupation/tomar"
        assert response.request_line == "POST /api/occupation/tomar"
        assert response.headers["content-type"] == "application/json"
        assert response.elapsed_ms >= 0
        assert json.loads(response.text) == OCCUPIED

    def test_drifted_answer_is_an_assertion_naming_path_and_rule(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(200, {**OCCUPIED, "estado": "TAKEN"}))
        with pytest.raises(AssertionError) as raised:
            client.tomar(TOMAR)
        assert isinstance(raised.value, ContractDriftError)
        assert str(raised.value).startswith(
            "Contract drift: response breaks occupation-response: $.estado: enum ("
        )

    def test_history_as_a_bare_list_is_drift(self, client, server):
        server.answer("GET", "/api/history/TEST-02", Canned(200, []))
        with pytest.raises(ContractDriftError, match=r"history-response: \$: type"):
            client.history("TEST-02")

    def test_drift_is_still_reported_to_on_exchange(self, client, server, exchanges):
        server.answer("GET", "/api/history/TEST-02", Canned(200, []))
        with pytest.raises(ContractDriftError):
            client.history("TEST-02")
        assert exchanges[0]["response"]["body"] == []

    def test_success_without_a_json_body_is_drift(self, client, server):
        server.answer("GET", "/api/health", Canned(200, b"<html>ok</html>", content_type="text/html"))
        with pytest.raises(ContractDriftError, match=r"health-response: \$: json"):
            client.health()

    def test_error_answer_is_checked_against_the_error_schema(self, client, server):
        server.answer("GET", "/api/spools/NOPE", Canned(404, {"error": "SPOOL_NOT_FOUND", "message": "no NOPE"}))
        assert client.spool("NOPE").error_code == "SPOOL_NOT_FOUND"
        server.answer("GET", "/api/spools/GONE", Canned(404, {"detail": "Not Found"}))
        with pytest.raises(ContractDriftError, match=r"error-response: \$: required"):
            client.spool("GONE")

    def test_test_support_404_is_tolerated_whatever_its_body(self, client, server):
        server.answer("POST", "/api/testing/spools", Canned(404, {"detail": "Not Found"}))
        response = client.create_test_spool("ACC-1")
        assert response.status == 404
        assert server.received[0]["body"] == {"tag_spool": "ACC-1"}

    def test_test_support_201_is_a_spool_state(self, client, server):
        fresh = {
            "tag_spool": "ACC-1",
            "ocupado_por": None,
            "operaciones": {"ARM": {"estado": "PENDIENTE"}, "SOLD": {"estado": "PENDIENTE"}, "METROLOGIA": {"estado": "PENDIENTE"}},
        }
        server.answer("POST", "/api/testing/spools", Canned(201, fresh))
        assert client.create_test_spool("ACC-1").body == fresh

    def test_openapi_is_not_checked(self, client, server):
        server.answer("GET", "/openapi.json", Canned(200, {"openapi": "3.1.0"}))
        assert client.openapi().body == {"openapi": "3.1.0"}

    def test_tag_in_the_path_is_quoted(self, client, server):
        assert client.path_for("history", tag_spool="A B/C") == "/api/history/A%20B%2FC"
        server.answer("GET", "/api/history/A%20B%2FC", Canned(404, {"error": "SPOOL_NOT_FOUND", "message": "no"}))
        assert client.history("A B/C").status == 404


class TestRedisUnavailable:
    def test_503_is_handed_back_not_retried(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(503, REDIS_DOWN))
        response = client.tomar(TOMAR)
        assert (response.status, response.error_code) == (503, "REDIS_UNAVAILABLE")
        assert len(server.received) == 1

    def test_get_503_is_not_retried_either(self, client, server):
        server.answer("GET", "/api/workers", Canned(503, REDIS_DOWN))
        assert client.workers().status == 503
        assert len(server.received) == 1

    def test_raise_for_environment_names_the_request_and_message(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(503, REDIS_DOWN))
        with pytest.raises(RedisUnavailable) as raised:
            client.tomar(TOMAR).raise_for_environment()
        assert isinstance(raised.value, EnvironmentProblem)
        assert not isinstance(raised.value, AssertionError)
        assert str(raised.value) == (
            "Environment: Redis unavailable (503 REDIS_UNAVAILABLE) on POST /api/occupation/tomar: "
            "Too many connections"
        )

    def test_redis_health_503_has_its_own_shape(self, client, server):
        unhealthy = {"status": "unhealthy", "operational": False, "error": "Too many connections"}
        server.answer("GET", "/api/redis-health", Canned(503, unhealthy))
        assert client.redis_health().body == unhealthy
        server.answer("GET", "/api/redis-health", Canned(503, REDIS_DOWN))
        with pytest.raises(ContractDriftError, match="redis-health-unhealthy-response"):
            client.redis_health()


class TestEnvironment:
    def test_unreachable_target_is_an_environment_problem(self, exchanges):
        url = f"http://127.0.0.1:{free_port()}"
        with ZeuesClient(url, on_exchange=exchanges.append) as zeues:
            with pytest.raises(TargetUnreachable) as raised:
                zeues.health()
        assert isinstance(raised.value, EnvironmentProblem)
        assert not isinstance(raised.value, AssertionError)
        assert str(raised.value).startswith(f"Environment: target unreachable: {url}/api/health: ")
        assert exchanges[0]["response"] is None and exchanges[0]["error"]

    def test_slow_answer_times_out_as_unreachable(self, server):
        server.answer("GET", "/api/health", Canned(200, {}, delay=1.0))
        with ZeuesClient(server.url, timeout=(1, 0.2)) as zeues:
            with pytest.raises(TargetUnreachable, match="Read timed out"):
                zeues.health()
        assert len(server.received) == 1

    def test_post_is_never_resent_after_a_dropped_connection(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(200, OCCUPIED, drop_connection=True))
        with pytest.raises(TargetUnreachable):
            client.tomar(TOMAR)
        assert len(server.received) == 1

    def test_retry_policy_is_on_the_adapter(self, client):
        retries = client.session.get_adapter(client.base_url).max_retries
        assert (retries.total, retries.connect, retries.read, retries.status) == (2, 2, 0, 0)
        assert retries.allowed_methods == {"GET"}
        assert retries.raise_on_status is False


class TestExchangeRecords:
    def test_secrets_appear_nowhere_in_the_record(self, server):
        records = []
        headers = {"Authorization": f"Bearer {SECRET}", "X-Api-Key": SECRET}
        answer = {**OCCUPIED, "session_token": SECRET}
        server.answer(
            "POST", "/api/occupation/tomar",
            Canned(200, answer, headers={"Set-Cookie": f"session={SECRET}; HttpOnly"}),
        )
        with ZeuesClient(server.url, headers=headers, on_exchange=records.append) as zeues:
            zeues.tomar(TOMAR)
            zeues.request("GET", f"/api/workers?api_key={SECRET}", response_schemas={500: None})
        assert server.received[0]["headers"]["Authorization"] == f"Bearer {SECRET}"
        assert len(records) == 2
        assert SECRET not in json.dumps(records)
        request, response = records[0]["request"], records[0]["response"]
        assert request["headers"]["Authorization"] == "[REDACTED]"
        assert request["headers"]["X-Api-Key"] == "[REDACTED]"
        assert request["body"] == TOMAR
        assert response["headers"]["Set-Cookie"] == "[REDACTED]"
        assert response["body"]["session_token"] == "[REDACTED]"
        assert response["status"] == 200

    def test_unreachable_record_is_redacted_too(self):
        records = []
        url = f"http://127.0.0.1:{free_port()}"
        with ZeuesClient(url, headers={"Authorization": SECRET}, on_exchange=records.append) as zeues:
            with pytest.raises(TargetUnreachable) as raised:
                zeues.request("GET", f"/api/health?token={SECRET}")
        assert SECRET not in json.dumps(records)
        assert SECRET not in str(raised.value)


class TestSpoolUpdateStream:
    @pytest.mark.parametrize("chunked", [False, True], ids=["close-delimited", "chunked"])
    @pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
    def test_open_waits_for_the_ping_then_receives_updates(self, client, server, chunked, line_end):
        server.stream = StreamScript(chunked=chunked, line_end=line_end)
        with client.open_stream(subscribe_timeout=2) as stream:
            server.stream.send(f"event: spool_update\ndata: {json.dumps(SPOOL_UPDATE)}\n\n")
            event = stream.wait_for(lambda update: update["tag_spool"] == "TEST-02", timeout=2)
            assert event == SPOOL_UPDATE
            assert stream.events == [SPOOL_UPDATE]
        assert server.received[0]["headers"]["Accept"] == "text/event-stream"

    def test_events_already_received_are_found_and_others_ignored(self, client, server):
        server.stream = StreamScript()
        with client.open_stream(subscribe_timeout=2) as stream:
            server.stream.send("event: heartbeat\ndata: {}\n\n")
            server.stream.send(f"event: spool_update\ndata: {json.dumps(SPOOL_UPDATE)}\n\n")
            assert stream.wait_for(lambda update: True, timeout=2) == SPOOL_UPDATE
            assert stream.wait_for(lambda update: update["accion"] == "TOMAR", timeout=0) == SPOOL_UPDATE

    def test_no_matching_event_gives_none(self, client, server):
        server.stream = StreamScript()
        with client.open_stream(subscribe_timeout=2) as stream:
            started = time.monotonic()
            assert stream.wait_for(lambda update: True, timeout=0.3) is None
            assert time.monotonic() - started >= 0.3

    def test_drifted_event_is_raised_from_wait_for(self, client, server):
        server.stream = StreamScript()
        drifted = {**SPOOL_UPDATE, "estado": "TAKEN"}
        with client.open_stream(subscribe_timeout=2) as stream:
            server.stream.send(f"event: spool_update\ndata: {json.dumps(drifted)}\n\n")
            with pytest.raises(ContractDriftError, match=r"spool-update-event: \$\.estado: "):
                stream.wait_for(lambda update: True, timeout=2)

    def test_non_json_event_data_is_drift(self, client, server):
        server.stream = StreamScript()
        with client.open_stream(subscribe_timeout=2) as stream:
            server.stream.send("event: spool_update\ndata: not json\n\n")
            with pytest.raises(ContractDriftError, match="not JSON"):
                stream.wait_for(lambda update: True, timeout=2)

    def test_no_ping_means_not_subscribed(self, client, server):
        server.stream = StreamScript(send_ping=False)
        started = time.monotonic()
        with pytest.raises(EnvironmentProblem, match="^Environment: no ': ping'"):
            client.open_stream(subscribe_timeout=0.5).open()
        assert time.monotonic() - started < 3

    def test_close_returns_promptly_while_the_reader_waits(self, client, server):
        server.stream = StreamScript()
        stream = client.open_stream(subscribe_timeout=2).open()
        started = time.monotonic()
        stream.close()
        assert time.monotonic() - started < 1.5
        assert not stream._thread.is_alive()

    @pytest.mark.parametrize("chunked", [False, True], ids=["close-delimited", "chunked"])
    def test_stream_ended_by_the_server_is_an_environment_problem(self, client, server, chunked):
        server.stream = StreamScript(chunked=chunked)
        with client.open_stream(subscribe_timeout=2) as stream:
            server.stream.send(f"event: spool_update\ndata: {json.dumps(SPOOL_UPDATE)}\n\n")
            server.stream.end()
            assert stream.wait_for(lambda update: True, timeout=2) == SPOOL_UPDATE
            with pytest.raises(EnvironmentProblem, match="ended: the server closed it"):
                stream.wait_for(lambda update: update["accion"] == "PAUSAR", timeout=2)

    def test_unavailable_stream_is_an_environment_problem(self, client, server):
        server.answer("GET", STREAM_PATH, Canned(503, REDIS_DOWN))
        with pytest.raises(EnvironmentProblem, match=r"^Environment: event stream unavailable \(503\)"):
            client.open_stream(subscribe_timeout=1).open()

    def test_stream_that_is_not_an_event_stream_is_drift(self, client, server):
        server.answer("GET", STREAM_PATH, Canned(200, {"events": []}))
        with pytest.raises(ContractDriftError, match="not a 200 text/event-stream"):
            client.open_stream(subscribe_timeout=1).open()

    def test_unreachable_stream_is_an_environment_problem(self):
        with ZeuesClient(f"http://127.0.0.1:{free_port()}") as zeues:
            with pytest.raises(TargetUnreachable):
                zeues.open_stream(subscribe_timeout=1).open()

    def test_subscription_is_reported_redacted(self, server):
        server.stream = StreamScript()
        records = []
        with ZeuesClient(server.url, headers={"Authorization": SECRET}, on_exchange=records.append) as zeues:
            with zeues.open_stream(subscribe_timeout=2):
                pass
        assert records[0]["response"]["status"] == 200
        assert SECRET not in json.dumps(records)
