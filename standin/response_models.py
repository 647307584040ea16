"""Response bodies under the real API's component names and fields (contract A)."""

from datetime import date, datetime
from enum import Enum

from pydantic import BaseModel, Field, computed_field


class ActionStatus(str, Enum):
    PENDIENTE = "PENDIENTE"
    EN_PROGRESO = "EN_PROGRESO"
    COMPLETADO = "COMPLETADO"


class RolTrabajador(str, Enum):
    ARMADOR = "Armador"
    SOLDADOR = "Soldador"
    AYUDANTE = "Ayudante"
    METROLOGIA = "Metrologia"
    REVESTIMIENTO = "Revestimiento"
    PINTURA = "Pintura"
    DESPACHO = "Despacho"


class OccupationResponse(BaseModel):
    success: bool
    tag_spool: str
    message: str


class BatchOccupationResponse(BaseModel):
    total: int = Field(..., ge=0)
    succeeded: int = Field(..., ge=0)
    failed: int = Field(..., ge=0)
    details: list[OccupationResponse]


class CompletarMetrologiaResponse(BaseModel):
    success: bool
    tag_spool: str
    resultado: str
    estado_detalle: str
    message: str


class OccupationSession(BaseModel):
    worker_nombre: str
    worker_id: int = Field(..., gt=0)
    operacion: str = Field(..., pattern=r"^(ARM|SOLD|METROLOGIA)$")
    start_time: datetime
    end_time: datetime | None = None
    duration: str | None = None


class HistoryResponse(BaseModel):
    tag_spool: str
    sessions: list[OccupationSession] = Field(default_factory=list)


class Worker(BaseModel):
    id: int = Field(..., gt=0)
    nombre: str = Field(..., min_length=1)
    apellido: str = Field(..., min_length=1)
    rol: RolTrabajador | None = None
    roles: list[str] = Field(default_factory=list)
    activo: bool = True

    @computed_field
    @property
    def nombre_completo(self) -> str:
        return f"{self.nombre[0]}{self.apellido[0]}({self.id})".upper()


class WorkerListResponse(BaseModel):
    workers: list[Worker] = Field(default_factory=list)
    total: int = Field(..., ge=0)


class Spool(BaseModel):
    """15 keys, always present; arm/sold, proyecto, fecha_ocupacion, estado_detalle and
    version are constants that carry no information, as on the real API (A.8)."""

    tag_spool: str = Field(..., min_length=1)
    nv: str | None = None
    arm: ActionStatus = ActionStatus.PENDIENTE
    sold: ActionStatus = ActionStatus.PENDIENTE
    fecha_materiales: date | None = None
    fecha_armado: date | None = None
    fecha_soldadura: date | None = None
    fecha_qc_metrologia: date | None = None
    armador: str | None = None
    soldador: str | None = None
    proyecto: str | None = None
    ocupado_por: str | None = None
    fecha_ocupacion: str | None = None
    version: int = Field(0, ge=0)
    estado_detalle: str | None = None


class SpoolListResponse(BaseModel):
    spools: list[Spool] = Field(default_factory=list)
    total: int = Field(..., ge=0)
    filtro_aplicado: str


class OccupiedSpoolResponse(BaseModel):
    tag_spool: str
    worker_nombre: str
    estado_detalle: str
    fecha_ocupacion: str
