"""Fault builds change the stand-in from outside standin/: services are read from app.state on
every request and the Redis handler lives in app.exception_handlers. These tests keep it so."""

import asyncio
import json
from datetime import timedelta, timezone

from fastapi.responses import JSONResponse
from redis.exceptions import RedisError

from standin.app import create_app
from standin.clock import utc_now
from standin.history import HistoryBuilder
from standin.occupation import Occupation
from standin.redis_pool import PoolStats
from standin.settings import Settings
from standin.sheet import MetadataRow

TOMAR = {"tag_spool": "TEST-01", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}


def call(app, method: str, path: str, body=None) -> tuple[int, object]:
    """One request through the ASGI app in process, no server and no Redis needed."""
    messages = [{"type": "http.request", "more_body": False,
                 "body": b"" if body is None else json.dumps(body).encode()}]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
             "http_version": "1.1", "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"content-type", b"application/json"), (b"host", b"standin")],
             "client": ("127.0.0.1", 1), "server": ("standin", 80)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], json.loads(b"".join(m.get("body", b"") for m in sent[1:]))


def unreachable_app():
    return create_app(Settings(redis_url="redis://127.0.0.1:1/0", redis_retries=0))


def test_a_swapped_occupation_service_answers_the_next_request():
    app = unreachable_app()

    class AlwaysTaken(Occupation):
        def tomar(self, request):
            return {"success": True, "tag_spool": request.tag_spool, "message": "swapped"}

    state = app.state
    app.state.occupation = AlwaysTaken(state.sheet, state.locks, state.events)
    assert call(app, "POST", "/api/occupation/tomar", TOMAR) == (
        200, {"success": True, "tag_spool": "TEST-01", "message": "swapped"})


def test_the_redis_handler_can_be_swapped():
    app = unreachable_app()
    status, body = call(app, "POST", "/api/occupation/tomar", TOMAR)
    assert status == 503 and body["detail"].startswith("Redis service unavailable: ")

    async def crash(_, error):
        return JSONResponse({"detail": f"Internal server error: {error}"}, status_code=500)

    app = unreachable_app()
    app.exception_handlers[RedisError] = crash
    assert call(app, "POST", "/api/occupation/tomar", TOMAR)[0] == 500


def test_history_times_and_stats_come_from_swappable_objects():
    app = unreachable_app()

    class LocalMeanTime(HistoryBuilder):
        def format_time(self, instant):
            return instant.astimezone(timezone(-timedelta(hours=4, minutes=43))).replace(
                microsecond=0)

    class Static(PoolStats):
        def body(self):
            return {"status": "ok", "max_connections": 20, "pool_created": True, "alert": None}

    app.state.history = LocalMeanTime()
    app.state.pool_stats = Static(app.state.redis_pool)
    app.state.sheet.log("TEST-01", MetadataRow("TOMAR_SPOOL", "ARM", 93, "MR(93)", utc_now()))
    _, history = call(app, "GET", "/api/history/TEST-01")
    assert history["sessions"][0]["start_time"].endswith("-04:43")
    assert call(app, "GET", "/api/redis-connection-stats")[1] == {
        "status": "ok", "max_connections": 20, "pool_created": True, "alert": None}
