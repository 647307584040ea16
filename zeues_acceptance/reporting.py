"""A run's results read back: counts, failures by category, the verdict and ``summary.md``.

``scripts/render-report`` runs ``python -m zeues_acceptance.reporting prepare RESULTS STAGED``
(the post-processed copy to render, ``report_results``; prints the report settings for
``allurerc.mjs``), then ``allure generate`` on the copy, then ``... finish STAGED REPORT``
(the verdict on the report's first screen and ``summary.md`` beside it).
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from zeues_acceptance.outcomes import CATEGORY_NAMES, STATUSES, classify, outcome_of_result, result_name
from zeues_acceptance.report_page import add_verdict_to_page
from zeues_acceptance.report_results import prepare_results
from zeues_acceptance.run_record import REPORT_NAME, read_run_record, spools_text
from zeues_acceptance.trend import report_settings
from zeues_acceptance.verdict import Verdict, compute_verdict


def read_results(results_dir: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(Path(results_dir).glob("*-result.json"))]


def verdict_of(results_dir: Path) -> Verdict:
    """The verdict of the run whose results (and run record) are in results_dir."""
    outcomes = [outcome_of_result(result) for result in read_results(results_dir)]
    return compute_verdict(outcomes, read_run_record(results_dir))


def summarize_results(results_dir: Path) -> dict:
    """Counts by status and category, and each failed or broken result with its category."""
    results = sorted(read_results(results_dir), key=lambda result: result.get("start", 0))
    statuses = Counter(result.get("status", "unknown") for result in results)
    failures = []
    for result in results:
        status = result.get("status", "unknown")
        if status not in ("failed", "broken"):
            continue
        message = ((result.get("statusDetails") or {}).get("message") or "").strip()
        failures.append({
            "name": result_name(result),
            "full_name": result.get("fullName", result.get("name", "")),
            "status": status,
            "message": message.splitlines()[0] if message else "",
            "category": classify(status, message),
        })
    by_category = Counter(failure["category"] for failure in failures)
    return {
        "total": len(results),
        "statuses": {status: statuses.get(status, 0) for status in STATUSES},
        "categories": {name: by_category.get(name, 0) for name in CATEGORY_NAMES},
        "failures": failures,
    }


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render_markdown_summary(verdict: Verdict, summary: dict, record: dict) -> str:
    """summary.md: the verdict first, then the run's facts, then each failure."""
    lines = [f"# {REPORT_NAME}", "", f"**{_markdown_cell(verdict.sentence)}**", ""]
    lines += [f"- {_markdown_cell(finding.line)}" for finding in verdict.findings]
    lines += [f"- {_markdown_cell(line)}" for line in verdict.skipped_lines]
    lines += ["", verdict.counts_line, "", "## The run", "",
              f"- Target: {_markdown_cell(_target_text(verdict.target, record.get('base_url')))}",
              f"- Tag selection: {_markdown_cell(record.get('tags') or 'default tags')}",
              f"- Started: {record.get('started_at') or 'not known'}; finished: {record.get('finished_at') or 'not known'}",
              f"- Redis at start: {_markdown_cell(str(record.get('redis_at_start') or 'not known'))}",
              f"- Spools left: {_markdown_cell(spools_text(record.get('spools') or []))}"]
    if summary["failures"]:
        lines += ["", "## Failures", "", "| Category | Scenario | Message |", "| --- | --- | --- |"]
        lines += [f"| {failure['category'] or 'Uncategorised'} | {_markdown_cell(failure['name'])} "
                  f"| {_markdown_cell(failure['message'])} |" for failure in summary["failures"]]
    return "\n".join(lines) + "\n"


def _target_text(target: str, base_url: str | None) -> str:
    return f"{target} ({base_url})" if base_url and base_url != target else target


def finish_report(results_dir: Path, report_dir: Path) -> Verdict:
    """The verdict on the report's first screen and summary.md beside index.html."""
    verdict = verdict_of(results_dir)
    add_verdict_to_page(Path(report_dir) / "index.html", verdict)
    markdown = render_markdown_summary(verdict, summarize_results(results_dir), read_run_record(results_dir))
    (Path(report_dir) / "summary.md").write_text(markdown, encoding="utf-8")
    return verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zeues_acceptance.reporting", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare", help="post-process results into a copy; print settings")
    prepare.add_argument("results_dir", type=Path)
    prepare.add_argument("staged_dir", type=Path)
    finish = commands.add_parser("finish", help="verdict into the rendered report, and summary.md")
    finish.add_argument("staged_dir", type=Path)
    finish.add_argument("report_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        record = prepare_results(args.results_dir, args.staged_dir)
        sys.stdout.write(json.dumps(report_settings(record, verdict_of(args.staged_dir).when)) + "\n")
    else:
        sys.stdout.write("Verdict: " + finish_report(args.staged_dir, args.report_dir).sentence + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
