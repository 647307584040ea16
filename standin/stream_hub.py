"""In-process fan-out of spool updates to open SSE streams: no stream holds a Redis connection.

A subscription is a bounded backlog on the event loop that serves its stream. Publishing is
safe from any thread (the occupation routes run in the threadpool). A stream whose reader falls
`limit` updates behind is ended rather than kept growing: the browser's EventSource reconnects.
"""

import asyncio
import logging
import threading
from collections import deque

log = logging.getLogger(__name__)


class Subscription:
    def __init__(self, hub: "StreamHub", loop: asyncio.AbstractEventLoop, limit: int):
        self._hub = hub
        self.loop = loop
        self._limit = limit
        self._backlog: deque[dict] = deque()
        self._ready = asyncio.Event()
        self.overflowed = False

    def offer(self, payload: dict) -> None:
        """Runs on the subscription's loop."""
        if len(self._backlog) >= self._limit:
            if not self.overflowed:
                log.warning("an SSE reader fell %d updates behind; ending its stream", self._limit)
            self.overflowed = True
        else:
            self._backlog.append(payload)
        self._ready.set()

    async def next_updates(self, timeout: float) -> list[dict]:
        """The updates that arrived, waiting up to `timeout` for the first one."""
        if not self._backlog:
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except asyncio.TimeoutError:
                return []
        self._ready.clear()
        updates = list(self._backlog)
        self._backlog.clear()
        return updates

    def close(self) -> None:
        self._hub.unsubscribe(self)


class StreamHub:
    def __init__(self, backlog_limit: int):
        self._backlog_limit = backlog_limit
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()

    def subscribe(self) -> Subscription:
        """Call on the event loop that will serve the stream."""
        subscription = Subscription(self, asyncio.get_running_loop(), self._backlog_limit)
        with self._lock:
            self._subscriptions.add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions.discard(subscription)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscriptions)

    def publish(self, payload: dict) -> None:
        with self._lock:
            subscriptions = list(self._subscriptions)
        for subscription in subscriptions:
            try:
                subscription.loop.call_soon_threadsafe(subscription.offer, payload)
            except RuntimeError:  # its loop is closed: the server is stopping
                self.unsubscribe(subscription)
