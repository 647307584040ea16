"""Sessions derived from the audit trail: TOMAR opens one, PAUSAR or COMPLETAR closes it."""

from datetime import datetime

from .audit import Action

CLOSING_ESTADO = {"PAUSAR": "PAUSADO", "COMPLETAR": "COMPLETADO"}


def _minutes_between(start: str, end: str) -> float:
    seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return round(max(seconds, 0) / 60, 2)


def sessions_from(actions: list[Action]) -> list[dict]:
    """Oldest first; an open session has no end, an instant METROLOGIA lasts zero minutes."""
    sessions: list[dict] = []
    open_session: dict | None = None
    for action in actions:
        if action.accion == "TOMAR":
            open_session = {
                "operacion": action.operacion, "worker_id": action.worker_id,
                "worker_nombre": action.worker_nombre, "start_time": action.timestamp,
                "end_time": None, "duration_minutes": None, "estado": "EN_PROGRESO",
            }
            sessions.append(open_session)
        elif action.operacion == "METROLOGIA":
            sessions.append({
                "operacion": "METROLOGIA", "worker_id": action.worker_id,
                "worker_nombre": action.worker_nombre, "start_time": action.timestamp,
                "end_time": action.timestamp, "duration_minutes": 0, "estado": "COMPLETADO",
                "resultado": action.resultado,
            })
        elif open_session is not None:
            open_session["end_time"] = action.timestamp
            open_session["duration_minutes"] = _minutes_between(open_session["start_time"], action.timestamp)
            open_session["estado"] = CLOSING_ESTADO[action.accion]
            open_session = None
    return sessions
