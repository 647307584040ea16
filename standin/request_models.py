"""Request bodies as the real API declares them: pydantic 2 in lax mode, extras ignored.

Lax on purpose: production accepts "93", 93.0 and true for an integer, and the stand-in
must accept exactly what production accepts (contract A.0).
"""

from datetime import date
from enum import Enum

from pydantic import BaseModel, Field, field_validator


class ActionType(str, Enum):
    ARM = "ARM"
    SOLD = "SOLD"
    METROLOGIA = "METROLOGIA"
    REPARACION = "REPARACION"


class ResultadoEnum(str, Enum):
    APROBADO = "APROBADO"
    RECHAZADO = "RECHAZADO"


class TomarRequest(BaseModel):
    tag_spool: str = Field(..., min_length=1)
    worker_id: int = Field(..., gt=0)
    worker_nombre: str = Field(..., min_length=1)
    operacion: ActionType


class PausarRequest(BaseModel):
    tag_spool: str = Field(..., min_length=1)
    worker_id: int = Field(..., gt=0)
    worker_nombre: str = Field(..., min_length=1)
    operacion: ActionType


class CompletarRequest(BaseModel):
    tag_spool: str = Field(..., min_length=1)
    worker_id: int = Field(..., gt=0)
    worker_nombre: str = Field(..., min_length=1)
    operacion: ActionType
    fecha_operacion: date = Field(...)
    resultado: str | None = None  # accepted, read by nobody (as on the real API)

    @field_validator("fecha_operacion", mode="before")
    @classmethod
    def _falsy_means_today(cls, value):
        """The real model's `v or date.today()`: null, "", 0 and false are today; absent is
        still `missing`, since a before-validator does not run on an absent key."""
        return value or date.today()


class BatchTomarRequest(BaseModel):
    tag_spools: list[str] = Field(..., min_length=1, max_length=50)
    worker_id: int = Field(..., gt=0)
    worker_nombre: str = Field(..., min_length=1)
    operacion: ActionType

    @field_validator("tag_spools")
    @classmethod
    def _unique(cls, tags: list[str]) -> list[str]:
        if len(set(tags)) != len(tags):
            raise ValueError("tag_spools must not repeat a spool")
        return tags


class CompletarMetrologiaRequest(BaseModel):
    tag_spool: str = Field(..., min_length=1)
    worker_id: int = Field(..., gt=0)
    resultado: ResultadoEnum


class SpoolResetRequest(BaseModel):
    """Test support only: the spool to create or reset; null materials for R12's spool."""

    tag_spool: str = Field(..., min_length=1)
    fecha_materiales: date | None = date(2026, 1, 20)
