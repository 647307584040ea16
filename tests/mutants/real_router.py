"""The real occupation routers' last resort: any exception they did not expect becomes
500 {"detail": "Internal server error: <its text>"} (F1), the body of D0, D1, D4 and D10."""

from fastapi import FastAPI, Request
from fastapi.responses import Response

from standin import errors


class UnexpectedError(Exception):
    """An exception the real router catches last; its text is the 500's detail."""


async def answer_internal_server_error(_: Request, error: Exception) -> Response:
    return errors.json_response(500, {"detail": f"Internal server error: {error}"})


def install(app: FastAPI) -> None:
    """Answer UnexpectedError as the real router does (the stand-in has no such exception)."""
    app.add_exception_handler(UnexpectedError, answer_internal_server_error)
