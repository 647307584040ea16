"""API errors: one base exception, each family's body built in one place, mapped in one handler.

Families (contract A.0): F1 `{"detail": text}` on occupation, listing, dashboard and stream
routes; F2 the ZEUS envelope on history, workers and metrologia; F3 FastAPI's own 422; F4
Starlette's routing 404/405. Texts are the real API's, word for word.
"""

import json
import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer the contract names: a status and a body."""

    status = 500

    def body(self) -> dict:
        raise NotImplementedError


class DetailError(ApiError):
    """F1: `{"detail": text}`."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail

    def body(self) -> dict:
        return {"detail": self.detail}


class ZeusError(ApiError):
    """F2: the ZEUS envelope."""

    def __init__(self, status: int, code: str, message: str, data: dict | None):
        super().__init__(message)
        self.status, self.code, self.message, self.data = status, code, message, data

    def body(self) -> dict:
        return {"success": False, "error": self.code, "message": self.message, "data": self.data}


# F1 texts of the occupation routes

def spool_not_found(tag: str) -> DetailError:
    return DetailError(404, f"Spool '{tag}' no encontrado en hoja Operaciones")


def missing_materials(tag: str, operacion: str) -> DetailError:
    return DetailError(400, f"No se puede iniciar {operacion} en spool '{tag}': falta "
                            "Fecha_Materiales (El spool debe tener materiales registrados "
                            "antes de ocuparlo)")


def spool_occupied(tag: str, owner_id: int | str) -> DetailError:
    return DetailError(409, f"El spool '{tag}' ya está ocupado por Worker {owner_id} "
                            f"(ID: {owner_id}). Espera a que termine o elige otro spool.")


def lock_expired(tag: str) -> DetailError:
    return DetailError(410, f"El lock del spool '{tag}' expiró durante la operación. "
                            "La operación tardó demasiado. Intenta nuevamente.")


def not_the_holder(tag: str, owner_id: int, action: str, worker_nombre: str) -> DetailError:
    return DetailError(403, f"Solo Worker {owner_id} puede completar {action} en '{tag}' "
                            f"(él/ella la inició). Tú eres {worker_nombre}.")


def wrong_state(action: str, operacion: str, state: str) -> DetailError:
    return DetailError(400, f"Cannot {action} {operacion} from state '{state}'. {action} is "
                            "only allowed from 'en_progreso' state.")


def already_completed(operacion: str) -> DetailError:
    return DetailError(400, f"Cannot TOMAR {operacion} - operation already completed")


def arm_not_started(tag: str) -> DetailError:
    return DetailError(400, f"No se puede iniciar SOLD en spool '{tag}': falta ARM iniciado "
                            "(SOLD no puede iniciarse sin ARM iniciado)")


def redis_unavailable(error: Exception) -> DetailError:
    return DetailError(503, f"Redis service unavailable: {str(error) or type(error).__name__}")


# F2 refusals of the history, workers and metrologia routes

def zeus_spool_not_found(tag: str) -> ZeusError:
    return ZeusError(404, "SPOOL_NO_ENCONTRADO", f"Spool '{tag}' no encontrado en hoja "
                                                 "Operaciones", {"tag_spool": tag})


def zeus_worker_not_found(worker_id: int) -> ZeusError:
    return ZeusError(404, "WORKER_NO_ENCONTRADO",
                     f"Trabajador '{worker_id}' no encontrado o inactivo",
                     {"worker_nombre": str(worker_id)})


def json_response(status: int, body) -> Response:
    """JSON with non-ASCII escaped: an unpaired surrogate echoed back (in a 422's `input`)
    cannot be encoded as UTF-8 and would turn the answer into a 500."""
    return Response(json.dumps(jsonable_encoder(body)), status_code=status,
                    media_type="application/json")


async def handle_api_error(_: Request, error: ApiError) -> Response:
    return json_response(error.status, error.body())


async def handle_redis_error(_: Request, error: RedisError) -> Response:
    """Any Redis failure or pool wait timeout on an occupation route: 503, never a 500."""
    log.warning("Redis failed: %s", error)
    return json_response(503, redis_unavailable(error).body())


async def handle_validation_error(_: Request, error: RequestValidationError) -> Response:
    """FastAPI's default F3 body, only ASCII-escaped."""
    return json_response(422, {"detail": error.errors()})


async def handle_crash(_: Request, error: Exception) -> JSONResponse:
    """A bug in the stand-in: the real API's F2 500, so it shows up as a finding."""
    log.exception("unexpected error", exc_info=error)
    return JSONResponse(status_code=500, content=ZeusError(
        500, "INTERNAL_SERVER_ERROR", "Error interno del servidor. Contacta al administrador.",
        None).body())


def install_error_handlers(app: FastAPI) -> None:
    """Handlers live in app.exception_handlers, so a fault build can swap one (e.g. Redis)."""
    app.add_exception_handler(ApiError, handle_api_error)
    app.add_exception_handler(RedisError, handle_redis_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_crash)
