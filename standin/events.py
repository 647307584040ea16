"""In-process fan-out of spool updates to SSE streams: no stream holds a Redis connection."""

import asyncio
import logging
import threading
from contextlib import contextmanager

QUEUE_LIMIT = 10_000
log = logging.getLogger(__name__)


class SpoolUpdates:
    """Subscribers are (event loop, queue) pairs; publish is safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue]] = set()

    @contextmanager
    def subscribe(self):
        """Register a queue on the running loop for as long as the block runs."""
        subscriber = (asyncio.get_running_loop(), asyncio.Queue(maxsize=QUEUE_LIMIT))
        with self._lock:
            self._subscribers.add(subscriber)
        try:
            yield subscriber[1]
        finally:
            with self._lock:
                self._subscribers.discard(subscriber)

    def publish(self, event: dict) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(_offer, queue, event)
            except RuntimeError:  # loop already closed: the stream is gone
                pass


def _offer(queue: asyncio.Queue, event: dict) -> None:
    """A client that stopped reading loses updates instead of growing memory without bound."""
    try:
        queue.put_nowait(event)
    except asyncio.QueueFull:
        log.warning("an SSE subscriber is %d updates behind; dropping one", QUEUE_LIMIT)
