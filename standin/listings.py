"""The read-only spool lists (contract A.8); none of them touches Redis.

`iniciar` and `completar` filter exactly as the real API does, `operacion` case-insensitive,
with its `filtro_aplicado` texts and its uninformative Spool keys. Where the contract says
little, the stand-in chooses what the real code plausibly does:

* `GET /api/spools/cancelar?operacion&worker_id` lists the spools whose ARM (SOLD) the worker
  started and has not finished: `Armador` (`Soldador`) set and ending in `(<worker_id>)`, its
  date empty, held or not. `operacion` is ARM or SOLD in any case (METROLOGIA and REPARACION
  are read as SOLD, as `completar` does); anything else is 400
  `"Operación inválida '<x>'. Debe ser ARM o SOLD."`. `filtro_aplicado` is
  `"ARM - Armador lleno Y Fecha_Armado vacía Y worker_id=<id>"` (`SOLD - Soldador lleno Y
  Fecha_Soldadura vacía Y worker_id=<id>`).
* `GET /api/spools/reparacion` lists the unoccupied spools whose Estado_Detalle contains
  RECHAZADO or BLOQUEADO (a RECHAZADO verdict puts it there) as
  `{"spools": [{"tag_spool", "estado_detalle", "fecha_rechazo" (Fecha_QC_Metrología,
  YYYY-MM-DD), "cycle" (n of "Ciclo n/3" in Estado_Detalle, else 0; 3 when BLOQUEADO),
  "bloqueado" (cycle >= 3)}], "total", "bloqueados", "filtro_aplicado":
  "RECHAZADO + BLOQUEADO visibles (no ocupados)"}`.
"""

import re

from . import errors
from .clock import sheet_timestamp
from .request_models import ActionType
from .sheet import Sheet, SpoolRow

MAX_REPAIR_CYCLES = 3
CYCLE_PATTERN = re.compile(r"Ciclo (\d+)/3")
INICIAR_FILTERS = {
    "ARM": "ARM - Fecha_Materiales llena Y Armador vacío",
    "SOLD": "SOLD - Fecha_Armado llena Y Soldador vacío",
    "METROLOGIA": "METROLOGIA - Fecha_Soldadura llena Y Fecha_QC_Metrología vacía",
}
COMPLETAR_FILTERS = {
    "ARM": "ARM - Armador lleno Y Fecha_Armado vacía",
    "SOLD": "SOLD - Soldador lleno Y Fecha_Soldadura vacía",
}


def spool_object(row: SpoolRow) -> dict:
    """The 15-key Spool of the listings: arm/sold, proyecto, fecha_ocupacion, estado_detalle
    and version are constants on the real API, and so they are here."""
    return {
        "tag_spool": row.tag_spool, "nv": row.nv, "arm": "PENDIENTE", "sold": "PENDIENTE",
        "fecha_materiales": row.fecha_materiales, "fecha_armado": row.fecha_armado,
        "fecha_soldadura": row.fecha_soldadura, "fecha_qc_metrologia": row.fecha_qc_metrologia,
        "armador": row.armador, "soldador": row.soldador, "proyecto": None,
        "ocupado_por": row.ocupado_por, "fecha_ocupacion": None, "version": 0,
        "estado_detalle": None,
    }


def _operation(operacion: str, expected: str) -> str:
    try:
        return ActionType(operacion.upper()).value
    except ValueError:
        raise errors.DetailError(
            400, f"Operación inválida '{operacion}'. Debe ser {expected}.") from None


def _listing(rows: list[SpoolRow], filtro: str) -> dict:
    return {"spools": [spool_object(row) for row in rows], "total": len(rows),
            "filtro_aplicado": filtro}


class Listings:
    def __init__(self, sheet: Sheet):
        self._sheet = sheet

    def iniciar(self, operacion: str) -> dict:
        operacion = _operation(operacion, "ARM, SOLD o METROLOGIA")
        rows = self._sheet.rows()
        if operacion == "ARM":
            chosen = [r for r in rows if r.fecha_materiales and not r.ocupado_por]
        elif operacion == "SOLD":
            chosen = [r for r in rows if r.fecha_armado and not r.ocupado_por]
        else:  # METROLOGIA and REPARACION: held or not
            chosen = [r for r in rows if r.fecha_soldadura and not r.fecha_qc_metrologia]
            operacion = "METROLOGIA"
        return _listing(chosen, INICIAR_FILTERS[operacion])

    def completar(self, operacion: str) -> dict:
        """worker_nombre is required by the route but filters nothing, as on the real API."""
        if _operation(operacion, "ARM o SOLD") == "ARM":
            chosen = [r for r in self._sheet.rows() if r.armador and not r.fecha_armado]
            return _listing(chosen, COMPLETAR_FILTERS["ARM"])
        chosen = [r for r in self._sheet.rows() if r.soldador and not r.fecha_soldadura]
        return _listing(chosen, COMPLETAR_FILTERS["SOLD"])

    def cancelar(self, operacion: str, worker_id: int) -> dict:
        mark = f"({worker_id})"
        if _operation(operacion, "ARM o SOLD") == "ARM":
            chosen = [r for r in self._sheet.rows()
                      if r.armador and r.armador.endswith(mark) and not r.fecha_armado]
            return _listing(chosen, f"{COMPLETAR_FILTERS['ARM']} Y worker_id={worker_id}")
        chosen = [r for r in self._sheet.rows()
                  if r.soldador and r.soldador.endswith(mark) and not r.fecha_soldadura]
        return _listing(chosen, f"{COMPLETAR_FILTERS['SOLD']} Y worker_id={worker_id}")

    def reparacion(self) -> dict:
        spools = [self._repair_entry(row) for row in self._sheet.rows()
                  if not row.ocupado_por and row.estado_detalle
                  and ("RECHAZADO" in row.estado_detalle or "BLOQUEADO" in row.estado_detalle)]
        return {"spools": spools, "total": len(spools),
                "bloqueados": sum(spool["bloqueado"] for spool in spools),
                "filtro_aplicado": "RECHAZADO + BLOQUEADO visibles (no ocupados)"}

    @staticmethod
    def _repair_entry(row: SpoolRow) -> dict:
        if "BLOQUEADO" in row.estado_detalle:
            cycle = MAX_REPAIR_CYCLES
        else:
            match = CYCLE_PATTERN.search(row.estado_detalle)
            cycle = int(match.group(1)) if match else 0
        return {"tag_spool": row.tag_spool, "estado_detalle": row.estado_detalle,
                "fecha_rechazo": row.fecha_qc_metrologia, "cycle": cycle,
                "bloqueado": cycle >= MAX_REPAIR_CYCLES}

    def occupied(self) -> list[dict]:
        """The dashboard: held spools, last row first."""
        return [{"tag_spool": row.tag_spool, "worker_nombre": row.ocupado_por,
                 "estado_detalle": row.estado_detalle or "N/A",
                 "fecha_ocupacion": sheet_timestamp(row.fecha_ocupacion)}
                for row in reversed(self._sheet.rows()) if row.ocupado_por]
