"""ZEUES v3.0's known defects of TOMAR, PAUSAR and COMPLETAR (contract C), one per function,
each replacing exactly the step the defect is in: a subclass of the stand-in's Occupation, or
for D0 the route's request model.

The texts and leftovers are the real ones: a 500 is the real router's "Internal server error:
<text>", and what the real code wrote before failing stays written.
"""

import copy
from datetime import date
from typing import Any

from fastapi import Depends, FastAPI
from pydantic import BaseModel, Field, field_validator

from standin import errors
from standin.clock import utc_now, whole_seconds
from standin.dependencies import get_occupation
from standin.occupation import Occupation
from standin.response_models import OccupationResponse
from standin.sheet import SpoolRow
from standin.states import COMPLETADO, operation_state

from . import real_router, swap
from .real_router import UnexpectedError

COMPLETAR_PATH = "/api/occupation/completar"
# The state the real ARM and SOLD state machines find after COMPLETAR wrote its date (D1, D2).
STATE_FOUND_AFTER_COMPLETION = {"ARM": "completado", "SOLD": "pausado"}


# D0 (b5acfc9): CompletarRequest lost its operacion field

# b5acfc9's model: no operacion, no resultado; fecha_operacion as at f0ec7b5. (No docstring:
# it would become the schema's description, which the real one has not.)
class CompletarRequest(BaseModel):
    tag_spool: str = Field(..., min_length=1)
    worker_id: int = Field(..., gt=0)
    worker_nombre: str = Field(..., min_length=1)
    fecha_operacion: date = Field(...)

    @field_validator("fecha_operacion", mode="before")
    @classmethod
    def _falsy_means_today(cls, value: Any):
        return value or date.today()


def completar_spool(request: CompletarRequest, occupation: Occupation = Depends(get_occupation)):
    """Finish the operation held on the date given."""
    try:
        return occupation.completar(request)  # its first line reads request.operacion
    except errors.ApiError:
        raise
    except Exception as error:
        raise UnexpectedError(error) from error


def completar_without_operacion(app: FastAPI) -> None:
    """The route takes b5acfc9's model, served and described, in front of the stand-in's own."""
    described = copy.deepcopy(app.openapi())  # made before the shadowing route exists
    described["components"]["schemas"]["CompletarRequest"] = CompletarRequest.model_json_schema()
    app.openapi = lambda: described
    real_router.install(app)
    app.add_api_route(COMPLETAR_PATH, completar_spool, methods=["POST"],
                      response_model=OccupationResponse, tags=["Occupation"])
    app.router.routes.insert(0, app.router.routes.pop())  # matched before the stand-in's


# D1: the work is recorded, then the transition fails

class TransitionFails(Occupation):
    def _transition_after_completion(self, row: SpoolRow, request) -> None:
        operacion = request.operacion.value
        if operacion in STATE_FOUND_AFTER_COMPLETION:
            raise UnexpectedError(
                f"Can't completar when in {STATE_FOUND_AFTER_COMPLETION[operacion]}.")
        super()._transition_after_completion(row, request)


def completion_answers_500(app: FastAPI) -> None:
    real_router.install(app)
    swap.occupation(app, TransitionFails)


# D2: every completion stamps Fecha_Armado

class StampsAssembly(Occupation):
    @staticmethod
    def _completion_columns(operacion: str, fecha_operacion: date) -> dict:
        return {"fecha_armado": fecha_operacion}  # the real code's `operacion = "ARM"`


def completion_stamps_assembly(app: FastAPI) -> None:
    swap.occupation(app, StampsAssembly)


# D4: TOMAR of finished work announces and logs the take, keeps the lock, then fails

class FinishedWorkKeepsTheLock(Occupation):
    def _tomar_state_step(self, row: SpoolRow, request) -> None:
        """Raised past the rollback (it is no refusal the stand-in knows), so the lock stays;
        the sheet is not written, so Ocupado_Por stays empty."""
        operacion = request.operacion.value
        if operacion in ("ARM", "SOLD") and operation_state(row, operacion) == COMPLETADO:
            self._log(row.tag_spool, "TOMAR_SPOOL", request, whole_seconds(utc_now()))
            self._events.tomar(row.tag_spool, request.worker_nombre, operacion)
            raise UnexpectedError(errors.already_completed(operacion).detail)
        super()._tomar_state_step(row, request)


def finished_work_keeps_the_lock(app: FastAPI) -> None:
    real_router.install(app)
    swap.occupation(app, FinishedWorkKeepsTheLock)


# D6: every completion is logged as COMPLETAR_ARM

class LogsAssemblyCompleted(Occupation):
    @staticmethod
    def _completion_event_type(operacion: str) -> str:
        return "COMPLETAR_ARM"


def completion_logged_as_assembly(app: FastAPI) -> None:
    swap.occupation(app, LogsAssemblyCompleted)


# D11: the PAUSAR state check reads only the sheet

class PausesAnyUndatedOperation(Occupation):
    @staticmethod
    def _check_pausar_state(row: SpoolRow, operacion: str) -> None:
        """An undated ARM or SOLD counts as in progress whenever Ocupado_Por is set, started
        or not, whichever operation the spool is held for."""
        dates = {"ARM": row.fecha_armado, "SOLD": row.fecha_soldadura}
        if operacion in dates and row.ocupado_por and dates[operacion] is None:
            return
        Occupation._check_pausar_state(row, operacion)


def pause_of_the_other_operation_accepted(app: FastAPI) -> None:
    swap.occupation(app, PausesAnyUndatedOperation)


# D12: the SOLD guard is never reached

class WeldsUnassembled(Occupation):
    @staticmethod
    def _check_arm_started(row: SpoolRow, operacion: str) -> None:
        """The real state step returns before the SOLD state machine's guard."""


def sold_before_arm_started(app: FastAPI) -> None:
    swap.occupation(app, WeldsUnassembled)


# D13: every take records the taker as the operation's worker

class ResumeRewritesTheWorker(Occupation):
    @staticmethod
    def _worker_columns(row: SpoolRow, operacion: str, worker_nombre: str) -> dict:
        return {"ARM": {"armador": worker_nombre},
                "SOLD": {"soldador": worker_nombre}}.get(operacion, {})


def resume_rewrites_the_worker(app: FastAPI) -> None:
    swap.occupation(app, ResumeRewritesTheWorker)


# D14: COMPLETAR reads the lock before it looks for the spool

class LockBeforeSpool(Occupation):
    def _spool_to_complete(self, tag: str) -> SpoolRow:
        if self._sheet.row(tag) is None and self._locks.holder(tag) is None:
            raise errors.lock_expired(tag)
        return super()._spool_to_complete(tag)


def unknown_spool_lock_expired(app: FastAPI) -> None:
    swap.occupation(app, LockBeforeSpool)
