"""Operation states derived from a spool's row, and the Estado_Detalle text built from them.

ARM (SOLD alike): `completado` if its date is set; else `en_progreso` if Ocupado_Por is set
for it (also after the lock lapsed, as on the real API); else `pausado` if its worker is set;
else `pendiente`. METROLOGIA and REPARACION are `en_progreso` while held for them.
"""

from .sheet import SpoolRow

PENDIENTE, EN_PROGRESO, PAUSADO, COMPLETADO = "pendiente", "en_progreso", "pausado", "completado"

DISPLAY = {EN_PROGRESO: "en progreso"}
VERDICT_SUFFIX = {"APROBADO": "METROLOGIA APROBADO ✓",
                  "RECHAZADO": "METROLOGIA RECHAZADO - Pendiente reparación"}


def held_for(row: SpoolRow, operacion: str) -> bool:
    return bool(row.ocupado_por) and row.operacion_actual == operacion


def operation_state(row: SpoolRow, operacion: str) -> str:
    if operacion == "ARM":
        return _worked_state(row, "ARM", row.fecha_armado, row.armador)
    if operacion == "SOLD":
        return _worked_state(row, "SOLD", row.fecha_soldadura, row.soldador)
    if held_for(row, operacion):
        return EN_PROGRESO
    if operacion == "METROLOGIA" and row.verdict:
        return row.verdict.lower()
    return PENDIENTE


def _worked_state(row: SpoolRow, operacion: str, done_on, worker) -> str:
    if done_on:
        return COMPLETADO
    if held_for(row, operacion):
        return EN_PROGRESO
    return PAUSADO if worker else PENDIENTE


def _display(state: str) -> str:
    return DISPLAY.get(state, state)


def estado_detalle(row: SpoolRow) -> str:
    """`MR(93) trabajando ARM (ARM en progreso, SOLD pendiente)` while held,
    `Disponible - ARM pausado, SOLD pendiente` when free, then the verdict if there is one."""
    arm, sold = (_display(operation_state(row, operacion)) for operacion in ("ARM", "SOLD"))
    if row.ocupado_por:
        text = f"{row.ocupado_por} trabajando {row.operacion_actual} (ARM {arm}, SOLD {sold})"
    else:
        text = f"Disponible - ARM {arm}, SOLD {sold}"
    if row.verdict:
        text += f", {VERDICT_SUFFIX[row.verdict]}"
    return text
