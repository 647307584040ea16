"""The instant METROLOGIA verdict (contract A.5's designed order). It takes no Redis lock, so
it works while Redis is down; it refuses a spool someone holds in the sheet."""

from . import errors
from .clock import santiago_today, utc_now, whole_seconds
from .events import SpoolEvents
from .reference import ReferenceWorker, active_worker
from .request_models import CompletarMetrologiaRequest
from .sheet import MetadataRow, Sheet, SpoolRow
from .states import estado_detalle

DEPENDENCIES = (
    ("fecha_armado", "ARM completado", "Armado debe finalizar antes de metrología"),
    ("fecha_soldadura", "SOLD completado", "Soldadura debe finalizar antes de metrología"),
)


class Metrologia:
    def __init__(self, sheet: Sheet, events: SpoolEvents):
        self._sheet = sheet
        self._events = events

    def completar(self, request: CompletarMetrologiaRequest) -> dict:
        """Inspector -> spool -> ARM, then SOLD complete -> not inspected -> free -> 200."""
        inspector = self._find_inspector(request.worker_id)
        tag, resultado = request.tag_spool, request.resultado.value
        with self._sheet.guard(tag):
            row = self._sheet.row(tag)
            if row is None:
                raise errors.zeus_spool_not_found(tag)
            self._check_ready(row)
            row = row.edited(fecha_qc_metrologia=santiago_today(), verdict=resultado)
            row = row.edited(estado_detalle=estado_detalle(row))
            self._sheet.write(row)
            self._sheet.log(tag, MetadataRow(
                "COMPLETAR_METROLOGIA", "METROLOGIA", inspector.id, inspector.nombre_completo,
                whole_seconds(utc_now()), {"resultado": resultado}))
            self._events.verdict(row, inspector.nombre_completo, resultado)
        return {"success": True, "tag_spool": tag, "resultado": resultado,
                "estado_detalle": row.estado_detalle,
                "message": f"Metrología {resultado.lower()} para spool {tag}"}

    @staticmethod
    def _find_inspector(worker_id: int) -> ReferenceWorker:
        """Any active worker may inspect: roles are not checked, as on the real API."""
        inspector = active_worker(worker_id)
        if inspector is None:
            raise errors.zeus_worker_not_found(worker_id)
        return inspector

    @staticmethod
    def _check_ready(row: SpoolRow) -> None:
        tag = row.tag_spool
        for column, missing, reason in DEPENDENCIES:
            if getattr(row, column) is None:
                raise errors.ZeusError(
                    400, "DEPENDENCIAS_NO_SATISFECHAS",
                    f"No se puede iniciar METROLOGIA en spool '{tag}': falta {missing} ({reason})",
                    {"tag_spool": tag, "operacion": "METROLOGIA",
                     "dependencia_faltante": missing})
        if row.verdict or row.fecha_qc_metrologia:
            raise errors.ZeusError(
                400, "OPERACION_YA_COMPLETADA",
                f"La operación METROLOGIA del spool '{tag}' ya fue completada. Contacta al "
                "administrador si necesitas hacer correcciones.",
                {"tag_spool": tag, "operacion": "METROLOGIA"})
        if row.ocupado_por:
            raise errors.ZeusError(
                409, "SPOOL_OCCUPIED",
                f"El spool '{tag}' ya está ocupado por {row.ocupado_por} (ID: {row.holder_id}). "
                "Espera a que termine o elige otro spool.",
                {"tag_spool": tag, "owner_id": row.holder_id, "owner_name": row.ocupado_por})
