"""Audit trail (production's "Metadata" sheet) in SQLite: spools and an append-only action log.

History, spool state and the current holder are all derived from the log, so they keep
answering while Redis is down.
"""

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

OPERATIONS = ("ARM", "SOLD", "METROLOGIA")

SCHEMA = """
CREATE TABLE IF NOT EXISTS spools (
    tag_spool TEXT PRIMARY KEY,
    generation INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tag_spool TEXT NOT NULL REFERENCES spools(tag_spool),
    accion TEXT NOT NULL,
    operacion TEXT NOT NULL,
    worker_id INTEGER NOT NULL,
    worker_nombre TEXT NOT NULL,
    estado TEXT NOT NULL,
    resultado TEXT,
    fecha_operacion TEXT,
    timestamp TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_spool ON actions(tag_spool, id);
"""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Action:
    accion: str
    operacion: str
    worker_id: int
    worker_nombre: str
    estado: str
    timestamp: str
    resultado: str | None = None
    fecha_operacion: str | None = None


class AuditTrail:
    """Thread-safe SQLite store; one connection guarded by a lock."""

    def __init__(self, path: str = ":memory:"):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create_spools(self, tags) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR IGNORE INTO spools(tag_spool) VALUES (?)", [(t,) for t in tags]
            )

    def reset_spool(self, tag: str) -> int:
        """Create the spool, or empty its log; returns the new generation (stale locks are older)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR IGNORE INTO spools(tag_spool) VALUES (?)", (tag,))
            self._db.execute("DELETE FROM actions WHERE tag_spool = ?", (tag,))
            self._db.execute(
                "UPDATE spools SET generation = generation + 1 WHERE tag_spool = ?", (tag,)
            )
            (generation,) = self._db.execute(
                "SELECT generation FROM spools WHERE tag_spool = ?", (tag,)
            ).fetchone()
            self._db.execute("COMMIT")
        return generation

    def generation(self, tag: str) -> int | None:
        """The spool's generation, or None when the spool does not exist."""
        with self._lock:
            row = self._db.execute(
                "SELECT generation FROM spools WHERE tag_spool = ?", (tag,)
            ).fetchone()
        return None if row is None else row[0]

    def record(self, tag: str, action: Action) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO actions(tag_spool, accion, operacion, worker_id, worker_nombre,"
                " estado, resultado, fecha_operacion, timestamp) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    tag, action.accion, action.operacion, action.worker_id,
                    action.worker_nombre, action.estado, action.resultado,
                    action.fecha_operacion, action.timestamp,
                ),
            )

    def actions(self, tag: str) -> list[Action]:
        with self._lock:
            rows = self._db.execute(
                "SELECT accion, operacion, worker_id, worker_nombre, estado, timestamp,"
                " resultado, fecha_operacion FROM actions WHERE tag_spool = ? ORDER BY id",
                (tag,),
            ).fetchall()
        return [Action(*row) for row in rows]

    def operation_states(self, tag: str) -> dict[str, str]:
        """Each operation's estado: the estado of its latest action, else PENDIENTE."""
        states = dict.fromkeys(OPERATIONS, "PENDIENTE")
        for action in self.actions(tag):
            states[action.operacion] = action.estado
        return states

    def holder(self, tag: str) -> Action | None:
        """The TOMAR that still holds the spool, if the latest action is one."""
        actions = self.actions(tag)
        if actions and actions[-1].accion == "TOMAR":
            return actions[-1]
        return None
