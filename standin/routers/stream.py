"""Live spool updates as server-sent events (contract A.12 framing, CRLF line ends).

The subscription is made before the response headers go out, so a client that got the
headers sees every later update; it ends with the response, however the response ends.
"""

import asyncio
import json
from datetime import datetime, timezone

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from ..dependencies import get_settings, get_stream_hub
from ..settings import Settings
from ..stream_hub import StreamHub, Subscription

router = APIRouter(prefix="/api/sse", tags=["SSE", "sse"])

STREAM_HEADERS = {"Cache-Control": "no-cache, no-transform", "Connection": "keep-alive",
                  "X-Accel-Buffering": "no"}


def event_frame(payload: dict) -> str:
    return (f"id: {payload['timestamp']}\r\nevent: spool_update\r\n"
            f"data: {json.dumps(payload)}\r\n\r\n")


def ping_frame(now: datetime) -> str:
    return f": ping - {now}\r\n\r\n"


async def spool_update_frames(subscription: Subscription, ping_interval: float):
    """Nothing at open; every update as it comes; a ping each ping_interval from the open."""
    loop = asyncio.get_running_loop()
    next_ping = loop.time() + ping_interval
    while True:
        for payload in await subscription.next_updates(max(next_ping - loop.time(), 0)):
            yield event_frame(payload)
        if subscription.overflowed:
            return  # what it kept is sent; the reader reconnects and reads the lists again
        if loop.time() >= next_ping:
            yield ping_frame(datetime.now(timezone.utc))
            next_ping += ping_interval


class EventStreamResponse(StreamingResponse):
    def __init__(self, subscription: Subscription, ping_interval: float):
        super().__init__(spool_update_frames(subscription, ping_interval),
                         media_type="text/event-stream", headers=STREAM_HEADERS)
        self._subscription = subscription

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._subscription.close()


@router.get("/stream")
async def sse_stream(hub: StreamHub = Depends(get_stream_hub),
                     settings: Settings = Depends(get_settings)):
    """spool_update events for every successful action, and keep-alive comments."""
    return EventStreamResponse(hub.subscribe(), settings.sse_ping_interval)
