"""What one run was: the facts the verdict, the report and the trend need, kept beside its results.

The suite's ``environment.py`` calls ``begin_run(config)`` first in ``before_all`` (the
Allure output folders behave's config names lose any earlier run's results, so one run is
one report however it was started), then ``write_run_record(config, record)`` in
``before_all`` and again in ``after_all`` with the facts known by then. Each Allure output
folder gets:
- ``zeues-run.json``: the record as given (read back with ``read_run_record``);
- ``environment.properties``: the record with readable keys, for the report's Environment;
- ``executor.json`` and Allure 2's ``categories.json``.

The record's keys (the suite fills them; unknown ones are kept and shown too):
- ``target``: "embedded stand-in" or the URL the run was pointed at;
- ``base_url``: the URL the requests went to (the stand-in's loopback URL when embedded);
- ``api_version``: the version the target reports on its health endpoint, as given;
- ``started_at`` / ``finished_at``: UTC, ISO 8601 (``finished_at`` None until after_all);
- ``tags``: the tag selection as given on the command line or by behave.ini (a string);
- ``redis_at_start``: what the Redis pre-check found ("healthy", "unhealthy: ...");
- ``spools``: [{"tag", "state", "lock_left_until": ISO time or None}], the spools the run
  touched and the state it left them in;
- ``serves_v3``: whether the target serves the v3 interface the suite tests (bool).
The console formatter (``zeues_acceptance.console``) reads the last record written through
``recorded(config)``: behave runs after_all before it closes its formatters.
"""

import json
import shutil
from pathlib import Path

from zeues_acceptance.outcomes import CATEGORIES

RECORD_FILE = "zeues-run.json"
REPORT_NAME = "ZEUES v3 acceptance"
_RECORD_ATTRIBUTE = "zeues_run_record"
READABLE_KEYS = {
    "target": "Target", "base_url": "Base URL", "api_version": "API version",
    "started_at": "Started (UTC)", "finished_at": "Finished (UTC)", "tags": "Tag selection",
    "redis_at_start": "Redis at start", "serves_v3": "Serves the v3 interface",
    "spools": "Spools left", "processes": "Parallel processes",
}
# Java's Properties.store escapes these in keys and values alike; a space only where
# the reader would otherwise drop it (anywhere in a key, leading in a value).
_PROPERTIES_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}
_PROPERTIES_SPECIALS = "=:#!"


def allure_results_dirs(config) -> list[Path]:
    """Output folders of the allure formatters behave was asked to run."""
    return [Path(outfile) for name, outfile in zip(config.format or [], config.outfiles or [])
            if name == "allure" and outfile and outfile != "-"]


def begin_run(config) -> None:
    """Empty the Allure output folders of any earlier run's results (the folders stay)."""
    for results_dir in allure_results_dirs(config):
        if results_dir.is_dir():
            for entry in results_dir.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        results_dir.mkdir(parents=True, exist_ok=True)


def write_run_record(config, record: dict) -> None:
    """The record into every Allure output folder, and kept for the console formatter."""
    setattr(config, _RECORD_ATTRIBUTE, dict(record))
    for results_dir in allure_results_dirs(config):
        write_record_files(results_dir, record)


def recorded(config) -> dict:
    """The last record write_run_record was given for this behave config ({} if none)."""
    return getattr(config, _RECORD_ATTRIBUTE, {})


def write_record_files(results_dir: Path, record: dict) -> None:
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    _write_json(results_dir / RECORD_FILE, record)
    write_environment_properties(results_dir, readable_properties(record))
    _write_json(results_dir / "executor.json", {
        "name": "behave", "type": "behave", "reportName": REPORT_NAME,
        "buildName": f"{record.get('target', 'unknown target')} at {record.get('started_at', '')}"})
    _write_json(results_dir / "categories.json", CATEGORIES)


def read_run_record(results_dir: Path) -> dict:
    """The record a run left in its results folder ({} if it left none)."""
    path = Path(results_dir) / RECORD_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def merge_records(records: list[dict]) -> dict:
    """One record for several processes of one run: first start, last finish, all spools;
    a fact the processes disagree on shows each value once, in process order."""
    merged: dict = {}
    for record in records:
        for key, value in record.items():
            if key == "spools":
                merged.setdefault(key, []).extend(value or [])
            elif key not in merged or merged[key] in (None, ""):
                merged[key] = value
            elif key == "started_at" and value:
                merged[key] = min(merged[key], value)
            elif key == "finished_at" and value:
                merged[key] = max(merged[key], value)
            elif value != merged[key] and str(value) not in str(merged[key]).split(" | "):
                merged[key] = f"{merged[key]} | {value}"
    merged["processes"] = len(records)
    return merged


def readable_properties(record: dict) -> dict[str, str]:
    """The record as the report's Environment shows it: words for keys, text for values."""
    return {READABLE_KEYS.get(key, key.replace("_", " ").replace(".", " ").capitalize()):
            _readable_value(key, value) for key, value in record.items()}


def _readable_value(key: str, value) -> str:
    if key == "spools":
        return spools_text(value or [])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "not known"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def spools_text(spools: list[dict]) -> str:
    """'TEST-02: held by the run (lock until 12:40Z); TEST-03: free', or 'none touched'."""
    if not spools:
        return "none touched"
    return "; ".join(
        f"{spool.get('tag')}: {spool.get('state')}"
        + (f" (lock left until {spool['lock_left_until']})" if spool.get("lock_left_until") else "")
        for spool in spools)


def write_environment_properties(results_dir: Path, properties: dict) -> Path:
    """Write Allure's ``environment.properties``, escaped as Java properties."""
    lines = [f"{_escape(str(key), is_key=True)}={_escape(str(value), is_key=False)}\n"
             for key, value in properties.items()]
    path = Path(results_dir) / "environment.properties"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="ascii")
    return path


def _escape(text: str, *, is_key: bool) -> str:
    escaped = []
    for position, char in enumerate(text):
        if char in _PROPERTIES_ESCAPES:
            escaped.append(_PROPERTIES_ESCAPES[char])
        elif char in _PROPERTIES_SPECIALS:
            escaped.append("\\" + char)
        elif char == " " and (is_key or position == 0):
            escaped.append("\\ ")
        elif " " <= char <= "~":
            escaped.append(char)
        else:
            # Allure 2 reads the file as ISO-8859-1, so everything else is \uXXXX, characters
            # beyond the BMP as their UTF-16 surrogate pair (as Java does).
            utf16 = char.encode("utf-16-be")
            escaped.extend(f"\\u{utf16[i]:02X}{utf16[i + 1]:02X}" for i in range(0, len(utf16), 2))
    return "".join(escaped)


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
