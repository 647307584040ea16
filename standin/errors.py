"""API errors: one base exception, mapped to the contract's error body in one handler."""

import json

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from redis.exceptions import RedisError


class ApiError(Exception):
    """An error the contract names: HTTP status plus a stable code."""

    status = 500
    code = "INTERNAL"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SpoolNotFound(ApiError):
    status, code = 404, "SPOOL_NOT_FOUND"


class WorkerNotFound(ApiError):
    status, code = 404, "WORKER_NOT_FOUND"


class NotOwner(ApiError):
    status, code = 403, "NOT_OWNER"


class SpoolOccupied(ApiError):
    status, code = 409, "SPOOL_OCCUPIED"


class SpoolNotOccupied(ApiError):
    status, code = 409, "SPOOL_NOT_OCCUPIED"


class OperationCompleted(ApiError):
    status, code = 409, "OPERATION_COMPLETED"


class DependencyNotMet(ApiError):
    status, code = 409, "DEPENDENCY_NOT_MET"


class RedisUnavailable(ApiError):
    status, code = 503, "REDIS_UNAVAILABLE"


class ErrorBody(BaseModel):
    """The contract's body for every non-validation error."""

    error: str
    message: str


def error_responses(*errors: type[ApiError]) -> dict:
    """OpenAPI `responses` entry for the given errors."""
    statuses: dict[int, list[str]] = {}
    for error in errors:
        statuses.setdefault(error.status, []).append(error.code)
    return {
        status: {"model": ErrorBody, "description": " | ".join(codes)}
        for status, codes in statuses.items()
    }


def api_error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(status_code=error.status,
                        content={"error": error.code, "message": error.message})


def install_error_handlers(app: FastAPI) -> None:
    """Map ApiError and any Redis failure to the contract's error body, and keep 422s 422s."""

    @app.exception_handler(ApiError)
    async def handle_api_error(_: Request, error: ApiError) -> JSONResponse:
        return api_error_response(error)

    @app.exception_handler(RedisError)
    async def handle_redis_error(_: Request, error: RedisError) -> JSONResponse:
        return api_error_response(RedisUnavailable(f"Redis unavailable: {error}"))

    @app.exception_handler(RequestValidationError)
    async def handle_validation_error(_: Request, error: RequestValidationError) -> Response:
        # ASCII-escaped: an unpaired surrogate echoed back as UTF-8 would turn the 422 into a 500.
        body = json.dumps({"detail": jsonable_encoder(error.errors())})
        return Response(body, status_code=422, media_type="application/json")
