"""Reference data of the local stand-in, exactly as the contract lists it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Worker:
    id: int
    nombre: str
    apellido: str
    roles: tuple[str, ...]
    activo: bool

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombre[0]}{self.apellido[0]}({self.id})"


WORKERS = (
    Worker(93, "Mauricio", "Rodriguez", ("ARMADOR",), True),
    Worker(94, "Juan", "Perez", ("SOLDADOR",), True),
    Worker(95, "Carlos", "Gonzalez", ("METROLOGIA",), True),
    Worker(96, "Luis", "Soto", ("ARMADOR",), False),
)

SEED_SPOOLS = tuple(f"TEST-{number:02d}" for number in range(1, 21))


def active_worker(worker_id: int) -> Worker | None:
    """The active worker with this id, or None (unknown and inactive alike)."""
    return next((w for w in WORKERS if w.id == worker_id and w.activo), None)
