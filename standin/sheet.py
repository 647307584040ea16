"""The stand-in's Operaciones and Metadata sheets: in process memory, guarded by locks.

Rows are immutable snapshots replaced whole, so a reader never sees half a write; an action
on a spool runs under that spool's guard, so its checks and writes are atomic per spool.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime


@dataclass(frozen=True)
class SpoolRow:
    """One Operaciones row. `operacion_actual` and `holder_id` say what Ocupado_Por is
    working on and under which worker id; the real sheet keeps them in Estado_Detalle."""

    tag_spool: str
    nv: str | None = None
    fecha_materiales: date | None = None
    armador: str | None = None
    fecha_armado: date | None = None
    soldador: str | None = None
    fecha_soldadura: date | None = None
    fecha_qc_metrologia: date | None = None
    verdict: str | None = None
    ocupado_por: str | None = None
    fecha_ocupacion: datetime | None = None
    operacion_actual: str | None = None
    holder_id: int | None = None
    estado_detalle: str | None = None

    def edited(self, **changes) -> "SpoolRow":
        return replace(self, **changes)


@dataclass(frozen=True)
class MetadataRow:
    """One audit event: TOMAR_SPOOL, PAUSAR_SPOOL, COMPLETAR_ARM/SOLD/METROLOGIA."""

    evento_tipo: str
    operacion: str
    worker_id: int
    worker_nombre: str
    at: datetime  # aware, whole seconds, as the sheet stores it
    details: dict = field(default_factory=dict)


class Sheet:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, SpoolRow] = {}  # insertion order is the sheet's row order
        self._guards: dict[str, threading.Lock] = {}
        self._metadata: dict[str, list[MetadataRow]] = {}

    def row(self, tag: str) -> SpoolRow | None:
        with self._lock:
            return self._rows.get(tag)

    def rows(self) -> list[SpoolRow]:
        with self._lock:
            return list(self._rows.values())

    @contextmanager
    def guard(self, tag: str) -> Iterator[None]:
        """Hold the spool's guard for a whole action. An unknown tag gets a lock of its own
        that is not kept: its action only answers 404, and fuzzed tags must not pile up."""
        with self._lock:
            lock = self._guards.get(tag) or threading.Lock()
        with lock:
            yield

    def write(self, row: SpoolRow) -> None:
        with self._lock:
            if row.tag_spool not in self._rows:
                raise KeyError(row.tag_spool)
            self._rows[row.tag_spool] = row

    def put_fresh(self, row: SpoolRow) -> None:
        """Create the row, or replace it and empty its Metadata (test support's reset);
        the caller holds the spool's guard."""
        with self._lock:
            self._guards.setdefault(row.tag_spool, threading.Lock())
            self._rows[row.tag_spool] = row
            self._metadata[row.tag_spool] = []

    def log(self, tag: str, event: MetadataRow) -> None:
        with self._lock:
            self._metadata.setdefault(tag, []).append(event)

    def metadata(self, tag: str) -> list[MetadataRow]:
        with self._lock:
            return list(self._metadata.get(tag, ()))
