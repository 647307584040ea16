"""ZEUES v3.0's known defects outside the occupation steps (contract C): the verdict route,
events, history times, the streams' pool connections, the pool figures, Redis errors."""

from datetime import datetime, timedelta, timezone

from fastapi import FastAPI
from redis import BlockingConnectionPool
from redis.exceptions import RedisError

from standin.clock import iso_santiago
from standin.events import SpoolEvents
from standin.history import HistoryBuilder
from standin.metrologia import Metrologia
from standin.redis_pool import PoolStats
from standin.reference import ReferenceWorker
from standin.stream_hub import StreamHub, Subscription

from . import swap
from .real_router import answer_internal_server_error

# pytz's first entry for America/Santiago: its local mean time, printed as -04:43 (D7).
SANTIAGO_LMT = timezone(-timedelta(hours=4, minutes=43))


# D3: the verdict route calls a method the worker service does not have

class VerdictCrashes(Metrologia):
    @staticmethod
    def _find_inspector(worker_id: int) -> ReferenceWorker:
        raise AttributeError("'WorkerService' object has no attribute 'get_worker_by_id'")


def verdict_crashes(app: FastAPI) -> None:
    """The stand-in's own last-resort handler answers the real F2 500."""
    swap.metrologia(app, VerdictCrashes)


# D5: pauses and completions are announced as ARM

class EventsSayArm(SpoolEvents):
    def pausar(self, tag: str, operacion: str) -> None:
        super().pausar(tag, "ARM")

    def completar(self, tag: str, worker_nombre: str, operacion: str, fecha_operacion) -> None:
        super().completar(tag, worker_nombre, "ARM", fecha_operacion)


def events_say_arm(app: FastAPI) -> None:
    swap.events(app, EventsSayArm(app.state.stream_hub))


# D7: history times carry the local mean time's offset

class LocalMeanTimeHistory(HistoryBuilder):
    def format_time(self, instant: datetime) -> datetime:
        """The right Santiago wall time, labelled with the wrong offset."""
        return iso_santiago(instant).replace(tzinfo=SANTIAGO_LMT)


def history_in_local_mean_time(app: FastAPI) -> None:
    app.state.history = LocalMeanTimeHistory()


# D8 and D15: each stream takes a pool connection of its own

class PoolConnectionPerStream(StreamHub):
    """D8: a stream holds one connection of the shared pool while it is open. Chosen: the
    stand-in's pool semantics - with 20 streams open a TOMAR waits for a free connection (5 s)
    like any command, then is refused with the stand-in's own 503 "Redis service unavailable:
    No connection available.", where the real API's non-blocking pool answers 500 "Too many
    connections" after its retries. A 21st stream, as the real one, gets its headers and
    ends at once."""

    def __init__(self, backlog_limit: int, pool: BlockingConnectionPool):
        super().__init__(backlog_limit)
        self._pool = pool
        self._connections: dict[Subscription, object] = {}

    def subscribe(self) -> Subscription:
        subscription = super().subscribe()
        if self._pool.pool.empty():
            # As the real non-blocking pool: no connection left, so the stream gets its
            # headers and ends at once (its subscription fails with "Too many connections").
            subscription.overflowed = True
            subscription._ready.set()
            return subscription
        self._connections[subscription] = self._pool.get_connection()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        super().unsubscribe(subscription)
        connection = self._connections.pop(subscription, None)
        if connection is not None:
            self._end_hold(connection)

    def _end_hold(self, connection) -> None:
        self._pool.release(connection)


class PoolConnectionKeptAfterStream(PoolConnectionPerStream):
    """D15: a closed stream's connection is never given back to the pool."""

    def __init__(self, backlog_limit: int, pool: BlockingConnectionPool):
        super().__init__(backlog_limit, pool)
        self._kept: list = []  # never released: the pool counts them in use for good

    def _end_hold(self, connection) -> None:
        self._kept.append(connection)


def _hub(app: FastAPI, kind: type[PoolConnectionPerStream]) -> None:
    state = app.state
    swap.stream_hub(app, kind(state.settings.sse_backlog_limit, state.redis_pool))


def streams_hold_the_pool(app: FastAPI) -> None:
    _hub(app, PoolConnectionPerStream)


def streams_keep_the_pool(app: FastAPI) -> None:
    _hub(app, PoolConnectionKeptAfterStream)


# D9: the pool figures are static

class StaticPoolStats(PoolStats):
    def figures(self) -> dict:
        return {"status": "ok", "max_connections": self._pool.max_connections,
                "pool_created": True, "alert": None}


def static_pool_stats(app: FastAPI) -> None:
    app.state.pool_stats = StaticPoolStats(app.state.redis_pool)


# D10: a Redis error is the router's generic 500

def redis_error_is_500(app: FastAPI) -> None:
    app.exception_handlers[RedisError] = answer_internal_server_error
