"""The report's name and trend file for a run: one trend per target and tag selection.

Allure 3 draws its trend from a history file of data points, each named with the report's
name when it was rendered; ``allurerc.mjs`` takes both from the settings written here, so
a run against staging never lands in production's trend, a ``--tags=@smoke`` run never in
the full run's, and each point names its target and time.
"""

import hashlib
import os
import re
from pathlib import Path

from zeues_acceptance.run_record import REPORT_NAME

HISTORY_DIR = Path("reports") / "history"  # ZEUES_HISTORY_DIR overrides it (the tests do)
DEFAULT_SELECTION = "default tags"


def report_settings(record: dict, when: str) -> dict:
    """{"reportName", "historyPath"} for allurerc.mjs; when is the verdict's date and time."""
    target = record.get("target") or "unknown target"
    selection = record.get("tags") or DEFAULT_SELECTION
    return {"reportName": f"{REPORT_NAME} — {target}, {selection}, {when}",
            "historyPath": str(history_path(target, selection))}


def history_path(target: str, selection: str) -> Path:
    """reports/history/<target>--<selection>-<hash>.jsonl: readable, and distinct for
    targets or selections that read alike once cut down to file-name characters."""
    digest = hashlib.sha256(f"{target}\n{selection}".encode()).hexdigest()[:8]
    history_dir = Path(os.environ.get("ZEUES_HISTORY_DIR") or HISTORY_DIR)
    return history_dir / f"{_slug(target)}--{_slug(selection)}-{digest}.jsonl"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "none"
