"""TOMAR, PAUSAR, COMPLETAR and batch TOMAR in contract D's check orders, with the fixes.

Each action runs under its spool's guard: checks, lock and writes are atomic per spool and
events of one spool go out in order. The steps are small methods so that a fault build can
replace exactly one of them: a subclass, built from app.state's sheet, locks and events,
swapped into app.state.occupation.
"""

from datetime import date, datetime

from redis.exceptions import RedisError

from . import errors
from .clock import utc_now, whole_seconds
from .events import SpoolEvents
from .locks import HeldLock, SpoolLocks
from .request_models import BatchTomarRequest, CompletarRequest, PausarRequest, TomarRequest
from .sheet import MetadataRow, Sheet, SpoolRow
from .states import COMPLETADO, EN_PROGRESO, PENDIENTE, estado_detalle, operation_state

UNLOGGED_OPERATIONS = {"REPARACION"}  # the real audit model rejects it: never in Metadata
TAKE_ATTEMPTS = 3


def occupation_body(tag: str, message: str) -> dict:
    return {"success": True, "tag_spool": tag, "message": message}


class Occupation:
    def __init__(self, sheet: Sheet, locks: SpoolLocks, events: SpoolEvents):
        self._sheet = sheet
        self._locks = locks
        self._events = events

    # TOMAR: 422 -> 404 -> 400 materials -> 503 -> 409 -> 400 state (lock given back) -> 200

    def tomar(self, request: TomarRequest) -> dict:
        tag, operacion = request.tag_spool, request.operacion.value
        with self._sheet.guard(tag):
            row = self._existing_row(tag)
            self._require_materials(row, operacion)
            lock = self._take_lock(tag, request.worker_id)
            try:
                self._tomar_state_step(row, request)
            except errors.ApiError:
                self._rollback_tomar(tag, lock)
                raise
            now = whole_seconds(utc_now())
            self._write_tomar(row, request, now)
            self._log(tag, "TOMAR_SPOOL", request, now)
            self._events.tomar(tag, request.worker_nombre, operacion)
        return occupation_body(tag, f"Spool {tag} tomado por {request.worker_nombre}")

    def _existing_row(self, tag: str) -> SpoolRow:
        row = self._sheet.row(tag)
        if row is None:
            raise errors.spool_not_found(tag)
        return row

    @staticmethod
    def _require_materials(row: SpoolRow, operacion: str) -> None:
        if row.fecha_materiales is None:
            raise errors.missing_materials(row.tag_spool, operacion)

    def _take_lock(self, tag: str, worker_id: int) -> HeldLock:
        """SET NX; when it fails, name the holder (409). A lock that lapses between the SET
        and the GET is simply taken on the next attempt."""
        for _ in range(TAKE_ATTEMPTS):
            lock = self._locks.try_take(tag, worker_id)
            if lock is not None:
                return lock
            holder = self._locks.holder(tag)
            if holder is not None:
                raise errors.spool_occupied(tag, holder.worker_id)
        raise errors.redis_unavailable(RedisError(f"lock of {tag} keeps changing hands"))

    def _tomar_state_step(self, row: SpoolRow, request: TomarRequest) -> None:
        """Refusals after the lock was taken: finished work (R13), SOLD before ARM (R14)."""
        operacion = request.operacion.value
        if operacion in ("ARM", "SOLD") and operation_state(row, operacion) == COMPLETADO:
            raise errors.already_completed(operacion)
        self._check_arm_started(row, operacion)

    @staticmethod
    def _check_arm_started(row: SpoolRow, operacion: str) -> None:
        if operacion == "SOLD" and operation_state(row, "ARM") == PENDIENTE:
            raise errors.arm_not_started(row.tag_spool)

    def _rollback_tomar(self, tag: str, lock: HeldLock) -> None:
        """A refused TOMAR leaves no lock behind (R21)."""
        self._locks.release(tag, lock)

    def _write_tomar(self, row: SpoolRow, request: TomarRequest, now: datetime) -> SpoolRow:
        operacion = request.operacion.value
        row = row.edited(ocupado_por=request.worker_nombre, fecha_ocupacion=now,
                         operacion_actual=operacion, holder_id=request.worker_id,
                         **self._worker_columns(row, operacion, request.worker_nombre))
        return self._write(row)

    @staticmethod
    def _worker_columns(row: SpoolRow, operacion: str, worker_nombre: str) -> dict:
        """The first take records Armador (Soldador); a resume keeps who started (R16)."""
        if operacion == "ARM" and not row.armador:
            return {"armador": worker_nombre}
        if operacion == "SOLD" and not row.soldador:
            return {"soldador": worker_nombre}
        return {}

    # PAUSAR: 422 -> 404 -> 400 state -> 503 -> 410 -> 403 -> 200

    def pausar(self, request: PausarRequest) -> dict:
        tag, operacion = request.tag_spool, request.operacion.value
        with self._sheet.guard(tag):
            row = self._existing_row(tag)
            self._check_pausar_state(row, operacion)
            self._release(tag, self._lock_of_holder(tag, request, "PAUSAR"))
            now = whole_seconds(utc_now())
            self._write_freed(row)
            self._log(tag, "PAUSAR_SPOOL", request, now)
            self._events.pausar(tag, operacion)
        return occupation_body(tag, f"Trabajo pausado en {tag}")

    @staticmethod
    def _check_pausar_state(row: SpoolRow, operacion: str) -> None:
        """Only the operation being worked can be paused (R15)."""
        state = operation_state(row, operacion)
        if state != EN_PROGRESO:
            raise errors.wrong_state("PAUSAR", operacion, state)

    def _lock_of_holder(self, tag: str, request, action: str) -> HeldLock:
        lock = self._locks.holder(tag)
        if lock is None:
            raise errors.lock_expired(tag)
        if lock.worker_id != request.worker_id:
            raise errors.not_the_holder(tag, lock.worker_id, action, request.worker_nombre)
        return lock

    def _release(self, tag: str, lock: HeldLock) -> None:
        """Released before the sheet is written: a lock that lapsed just now writes nothing."""
        if not self._locks.release(tag, lock):
            raise errors.lock_expired(tag)

    def _write_freed(self, row: SpoolRow, **changes) -> SpoolRow:
        return self._write(row.edited(ocupado_por=None, fecha_ocupacion=None,
                                      operacion_actual=None, holder_id=None, **changes))

    # COMPLETAR: 422 -> 404 -> 503 -> 410 -> 403 -> 400 state -> 200

    def completar(self, request: CompletarRequest) -> dict:
        tag, operacion = request.tag_spool, request.operacion.value
        with self._sheet.guard(tag):
            row = self._spool_to_complete(tag)
            lock = self._lock_of_holder(tag, request, "COMPLETAR")
            self._check_completar_state(row, operacion)
            self._release(tag, lock)
            row = self._complete_operation(row, request, whole_seconds(utc_now()))
            self._transition_after_completion(row, request)
        return occupation_body(tag, f"Operación completada en {tag}")

    def _spool_to_complete(self, tag: str) -> SpoolRow:
        """An unknown spool is 404 before any lock is read (R4)."""
        return self._existing_row(tag)

    @staticmethod
    def _check_completar_state(row: SpoolRow, operacion: str) -> None:
        state = operation_state(row, operacion)
        if state != EN_PROGRESO:
            raise errors.wrong_state("COMPLETAR", operacion, state)

    def _complete_operation(self, row: SpoolRow, request: CompletarRequest,
                            now: datetime) -> SpoolRow:
        """Write the operation's own date (R17), free the spool, log and announce it."""
        operacion = request.operacion.value
        row = self._write_freed(row, **self._completion_columns(operacion,
                                                                request.fecha_operacion))
        self._log(row.tag_spool, self._completion_event_type(operacion), request, now)
        self._events.completar(row.tag_spool, request.worker_nombre, operacion,
                               request.fecha_operacion)
        return row

    @staticmethod
    def _completion_columns(operacion: str, fecha_operacion: date) -> dict:
        """METROLOGIA and REPARACION on this route only take and release the lock."""
        return {"ARM": {"fecha_armado": fecha_operacion},
                "SOLD": {"fecha_soldadura": fecha_operacion}}.get(operacion, {})

    @staticmethod
    def _completion_event_type(operacion: str) -> str:
        return f"COMPLETAR_{operacion}"

    def _transition_after_completion(self, row: SpoolRow, request: CompletarRequest) -> None:
        self._events.state_change(row, request.worker_nombre, request.operacion.value)

    # batch TOMAR: each tag a whole TOMAR; always 200 with one detail per tag

    def batch_tomar(self, request: BatchTomarRequest) -> dict:
        details = [self._batch_item(tag, request) for tag in request.tag_spools]
        succeeded = sum(detail["success"] for detail in details)
        return {"total": len(details), "succeeded": succeeded,
                "failed": len(details) - succeeded, "details": details}

    def _batch_item(self, tag: str, request: BatchTomarRequest) -> dict:
        single = TomarRequest.model_construct(  # the list's items are any strings, even ""
            tag_spool=tag, worker_id=request.worker_id, worker_nombre=request.worker_nombre,
            operacion=request.operacion)
        try:
            return self.tomar(single)
        except errors.DetailError as error:
            prefix = "Spool ya ocupado: " if error.status == 409 else "Error: "
            return {"success": False, "tag_spool": tag, "message": prefix + error.detail}
        except RedisError as error:
            return {"success": False, "tag_spool": tag,
                    "message": "Error: " + errors.redis_unavailable(error).detail}

    # the sheet

    def _write(self, row: SpoolRow) -> SpoolRow:
        row = row.edited(estado_detalle=estado_detalle(row))
        self._sheet.write(row)
        return row

    def _log(self, tag: str, evento_tipo: str, request, now: datetime) -> None:
        operacion = request.operacion.value
        if operacion not in UNLOGGED_OPERATIONS:
            self._sheet.log(tag, MetadataRow(evento_tipo, operacion, request.worker_id,
                                             request.worker_nombre, now))
