"""Work sessions of a spool, built from its Metadata rows (contract A.6, with the fixes).

A TOMAR_SPOOL opens a session; PAUSAR_SPOOL closes the open one; COMPLETAR_<OP> closes the
open session of its own operation; a TOMAR that finds one open appends it open and starts a
new one. Verdicts never appear. Times carry America/Santiago's true offset.
"""

from datetime import datetime

from .clock import iso_santiago
from .sheet import MetadataRow


def duration_text(start: datetime, end: datetime) -> str:
    """`{h}h {m}m` from one hour (whole days counted in h), else `{m}m`; minutes rounded down."""
    minutes = int((end - start).total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


class HistoryBuilder:
    def format_time(self, instant: datetime) -> datetime:
        """A session time as served: Santiago local, true offset, whole seconds."""
        return iso_santiago(instant)

    def sessions(self, rows: list[MetadataRow]) -> list[dict]:
        """Oldest first."""
        sessions: list[dict] = []
        opened: MetadataRow | None = None
        for row in rows:
            if row.evento_tipo == "TOMAR_SPOOL":
                if opened is not None:
                    sessions.append(self._session(opened, None))
                opened = row
            elif opened is not None and self._closes(row, opened):
                sessions.append(self._session(opened, row))
                opened = None
        if opened is not None:
            sessions.append(self._session(opened, None))
        return sessions

    @staticmethod
    def _closes(row: MetadataRow, opened: MetadataRow) -> bool:
        if row.evento_tipo == "PAUSAR_SPOOL":
            return True
        is_verdict = "resultado" in row.details
        return not is_verdict and row.evento_tipo == f"COMPLETAR_{opened.operacion}"

    def _session(self, opened: MetadataRow, closing: MetadataRow | None) -> dict:
        return {
            "worker_nombre": opened.worker_nombre,
            "worker_id": opened.worker_id,
            "operacion": opened.operacion,
            "start_time": self.format_time(opened.at),
            "end_time": None if closing is None else self.format_time(closing.at),
            "duration": None if closing is None else duration_text(opened.at, closing.at),
        }
