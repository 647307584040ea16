"""Allure report inputs beside the results, and a Markdown summary of a run.

The suite's ``environment.py`` writes ``environment.properties``, ``executor.json``
and ``categories.json`` into the results directory; ``scripts/render-report`` calls
``python -m zeues_acceptance.reporting`` after rendering the HTML report.

Failure categories come from ``allure-categories.json`` at the repository root, the
same file ``allurerc.mjs`` gives Allure 3, so the report and this module class every
failure alike. Its patterns must match a whole message (Allure 2 matches in Java with
``String.matches``; Allure 3 searches with a JavaScript ``RegExp``), so each is written
as ``[\\s\\S]*Marker:[\\s\\S]*``, which means the same in Java, JavaScript and Python.
"""

import argparse
import json
import re
from collections import Counter
from pathlib import Path

REPORT_NAME = "ZEUES v3 acceptance"
CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "allure-categories.json"
CATEGORIES = json.loads(CATEGORIES_FILE.read_text(encoding="utf-8"))
STATUSES = ("passed", "failed", "broken", "skipped", "unknown")

_COMPILED_CATEGORIES = [
    (
        category["name"],
        frozenset(category.get("matchedStatuses") or STATUSES),
        re.compile(category["messageRegex"]) if category.get("messageRegex") else None,
    )
    for category in CATEGORIES
]

# Java's Properties.store escapes these in keys and values alike; a space only where
# the reader would otherwise drop it (anywhere in a key, leading in a value).
_PROPERTIES_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}
_PROPERTIES_SPECIALS = "=:#!"


def classify(status, message):
    """Name of the first category matching a result's status and message, or None."""
    for name, statuses, pattern in _COMPILED_CATEGORIES:
        if status not in statuses:
            continue
        if pattern is None or pattern.fullmatch(message or ""):
            return name
    return None


def _escape_properties_text(text, *, is_key):
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
            # The file is read as ISO-8859-1 by Allure 2, so everything else is \uXXXX,
            # characters beyond the BMP as their UTF-16 surrogate pair (as Java does).
            utf16 = char.encode("utf-16-be")
            escaped.extend(f"\\u{utf16[i]:02X}{utf16[i + 1]:02X}" for i in range(0, len(utf16), 2))
    return "".join(escaped)


def write_environment_properties(results_dir, props):
    """Write Allure's ``environment.properties``, escaped as Java properties."""
    lines = [
        f"{_escape_properties_text(str(key), is_key=True)}="
        f"{_escape_properties_text(str(value), is_key=False)}\n"
        for key, value in props.items()
    ]
    path = Path(results_dir) / "environment.properties"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="ascii")
    return path


def write_executor(results_dir, *, name, build_name, report_url=None):
    """Write Allure's ``executor.json``: who ran the suite and which build it was."""
    executor = {"name": name, "buildName": build_name, "reportName": REPORT_NAME}
    if report_url:
        executor["reportUrl"] = report_url
    return _write_json(Path(results_dir) / "executor.json", executor)


def write_categories(results_dir):
    """Write the classic ``categories.json`` that Allure 2 reads from the results."""
    return _write_json(Path(results_dir) / "categories.json", CATEGORIES)


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _latest_attempts(results_dir):
    """Result dicts, one per test: a rerun's later attempt replaces the earlier one."""
    latest = {}
    for path in sorted(Path(results_dir).glob("*-result.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        test_key = result.get("historyId") or result.get("uuid") or path.name
        kept = latest.get(test_key)
        if kept is None or result.get("stop", 0) >= kept.get("stop", 0):
            latest[test_key] = result
    return list(latest.values())


def summarize_results(results_dir):
    """Count the results allure-behave wrote, and class each failed or broken test."""
    results = _latest_attempts(results_dir)
    statuses = Counter(result.get("status", "unknown") for result in results)
    failures = []
    for result in sorted(results, key=lambda result: result.get("start", 0)):
        status = result.get("status", "unknown")
        if status not in ("failed", "broken"):
            continue
        message = (result.get("statusDetails") or {}).get("message") or ""
        failures.append(
            {
                "name": result.get("name", ""),
                "full_name": result.get("fullName", result.get("name", "")),
                "status": status,
                "message": message.strip().splitlines()[0] if message.strip() else "",
                "category": classify(status, message),
            }
        )
    by_category = Counter(failure["category"] for failure in failures)
    return {
        "total": len(results),
        "statuses": {status: statuses.get(status, 0) for status in STATUSES},
        "categories": {category["name"]: by_category.get(category["name"], 0) for category in CATEGORIES},
        "failures": failures,
    }


def _markdown_cell(text):
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render_markdown_summary(summary):
    """The Markdown text of a run summary from ``summarize_results``."""
    statuses = summary["statuses"]
    counts = ", ".join(f"{statuses[status]} {status}" for status in STATUSES if statuses[status])
    lines = [f"# {REPORT_NAME}: run summary", "", f"**{summary['total']} scenarios**: {counts or 'none run'}", ""]
    if summary["failures"]:
        lines += ["| Category | Scenarios |", "| --- | ---: |"]
        lines += [f"| {name} | {count} |" for name, count in summary["categories"].items() if count]
        lines += ["", "## Failures", "", "| Category | Status | Scenario | Message |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {failure['category'] or 'Uncategorised'} | {failure['status']} "
            f"| {_markdown_cell(failure['full_name'])} | {_markdown_cell(failure['message'])} |"
            for failure in summary["failures"]
        ]
    else:
        lines.append("No failed or broken scenarios.")
    return "\n".join(lines) + "\n"


def write_markdown_summary(results_dir_or_summary, path):
    """Write the Markdown summary of a results directory (or of a ready summary dict)."""
    summary = results_dir_or_summary
    if not isinstance(summary, dict):
        summary = summarize_results(summary)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown_summary(summary), encoding="utf-8")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m zeues_acceptance.reporting",
        description="Write the Markdown summary of an Allure results directory.",
    )
    parser.add_argument("results_dir")
    parser.add_argument("markdown_path")
    args = parser.parse_args(argv)
    write_markdown_summary(args.results_dir, args.markdown_path)


if __name__ == "__main__":
    main()
