"""One function per fault: each takes the stand-in's FastAPI app and breaks exactly one rule.

Every fault works from outside `standin/`: middleware that rewrites the wire, a
subclass or view swapped into `app.state`, a dependency override, an instance
attribute replaced, or `app.openapi` overridden.
"""

import copy
import threading
import time
from datetime import date, datetime

from fastapi import FastAPI, Request

from standin import errors
from standin.audit import utc_now
from standin.dependencies import get_pool
from standin.occupation import Occupation
from standin.redis_store import spool_lock_key
from standin.reference import WORKERS

from .rewrite import RewriteRequestJson, RewriteResponseJson

COMPLETAR_PATH = "/api/occupation/completar"
HISTORY_PATH = r"/api/history/.+"
RACE_WINDOW_SECONDS = 0.05
STREAM_DELAY_SECONDS = 2.0
CLAIMED_MAX_CONNECTIONS = 50


def _rewrite_requests(app: FastAPI, path: str, rewrite) -> None:
    app.add_middleware(RewriteRequestJson, method="POST", path=path, rewrite=rewrite)


def _rewrite_responses(app: FastAPI, path: str, rewrite) -> None:
    app.add_middleware(RewriteResponseJson, method="GET", path=path, rewrite=rewrite)


def _swap_occupation(app: FastAPI, occupation: Occupation) -> None:
    """The occupation router reads app.state.occupation on every request."""
    app.state.occupation = occupation


def _override_openapi(app: FastAPI, edit) -> None:
    """/openapi.json serves `edit(copy of the real schema)`."""
    real_openapi = app.openapi

    def edited_openapi() -> dict:
        schema = copy.deepcopy(real_openapi())
        edit(schema)
        return schema

    app.openapi = edited_openapi


# validation

def fill_in_missing_fecha(app: FastAPI) -> None:
    def today_if_missing(body: dict) -> dict:
        body.setdefault("fecha_operacion", date.today().isoformat())
        return body

    _rewrite_requests(app, COMPLETAR_PATH, today_if_missing)


def parse_fecha_unguarded(app: FastAPI) -> None:
    def parse_before_validation(body: dict) -> dict:
        if "fecha_operacion" in body:
            date.fromisoformat(body["fecha_operacion"])  # ValueError escapes: a 500
        return body

    _rewrite_requests(app, COMPLETAR_PATH, parse_before_validation)


# history

def history_as_bare_list(app: FastAPI) -> None:
    _rewrite_responses(app, HISTORY_PATH, lambda body: body["sessions"])


def history_newest_first(app: FastAPI) -> None:
    _rewrite_responses(app, HISTORY_PATH, lambda body: {**body, "sessions": body["sessions"][::-1]})


def close_open_session(app: FastAPI) -> None:
    def closed_now(body: dict) -> dict:
        now = utc_now()
        for session in body["sessions"]:
            if session["end_time"] is None:
                elapsed = datetime.fromisoformat(now) - datetime.fromisoformat(session["start_time"])
                session.update(end_time=now, estado="COMPLETADO",
                               duration_minutes=round(elapsed.total_seconds() / 60, 2))
        return body

    _rewrite_responses(app, HISTORY_PATH, closed_now)


# occupation

class OwnershipBlindOccupation(Occupation):
    """PAUSAR and COMPLETAR act for whoever holds the spool, whoever asks."""

    def _held_by(self, tag, worker_id, operacion):
        current = self._current_holder(tag, self._require_spool_and_worker(tag, worker_id))
        return super()._held_by(tag, current.worker_id if current else worker_id, operacion)


class ArmlessSoldOccupation(Occupation):
    """SOLD no longer waits for ARM; METROLOGIA still waits for SOLD."""

    @staticmethod
    def _require_dependency(states, operacion):
        if operacion != "SOLD":
            Occupation._require_dependency(states, operacion)


class VerdictBlindAudit:
    """The audit trail as the occupation rules see it: METROLOGIA always PENDIENTE."""

    def __init__(self, audit):
        self._audit = audit

    def __getattr__(self, name):
        return getattr(self._audit, name)

    def operation_states(self, tag: str) -> dict[str, str]:
        return {**self._audit.operation_states(tag), "METROLOGIA": "PENDIENTE"}


class InactiveWelcomeOccupation(Occupation):
    """A worker must exist, but need not be active."""

    def _require_spool_and_worker(self, tag, worker_id):
        generation = self._audit.generation(tag)
        if generation is None:
            raise errors.SpoolNotFound(f"Spool {tag} not found")
        if not any(worker.id == worker_id for worker in WORKERS):
            raise errors.WorkerNotFound(f"Worker {worker_id} not found")
        return generation


class CheckThenSetOccupation(Occupation):
    """TOMAR asks whether the spool is free (GET), pauses, then takes it with a plain SET."""

    def __init__(self, audit, locks, updates, redis):
        super().__init__(audit, locks, updates)
        self._redis = redis

    def _take_or_raise(self, tag, holder):
        current = self._current_holder(tag, holder.generation)
        if current is not None:
            raise errors.SpoolOccupied(f"Spool {tag} is occupied by worker {current.worker_id}")
        time.sleep(RACE_WINDOW_SECONDS)  # widens the window every concurrent TOMAR slips through
        self._redis.set(spool_lock_key(tag), holder.encode())


def skip_ownership_check(app: FastAPI) -> None:
    state = app.state
    _swap_occupation(app, OwnershipBlindOccupation(state.audit, state.locks, state.updates))


def skip_arm_dependency(app: FastAPI) -> None:
    state = app.state
    _swap_occupation(app, ArmlessSoldOccupation(state.audit, state.locks, state.updates))


def forget_verdicts(app: FastAPI) -> None:
    state = app.state
    _swap_occupation(app, Occupation(VerdictBlindAudit(state.audit), state.locks, state.updates))


def accept_inactive_workers(app: FastAPI) -> None:
    state = app.state
    _swap_occupation(app, InactiveWelcomeOccupation(state.audit, state.locks, state.updates))


def check_then_set_lock(app: FastAPI) -> None:
    state = app.state
    _swap_occupation(app, CheckThenSetOccupation(state.audit, state.locks, state.updates, state.redis))


# health and stats

def drop_redis_from_health(app: FastAPI) -> None:
    def without_redis(body: dict) -> dict:
        body.pop("redis", None)
        return body

    _rewrite_responses(app, "/api/health", without_redis)


def available_one_short(app: FastAPI) -> None:
    def one_short(body: dict) -> dict:
        return {**body, "available_connections": body["available_connections"] - 1}

    _rewrite_responses(app, "/api/redis-connection-stats", one_short)


class OverstatedPool:
    """The real pool, claiming a larger maximum than it has."""

    max_connections = CLAIMED_MAX_CONNECTIONS

    def __init__(self, pool):
        self._pool = pool

    def __getattr__(self, name):
        return getattr(self._pool, name)


def claim_fifty_connections(app: FastAPI) -> None:
    def overstated_pool(request: Request) -> OverstatedPool:
        return OverstatedPool(request.app.state.redis_pool)

    app.dependency_overrides[get_pool] = overstated_pool


# stream

def publish_nothing(app: FastAPI) -> None:
    def dropped(event: dict) -> None:
        """Every update goes nowhere; streams still get their pings."""

    app.state.updates.publish = dropped


def publish_late(app: FastAPI) -> None:
    publish_now = app.state.updates.publish

    def delayed(event: dict) -> None:
        timer = threading.Timer(STREAM_DELAY_SECONDS, publish_now, args=(event,))
        timer.daemon = True
        timer.start()

    app.state.updates.publish = delayed


# drift

def unrequire_fecha_in_openapi(app: FastAPI) -> None:
    def fecha_optional(schema: dict) -> None:
        completar = schema["components"]["schemas"]["CompletarRequest"]
        completar["required"] = [name for name in completar["required"] if name != "fecha_operacion"]

    _override_openapi(app, fecha_optional)


def _remove_from_enums(node, value: str) -> None:
    if isinstance(node, dict):
        if "enum" in node:
            node["enum"] = [allowed for allowed in node["enum"] if allowed != value]
        for child in node.values():
            _remove_from_enums(child, value)
    elif isinstance(node, list):
        for child in node:
            _remove_from_enums(child, value)


def drop_rechazado_from_openapi(app: FastAPI) -> None:
    def without_rechazado(schema: dict) -> None:
        for model in schema["components"]["schemas"].values():
            verdict = model.get("properties", {}).get("resultado")
            if verdict is not None:
                _remove_from_enums(verdict, "RECHAZADO")

    _override_openapi(app, without_rechazado)
