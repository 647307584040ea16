"""A raw reader of the stand-in's SSE stream for its own tests: every byte kept, with the time
each frame completed, so framing and ping timing can be checked exactly."""

import http.client
import json
import socket
import threading
import time
from urllib.parse import urlsplit

FRAME_END = b"\r\n\r\n"


class StreamReader:
    """Open on construction: returns once the response headers arrived."""

    def __init__(self, base_url: str, path: str = "/api/sse/stream", timeout: float = 60):
        url = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        self._connection.request("GET", path)
        self.response = self._connection.getresponse()
        self.opened_at = time.monotonic()
        self.raw = b""
        self.frames: list[tuple[float, bytes]] = []  # (monotonic time completed, frame bytes)
        self.ended = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        pending = b""
        try:
            while data := self.response.read1(65536):
                with self._changed:
                    self.raw += data
                    pending += data
                    while FRAME_END in pending:
                        frame, pending = pending.split(FRAME_END, 1)
                        self.frames.append((time.monotonic(), frame + FRAME_END))
                    self._changed.notify_all()
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            pass  # closed by us
        finally:
            with self._changed:
                self.ended = True
                self._changed.notify_all()

    @property
    def events(self) -> list[dict]:
        """The data of every spool_update frame so far, parsed."""
        with self._changed:
            frames = [frame for _, frame in self.frames]
        return [json.loads(frame.split(b"\r\ndata: ", 1)[1][:-len(FRAME_END)])
                for frame in frames if b"\r\nevent: spool_update\r\n" in frame]

    @property
    def pings(self) -> list[tuple[float, bytes]]:
        with self._changed:
            return [(at, frame) for at, frame in self.frames if frame.startswith(b": ping")]

    def wait_for(self, predicate, timeout: float) -> dict | None:
        """The first event matching predicate, waiting up to timeout seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = next((event for event in self.events if predicate(event)), None)
                remaining = deadline - time.monotonic()
                if found is not None or remaining <= 0 or self.ended:
                    return found
                self._changed.wait(remaining)

    def wait_until(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition() and (remaining := deadline - time.monotonic()) > 0:
                self._changed.wait(remaining)
            return condition()

    def close(self) -> None:
        sock = self._connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._connection.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "StreamReader":
        return self

    def __exit__(self, *_) -> None:
        self.close()


def open_stream(base_url: str) -> StreamReader:
    return StreamReader(base_url)
