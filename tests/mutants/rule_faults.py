"""Faults of the suite's other classes: answers in a family or shape the contract does not have,
a published description that drifted from what is served, and broken rules that are no known
defect of ZEUES v3.0 (a racy lock, ownership not checked)."""

import copy
import time
import uuid
from contextlib import contextmanager

from fastapi import FastAPI, Request
from fastapi.responses import Response
from redis import Redis

from standin import errors
from standin.locks import HeldLock, spool_lock_key
from standin.occupation import Occupation
from standin.sheet import Sheet

from . import swap
from .rewrite import RewriteResponseJson

HISTORY_PATH = r"/api/history/.+"
OCCUPATION_PREFIX = "/api/occupation/"
RACE_WINDOW_SECONDS = 0.05
# The old contract's error codes, by the status each refusal has.
OLD_CODES = {400: "INVALID_OPERATION", 403: "NOT_OWNER", 404: "SPOOL_NOT_FOUND",
             409: "SPOOL_OCCUPIED", 410: "LOCK_EXPIRED"}


def _override_openapi(app: FastAPI, edit) -> None:
    """/openapi.json serves `edit(copy of the real schema)`."""
    real_openapi = app.openapi

    def edited_openapi() -> dict:
        schema = copy.deepcopy(real_openapi())
        edit(schema)
        return schema

    app.openapi = edited_openapi


# contract drift

def refusals_in_old_family(app: FastAPI) -> None:
    async def old_family(request: Request, error: errors.ApiError) -> Response:
        if (request.url.path.startswith(OCCUPATION_PREFIX) and isinstance(error, errors.DetailError)
                and error.status in OLD_CODES):
            return errors.json_response(error.status, {"error": OLD_CODES[error.status],
                                                       "message": error.detail})
        return await errors.handle_api_error(request, error)

    app.exception_handlers[errors.ApiError] = old_family


def history_as_bare_list(app: FastAPI) -> None:
    app.add_middleware(RewriteResponseJson, method="GET", path=HISTORY_PATH,
                       rewrite=lambda body: body["sessions"])


def unrequire_fecha_in_openapi(app: FastAPI) -> None:
    def fecha_optional(schema: dict) -> None:
        completar = schema["components"]["schemas"]["CompletarRequest"]
        completar["required"] = [name for name in completar["required"]
                                 if name != "fecha_operacion"]

    _override_openapi(app, fecha_optional)


def drop_rechazado_from_openapi(app: FastAPI) -> None:
    def without_rechazado(schema: dict) -> None:
        verdicts = schema["components"]["schemas"]["ResultadoEnum"]
        verdicts["enum"] = [verdict for verdict in verdicts["enum"] if verdict != "RECHAZADO"]

    _override_openapi(app, without_rechazado)


# broken rules

class UnguardedSheet:
    """The sheet without its per-spool guard: actions on one spool interleave."""

    def __init__(self, sheet: Sheet):
        self._sheet = sheet

    def __getattr__(self, name):
        return getattr(self._sheet, name)

    @contextmanager
    def guard(self, tag: str):
        yield


class CheckThenSetOccupation(Occupation):
    """TOMAR asks whether the spool is free (GET), pauses, then takes it with a plain SET."""

    def __init__(self, sheet, locks, events, redis: Redis):
        super().__init__(sheet, locks, events)
        self._redis = redis

    def _take_lock(self, tag: str, worker_id: int) -> HeldLock:
        holder = self._locks.holder(tag)
        if holder is not None:
            raise errors.spool_occupied(tag, holder.worker_id)
        time.sleep(RACE_WINDOW_SECONDS)  # widens the window every concurrent TOMAR slips through
        value = f"{worker_id}:{uuid.uuid4()}"
        self._redis.set(spool_lock_key(tag), value, ex=self._locks.ttl_seconds)
        return HeldLock(worker_id, value)


def check_then_set_lock(app: FastAPI) -> None:
    state = app.state
    state.occupation = CheckThenSetOccupation(UnguardedSheet(state.sheet), state.locks,
                                              state.events, state.redis)


class OwnershipBlind(Occupation):
    """PAUSAR and COMPLETAR act on whoever's lock it is."""

    def _lock_of_holder(self, tag: str, request, action: str) -> HeldLock:
        lock = self._locks.holder(tag)
        if lock is None:
            raise errors.lock_expired(tag)
        return lock


def skip_ownership_check(app: FastAPI) -> None:
    swap.occupation(app, OwnershipBlind)
