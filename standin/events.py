"""The spool_update payloads (contract A.12 with the right operacion), handed to the hub.

One method per event type, so a fault build can change exactly one of them.
"""

from datetime import date

from .clock import sheet_date, sheet_timestamp, utc_now
from .sheet import SpoolRow
from .states import operation_state
from .stream_hub import StreamHub


class SpoolEvents:
    def __init__(self, hub: StreamHub):
        self._hub = hub

    def payload(self, event_type: str, tag: str, worker_nombre: str | None, estado: str,
                **extras) -> dict:
        """Keys in the real order: event_type, tag_spool, worker_nombre, estado_detalle,
        timestamp (Santiago local), then the type's extras."""
        return {"event_type": event_type, "tag_spool": tag, "worker_nombre": worker_nombre,
                "estado_detalle": estado, "timestamp": sheet_timestamp(utc_now()), **extras}

    def publish(self, payload: dict) -> None:
        self._hub.publish(payload)

    def tomar(self, tag: str, worker_nombre: str, operacion: str) -> None:
        self.publish(self.payload("TOMAR", tag, worker_nombre,
                                  f"Ocupado por {worker_nombre} - {operacion}",
                                  operacion=operacion))

    def pausar(self, tag: str, operacion: str) -> None:
        self.publish(self.payload("PAUSAR", tag, None, f"{operacion} parcial (pausado)",
                                  operacion=operacion))

    def completar(self, tag: str, worker_nombre: str, operacion: str,
                  fecha_operacion: date) -> None:
        self.publish(self.payload("COMPLETAR", tag, worker_nombre,
                                  f"{operacion} completado - Disponible", operacion=operacion,
                                  fecha_operacion=sheet_date(fecha_operacion)))

    def state_change(self, row: SpoolRow, worker_nombre: str, operacion: str) -> None:
        self.publish(self.payload("STATE_CHANGE", row.tag_spool, worker_nombre,
                                  row.estado_detalle, operacion=operacion,
                                  arm_state=operation_state(row, "ARM"),
                                  sold_state=operation_state(row, "SOLD")))

    def verdict(self, row: SpoolRow, inspector_nombre: str, resultado: str) -> None:
        self.publish(self.payload("COMPLETAR_METROLOGIA", row.tag_spool, inspector_nombre,
                                  row.estado_detalle, resultado=resultado,
                                  operacion="METROLOGIA"))
