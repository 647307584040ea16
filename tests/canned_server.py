"""A real tiny HTTP server with canned answers and a scripted event stream, for client tests."""

import json
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

STREAM_PATH = "/api/sse/stream"

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
    send_ping: bool = False
    chunked: bool = False
    line_end: str = "\r\n"
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
        canned = server.routes.get((self.command, self.path), server.default)
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
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        if script.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        if script.send_ping:
            self.write_frame(f": ping - 2026-12-01 09:57:20.902347+00:00{script.line_end}"
                             f"{script.line_end}", script.chunked)
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
        self.default = Canned(500, {"detail": "no route"})
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
