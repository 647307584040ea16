"""Reference data of the stand-in at start, exactly as contract D lists it."""

from dataclasses import dataclass
from datetime import date

SEED_TAGS = tuple(f"TEST-{number:02d}" for number in range(1, 21))
SEED_NV = "NV-TEST"
SEED_FECHA_MATERIALES = date(2026, 1, 20)


@dataclass(frozen=True)
class ReferenceWorker:
    id: int
    nombre: str
    apellido: str
    roles: tuple[str, ...]
    activo: bool
    rol: str = "Ayudante"  # production's Trabajadores sheet has no Rol column

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombre[0]}{self.apellido[0]}({self.id})".upper()


WORKERS = (
    ReferenceWorker(93, "Mauricio", "Rodriguez", ("Armador",), True),
    ReferenceWorker(94, "Juan", "Perez", ("Soldador",), True),
    ReferenceWorker(95, "Carlos", "Gonzalez", ("Metrologia",), True),
    ReferenceWorker(96, "Luis", "Soto", ("Armador",), False),
)


def active_workers() -> list[ReferenceWorker]:
    return [worker for worker in WORKERS if worker.activo]


def active_worker(worker_id: int) -> ReferenceWorker | None:
    """The active worker with this id, or None (unknown and inactive alike)."""
    return next((worker for worker in active_workers() if worker.id == worker_id), None)
