"""Live spool updates as server-sent events."""

import asyncio
import json
import time

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from ..dependencies import get_settings, get_updates
from ..events import SpoolUpdates
from ..settings import Settings

router = APIRouter(prefix="/api/sse", tags=["stream"])

PING = ": ping\n\n"


async def spool_update_frames(updates: SpoolUpdates, ping_interval: float):
    """A ping at least every ping_interval, busy or not, and every update in between."""
    with updates.subscribe() as queue:
        yield PING
        next_ping = time.monotonic() + ping_interval
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=max(next_ping - time.monotonic(), 0))
                yield f"event: spool_update\ndata: {json.dumps(event)}\n\n"
            except asyncio.TimeoutError:
                pass
            if time.monotonic() >= next_ping:
                yield PING
                next_ping = time.monotonic() + ping_interval


@router.get("/stream", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}},
                             "description": "spool_update events and : ping comments"}})
async def stream(updates: SpoolUpdates = Depends(get_updates),
                 settings: Settings = Depends(get_settings)):
    """A ping on subscribe, then every TOMAR, PAUSAR and COMPLETAR as a spool_update event."""
    return StreamingResponse(
        spool_update_frames(updates, settings.sse_ping_interval),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
