"""The results as the report shows them: a post-processed copy of allure-behave's output.

``scripts/render-report`` renders the copy, never the suite's own folder. Each result:
- is named from its examples when it is an outline row (``outcomes.readable_name``);
- loses the tool labels (framework, language) and gains the labels Allure 3's categories
  group by (``allurerc.mjs``): ``category`` (the verdict's, for failed and broken results)
  and ``rule`` (its first rule tag in the shop's words);
- has its area (``epic``) with spaces: a tag cannot hold one, so features write
  ``@allure.label.epic:Live_updates``;
- is placed on the Timeline: ``host`` is the target, ``thread`` a lane of results that did
  not overlap in time (parallel processes get a lane each);
- keeps a Python traceback only when it is a Test defect; other failures show their domain
  sentence with its category, without the exception's type.
"""

import json
import shutil
from pathlib import Path

from zeues_acceptance.outcomes import classify, outcome_of_result
from zeues_acceptance.rules import RULES
from zeues_acceptance.run_record import read_run_record

TOOL_LABELS = {"framework", "language", "host", "thread"}
TEST_DEFECT = "Test defect"


def prepare_results(results_dir: Path, staged_dir: Path) -> dict:
    """Copy results_dir into staged_dir (emptied first), post-processed; the run record."""
    results_dir, staged_dir = Path(results_dir), Path(staged_dir)
    shutil.rmtree(staged_dir, ignore_errors=True)
    shutil.copytree(results_dir, staged_dir)
    record = read_run_record(results_dir)
    paths = sorted(staged_dir.glob("*-result.json"))
    results = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    lanes = timeline_lanes(results)
    for path, result in zip(paths, results, strict=True):
        readable = readable_result(result, host=record.get("target") or "unknown target",
                                   lane=lanes.get(result.get("uuid")))
        path.write_text(json.dumps(readable, ensure_ascii=False), encoding="utf-8")
    return record


def readable_result(result: dict, *, host: str, lane: int | None) -> dict:
    outcome = outcome_of_result(result)
    labels = [_readable_label(label) for label in result.get("labels") or []
              if label.get("name") not in TOOL_LABELS]
    if outcome.category:
        labels.append({"name": "category", "value": outcome.category})
        first_rule = RULES.get(outcome.rules[0]) if outcome.rules else None
        if first_rule:
            labels.append({"name": "rule", "value": f"{first_rule.id} {first_rule.holds}"})
    if lane is not None:
        labels += [{"name": "host", "value": host}, {"name": "thread", "value": f"lane {lane}"}]
    epic = next((label["value"] for label in labels if label["name"] == "epic"), None)
    feature = next((label["value"] for label in labels if label["name"] == "feature"), None)
    readable = {**result, "name": outcome.name, "labels": labels,
                "titlePath": [part for part in (epic, feature) if part]}
    if outcome.category != TEST_DEFECT:
        _without_traces(readable)
    return readable


def timeline_lanes(results: list[dict]) -> dict[str, int]:
    """A lane (1, 2, ...) per timed result: the first lane free when the result started."""
    lane_free_at: list[int] = []
    lanes = {}
    timed = [r for r in results if isinstance(r.get("start"), int) and isinstance(r.get("stop"), int)]
    for result in sorted(timed, key=lambda r: (r["start"], r["stop"])):
        lane = next((i for i, free_at in enumerate(lane_free_at) if free_at <= result["start"]), None)
        if lane is None:
            lane_free_at.append(0)
            lane = len(lane_free_at) - 1
        lane_free_at[lane] = result["stop"]
        lanes[result.get("uuid")] = lane + 1
    return lanes


def _readable_label(label: dict) -> dict:
    if label.get("name") == "epic":
        return {**label, "value": str(label.get("value", "")).replace("_", " ")}
    return label


def _without_traces(node: dict) -> None:
    """Drop tracebacks, and the exception's type before a categorised message, here and in
    every step below."""
    details = node.get("statusDetails")
    if details:
        details.pop("trace", None)
        message = details.get("message")
        category = classify(node.get("status", ""), message) if message else None
        if category and category != TEST_DEFECT:
            details["message"] = _message_with_category(message, category)
    for step in node.get("steps") or []:
        _without_traces(step)


def _message_with_category(message: str, category: str) -> str:
    """'Product defect: <sentence>' and the message's further lines, without the type."""
    first, _, rest = message.strip().partition("\n")
    marker = f"{category}: "
    sentence = first[first.index(marker):] if marker in first else f"{marker}{first.split(': ', 1)[-1]}"
    return sentence + (f"\n{rest}" if rest else "")
