"""Request and response models; strict types so bad input is a 422 naming the field."""

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator,
    model_serializer,
)

TagSpool = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9._-]{1,64}$")]
WorkerId = Annotated[int, Field(strict=True, ge=1)]
WorkerNombre = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=128)]
LockedOperation = Literal["ARM", "SOLD"]
Operation = Literal["ARM", "SOLD", "METROLOGIA"]
Verdict = Literal["APROBADO", "RECHAZADO"]
Estado = Literal["PENDIENTE", "EN_PROGRESO", "PAUSADO", "COMPLETADO", "APROBADO", "RECHAZADO"]


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TomarRequest(StrictBody):
    tag_spool: TagSpool
    worker_id: WorkerId
    worker_nombre: WorkerNombre
    operacion: LockedOperation


class PausarRequest(TomarRequest):
    pass


class CompletarRequest(StrictBody):
    tag_spool: TagSpool
    worker_id: WorkerId
    worker_nombre: WorkerNombre
    operacion: Operation
    fecha_operacion: Annotated[
        str, StringConstraints(strict=True, pattern=r"^\d{4}-\d{2}-\d{2}$")
    ] = Field(description="Work date, YYYY-MM-DD (required).")
    resultado: Verdict | None = Field(None, validate_default=True)

    @field_validator("fecha_operacion")
    @classmethod
    def _real_calendar_date(cls, value: str) -> str:
        date.fromisoformat(value)
        return value

    @field_validator("resultado")
    @classmethod
    def _verdict_for_metrologia(cls, value: Verdict | None, info: ValidationInfo) -> Verdict | None:
        if info.data.get("operacion") == "METROLOGIA" and value is None:
            raise ValueError("resultado is required for METROLOGIA")
        return value


class TestSpoolRequest(StrictBody):
    tag_spool: TagSpool


class OccupationResponse(BaseModel):
    success: bool
    tag_spool: str
    worker_id: int
    operacion: Operation
    estado: Estado
    message: str


class Session(BaseModel):
    operacion: Operation
    worker_id: int
    worker_nombre: str
    start_time: str
    end_time: str | None
    duration_minutes: float | None
    estado: Estado
    resultado: Verdict | None = Field(None, description="Only on instant METROLOGIA sessions.")

    @model_serializer(mode="wrap")
    def _resultado_only_when_given(self, handler):
        data = handler(self)
        if data.get("resultado") is None:
            data.pop("resultado", None)
        return data


class HistoryResponse(BaseModel):
    tag_spool: str
    sessions: list[Session]


class Holder(BaseModel):
    worker_id: int
    worker_nombre: str
    operacion: Operation
    since: str


class OperationState(BaseModel):
    estado: Estado


class SpoolResponse(BaseModel):
    tag_spool: str
    ocupado_por: Holder | None
    operaciones: dict[Operation, OperationState]


class WorkerOut(BaseModel):
    id: int
    nombre: str
    apellido: str
    nombre_completo: str
    roles: list[str]
    activo: bool


class WorkersResponse(BaseModel):
    workers: list[WorkerOut]
    total: int


class RedisStatus(BaseModel):
    status: Literal["healthy", "unhealthy"]
    operational: bool


class HealthResponse(BaseModel):
    status: Literal["healthy", "degraded"]
    version: str
    redis: RedisStatus


class RedisHealthResponse(RedisStatus):
    error: str | None = None


class ConnectionStatsResponse(BaseModel):
    max_connections: int
    active_connections: int
    available_connections: int
    utilization_percent: float

