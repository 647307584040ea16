"""The occupation rules: TOMAR, PAUSAR, COMPLETAR, in the contract's check order.

Every state change on a spool happens while its Redis lock is held, and the holder's own
PAUSAR and COMPLETAR are serialized per spool, so the audit trail records one at a time.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import errors
from .audit import Action, AuditTrail, utc_now
from .events import SpoolUpdates
from .redis_store import LockHolder, SpoolLocks
from .reference import active_worker

DEPENDS_ON = {"SOLD": "ARM", "METROLOGIA": "SOLD"}


@dataclass(frozen=True)
class Outcome:
    tag_spool: str
    worker_id: int
    operacion: str
    estado: str
    message: str

    def body(self) -> dict:
        return {"success": True, **self.__dict__}


class Occupation:
    def __init__(self, audit: AuditTrail, locks: SpoolLocks, updates: SpoolUpdates):
        self._audit = audit
        self._locks = locks
        self._updates = updates
        self._guards_lock = threading.Lock()
        self._spool_guards: dict[str, threading.Lock] = {}

    def tomar(self, tag: str, worker_id: int, worker_nombre: str, operacion: str) -> Outcome:
        generation = self._require_spool_and_worker(tag, worker_id)
        holder = LockHolder(worker_id, worker_nombre, operacion, utc_now(), generation)
        self._take_or_raise(tag, holder)
        try:
            states = self._audit.operation_states(tag)
            self._require_dependency(states, operacion)
            if states[operacion] == "COMPLETADO":
                raise errors.OperationCompleted(f"{operacion} of {tag} is already COMPLETADO")
            self._record(tag, "TOMAR", holder, "EN_PROGRESO")
        except BaseException:
            self._locks.release(tag, holder)
            raise
        return Outcome(tag, worker_id, operacion, "EN_PROGRESO", f"{worker_nombre} took {tag} for {operacion}")

    def pausar(self, tag: str, worker_id: int, worker_nombre: str, operacion: str) -> Outcome:
        with self._holder_acts_alone(tag):
            holder = self._held_by(tag, worker_id, operacion)
            self._record(tag, "PAUSAR", holder, "PAUSADO", worker_nombre=worker_nombre)
            self._locks.release(tag, holder)
        return Outcome(tag, worker_id, operacion, "PAUSADO", f"{worker_nombre} paused {operacion} on {tag}")

    def completar(
        self, tag: str, worker_id: int, worker_nombre: str, operacion: str,
        fecha_operacion: str, resultado: str | None,
    ) -> Outcome:
        if operacion == "METROLOGIA":
            return self._instant_metrologia(tag, worker_id, worker_nombre, fecha_operacion, resultado)
        with self._holder_acts_alone(tag):
            holder = self._held_by(tag, worker_id, operacion)
            self._record(tag, "COMPLETAR", holder, "COMPLETADO", worker_nombre=worker_nombre,
                         fecha_operacion=fecha_operacion)
            self._locks.release(tag, holder)
        return Outcome(tag, worker_id, operacion, "COMPLETADO", f"{worker_nombre} completed {operacion} on {tag}")

    @contextmanager
    def _holder_acts_alone(self, tag: str) -> Iterator[None]:
        """A PAUSAR racing a COMPLETAR by the same holder: the second one finds the spool free."""
        with self._guards_lock:
            guard = self._spool_guards.setdefault(tag, threading.Lock())
        with guard:
            yield

    def _instant_metrologia(self, tag, worker_id, worker_nombre, fecha_operacion, resultado) -> Outcome:
        generation = self._require_spool_and_worker(tag, worker_id)
        holder = LockHolder(worker_id, worker_nombre, "METROLOGIA", utc_now(), generation)
        self._take_or_raise(tag, holder)
        try:
            states = self._audit.operation_states(tag)
            self._require_dependency(states, "METROLOGIA")
            if states["METROLOGIA"] != "PENDIENTE":
                raise errors.OperationCompleted(f"{tag} already has a METROLOGIA verdict")
            self._record(tag, "COMPLETAR", holder, resultado, resultado=resultado,
                         fecha_operacion=fecha_operacion)
        finally:
            self._locks.release(tag, holder)
        return Outcome(tag, worker_id, "METROLOGIA", resultado, f"METROLOGIA of {tag}: {resultado}")

    def _require_spool_and_worker(self, tag: str, worker_id: int) -> int:
        generation = self._audit.generation(tag)
        if generation is None:
            raise errors.SpoolNotFound(f"Spool {tag} not found")
        if active_worker(worker_id) is None:
            raise errors.WorkerNotFound(f"Worker {worker_id} not found or not active")
        return generation

    @staticmethod
    def _require_dependency(states: dict[str, str], operacion: str) -> None:
        before = DEPENDS_ON.get(operacion)
        if before and states[before] != "COMPLETADO":
            raise errors.DependencyNotMet(f"{operacion} needs {before} COMPLETADO first")

    def _take_or_raise(self, tag: str, holder: LockHolder) -> None:
        if self._locks.try_take(tag, holder):
            recorded = self._audit.holder(tag)
            if recorded is None:
                return
            # Redis lost the lock (restart without persistence): give it back to its holder.
            self._locks.release(tag, holder)
            self._locks.try_take(tag, self._holder_from(recorded, holder.generation))
            raise errors.SpoolOccupied(f"Spool {tag} is occupied by worker {recorded.worker_id}")
        current = self._current_holder(tag, holder.generation)
        if current is None and self._locks.try_take(tag, holder):
            return
        who = current.worker_id if current else "another worker"
        raise errors.SpoolOccupied(f"Spool {tag} is occupied by worker {who}")

    def _held_by(self, tag: str, worker_id: int, operacion: str) -> LockHolder:
        generation = self._require_spool_and_worker(tag, worker_id)
        current = self._current_holder(tag, generation)
        if current is None:
            raise errors.SpoolNotOccupied(f"Spool {tag} is not occupied")
        if current.worker_id != worker_id:
            raise errors.NotOwner(f"Spool {tag} is held by worker {current.worker_id}")
        if current.operacion != operacion:
            raise errors.SpoolNotOccupied(f"{operacion} of {tag} is not occupied")
        return current

    def _current_holder(self, tag: str, generation: int) -> LockHolder | None:
        """The lock's holder; a lock older than the spool's last reset is stale and cleared,
        and a lock Redis lost is restored from the audit trail."""
        current = self._locks.current(tag)
        if current is not None and current.generation < generation:
            self._locks.release(tag, current)
            current = None
        if current is None:
            recorded = self._audit.holder(tag)
            if recorded is not None:
                restored = self._holder_from(recorded, generation)
                if self._locks.try_take(tag, restored):
                    return restored
                return self._locks.current(tag)
        return current

    @staticmethod
    def _holder_from(action: Action, generation: int) -> LockHolder:
        return LockHolder(action.worker_id, action.worker_nombre, action.operacion,
                          action.timestamp, generation)

    def _record(self, tag: str, accion: str, holder: LockHolder, estado: str, *,
                worker_nombre: str | None = None, resultado: str | None = None,
                fecha_operacion: str | None = None) -> None:
        action = Action(accion, holder.operacion, holder.worker_id,
                        worker_nombre or holder.worker_nombre, estado, utc_now(),
                        resultado, fecha_operacion)
        self._audit.record(tag, action)
        self._updates.publish({
            "tag_spool": tag, "operacion": action.operacion, "accion": accion,
            "worker_id": action.worker_id, "estado": estado, "timestamp": action.timestamp,
        })
