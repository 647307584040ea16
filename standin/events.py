"""In-process fan-out of spool updates to SSE streams: no stream holds a Redis connection."""

import asyncio
import threading
from contextlib import contextmanager


class SpoolUpdates:
    """Subscribers are (event loop, queue) pairs; publish is safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue]] = set()

    @contextmanager
    def subscribe(self):
        """Register a queue on the running loop for as long as the block runs."""
        subscriber = (asyncio.get_running_loop(), asyncio.Queue())
        with self._lock:
            self._subscribers.add(subscriber)
        try:
            yield subscriber[1]
        finally:
            with self._lock:
                self._subscribers.discard(subscriber)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def publish(self, event: dict) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, event)
            except RuntimeError:  # loop already closed: the stream is gone
                pass
