"""Why an action is refused, in the shop's words, and how ZEUES v3.0 says it (contract A).

Occupation routes refuse in the detail family (F1), the verdict route and history in the
ZEUS envelope (F2); a reason is recognised by its status and the API's own words.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    key: str
    words: str  # as the feature files say it
    status: int
    text: str = ""  # a fragment of the F1 detail or F2 message that names this reason
    code: str | None = None  # the F2 code, where the route answers in that family

    def matches(self, response) -> bool:
        if response.status != self.status:
            return False
        if response.error_code is not None and response.error_code != self.code:
            return False
        return self.text in response.detail


REFUSALS = {refusal.words: refusal for refusal in (
    Refusal("unknown spool", "the spool is unknown", 404, "no encontrado", "SPOOL_NO_ENCONTRADO"),
    Refusal("not holder", "another worker holds the spool", 403, "Solo Worker"),
    Refusal("occupied", "the spool is occupied", 409, "ya está ocupado", "SPOOL_OCCUPIED"),
    Refusal("not in progress", "nobody is working on that operation", 400,
            "is only allowed from 'en_progreso'"),
    Refusal("no lock", "nobody holds the spool", 410, "expiró"),
    Refusal("already complete", "the operation is already complete", 400, "already completed"),
    Refusal("assembly not started", "assembly has not started", 400, "falta ARM iniciado"),
    Refusal("no materials", "the spool has no materials", 400, "falta Fecha_Materiales"),
    Refusal("assembly not complete", "assembly is not complete", 400, "falta ARM completado",
            "DEPENDENCIAS_NO_SATISFECHAS"),
    Refusal("welding not complete", "welding is not complete", 400, "falta SOLD completado",
            "DEPENDENCIAS_NO_SATISFECHAS"),
    Refusal("verdict recorded", "the verdict is already recorded", 400, "ya fue completada",
            "OPERACION_YA_COMPLETADA"),
    Refusal("inactive inspector", "the inspector is not an active worker", 404,
            "no encontrado o inactivo", "WORKER_NO_ENCONTRADO"),
    Refusal("redis unavailable", "Redis is unavailable", 503, "Redis service unavailable"),
)}
