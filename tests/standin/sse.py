"""A minimal SSE reader for the stand-in's own tests: a thread collecting spool_update events."""

import json
import socket
import threading
import time

import requests


class StreamReader:
    def __init__(self, base_url: str):
        self.events: list[dict] = []
        self.subscribed = threading.Event()
        self._changed = threading.Condition()
        self._response = requests.get(f"{base_url}/api/sse/stream", stream=True, timeout=(5, 30))
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        if not self.subscribed.wait(10):
            raise AssertionError("stream never sent its first ping")

    def _read(self) -> None:
        try:
            for line in self._response.iter_lines(decode_unicode=True):
                if line.startswith(":"):
                    self.subscribed.set()
                elif line.startswith("data:"):
                    with self._changed:
                        self.events.append(json.loads(line[5:]))
                        self._changed.notify_all()
        except (requests.RequestException, AttributeError, ValueError):
            pass  # closed under us

    def wait_for(self, predicate, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = next((e for e in self.events if predicate(e)), None)
                remaining = deadline - time.monotonic()
                if found or remaining <= 0:
                    return found
                self._changed.wait(remaining)

    def close(self) -> None:
        """Shut the socket down first: a plain close waits for the reader's blocked recv."""
        connection = self._response.raw.connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._response.close()
        self._thread.join(timeout=5)
