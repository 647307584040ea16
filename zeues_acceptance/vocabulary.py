"""The shop's words as the feature files say them, mapped to the contract's values."""

from datetime import date

STATE_WORDS = {
    "pending": "PENDIENTE",
    "in progress": "EN_PROGRESO",
    "paused": "PAUSADO",
    "complete": "COMPLETADO",
    "approved": "APROBADO",
    "rejected": "RECHAZADO",
}

# Why an action was refused, in words, and the contract's code and status for it.
REFUSALS = {
    "the spool is unknown": ("SPOOL_NOT_FOUND", 404),
    "the worker is unknown": ("WORKER_NOT_FOUND", 404),
    "the worker is not active": ("WORKER_NOT_FOUND", 404),
    "another worker holds the spool": ("NOT_OWNER", 403),
    "the spool is occupied": ("SPOOL_OCCUPIED", 409),
    "the spool is not occupied": ("SPOOL_NOT_OCCUPIED", 409),
    "the operation is already complete": ("OPERATION_COMPLETED", 409),
    "the verdict is already recorded": ("OPERATION_COMPLETED", 409),
    "the previous operation is not complete": ("DEPENDENCY_NOT_MET", 409),
    "Redis is unavailable": ("REDIS_UNAVAILABLE", 503),
}

ACTIONS = {"takes": "TOMAR", "take": "TOMAR", "pauses": "PAUSAR", "pause": "PAUSAR",
           "completes": "COMPLETAR", "complete": "COMPLETAR"}


def today() -> str:
    return date.today().isoformat()
