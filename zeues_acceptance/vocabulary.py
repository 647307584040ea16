"""The shop's words as the feature files say them, and what each means in ZEUES v3.0."""

from zeues_acceptance.refusals import REFUSALS
from zeues_acceptance.spool_state import COMPLETE, IN_PROGRESS, PAUSED, PENDING

STATE_WORDS = {
    PENDING: "nobody has started it (no worker, no date)",
    IN_PROGRESS: "started and held: its worker is set, its date is not, someone holds the spool",
    PAUSED: "started and let go: its worker is set, its date is not, nobody works on it",
    COMPLETE: "its date is set",
}

REFUSAL_WORDS = {
    words: f"{refusal.status}" + (f" {refusal.code}" if refusal.code else "")
    + (f", the API's words contain \"{refusal.text}\"" if refusal.text else "")
    for words, refusal in REFUSALS.items()
}

OPERATIONS = ("ARM", "SOLD", "METROLOGIA")
VERDICTS = ("APROBADO", "RECHAZADO")
