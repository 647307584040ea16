"""The render step on results that allure-behave really writes: the post-processed copy, the
report Allure 3 draws from it (categories by rule, tree by area, timeline, environment,
trend per target), the verdict on its page and summary.md.

The run is the small behave project of tests/report_project.py (one result of each kind).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report_project import make_project, run_project
from zeues_acceptance import reporting
from zeues_acceptance.report_results import prepare_results, timeline_lanes
from zeues_acceptance.rules import DEFECTS, RULES
from zeues_acceptance.trend import history_path, report_settings

REPO_ROOT = Path(__file__).resolve().parent.parent
ALLURE_CLI = REPO_ROOT / "node_modules" / ".bin" / "allure"
needs_allure_cli = pytest.mark.skipif(
    not ALLURE_CLI.exists() or shutil.which("node") is None,
    reason="the pinned Allure CLI is not installed (npm ci)")

EXPECTED_CATEGORIES = {
    "Assembly is completed after a pause": ("failed", "Product defect"),
    "A spool's history is one record": ("failed", "Contract drift"),
    "Redis is down": ("broken", "Environment"),
    "A step of the suite breaks": ("broken", "Test defect"),
}


@pytest.fixture(scope="module")
def results_dir(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("report-project"))
    completed = run_project(project)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    return project / "allure-results"


@pytest.fixture(scope="module")
def staged(results_dir, tmp_path_factory):
    staged_dir = tmp_path_factory.mktemp("staged") / "results"
    prepare_results(results_dir, staged_dir)
    return {result["name"]: result for result in reporting.read_results(staged_dir)} | {"_dir": staged_dir}


def labels(result, name):
    return [label["value"] for label in result["labels"] if label["name"] == name]


def test_summary_counts_and_classes_each_failure(results_dir):
    summary = reporting.summarize_results(results_dir)
    assert summary["total"] == 8
    assert summary["statuses"] == {"passed": 3, "failed": 2, "broken": 2, "skipped": 1, "unknown": 0}
    assert summary["categories"] == {"Environment": 1, "Contract drift": 1, "Test defect": 1, "Product defect": 1}
    assert {f["name"]: (f["status"], f["category"]) for f in summary["failures"]} == EXPECTED_CATEGORIES


def test_staged_results_lose_tool_labels_and_gain_category_and_rule(staged):
    product = staged["Assembly is completed after a pause"]
    assert not {"framework", "language"} & {label["name"] for label in product["labels"]}
    assert labels(product, "category") == ["Product defect"]
    assert labels(product, "rule") == [f"R1 {RULES['R1'].holds}"]
    assert labels(staged["One holder at a time"], "category") == []
    assert product["titlePath"] == ["Occupation", "Occupation at the shop"]


def test_only_a_test_defect_keeps_its_traceback_and_type(staged):
    product = staged["Assembly is completed after a pause"]["statusDetails"]
    assert "trace" not in product
    assert product["message"].startswith("Product defect: completing ARM answered a server error")
    assert "POST /api/occupation/completar -> 500" in product["message"]  # further lines stay
    assert staged["Redis is down"]["statusDetails"]["message"].startswith("Environment: Redis is unavailable")
    assert all("trace" not in (step.get("statusDetails") or {}) for step in staged["Redis is down"]["steps"])
    test_defect = staged["A step of the suite breaks"]["statusDetails"]
    assert test_defect["message"].startswith("KeyError") and "Traceback" not in test_defect["message"]
    assert "outcome_steps.py" in test_defect["trace"]


def test_outline_rows_are_named_from_their_examples(staged):
    assert {"Inspection records its verdict (verdict APROBADO)",
            "Inspection records its verdict (verdict RECHAZADO)"} <= set(staged)


def test_timeline_lanes_put_overlapping_results_side_by_side(staged):
    results = [{"uuid": "a", "start": 0, "stop": 10}, {"uuid": "b", "start": 5, "stop": 8},
               {"uuid": "c", "start": 9, "stop": 12}, {"uuid": "d", "start": 10, "stop": 11},
               {"uuid": "untimed"}]
    assert timeline_lanes(results) == {"a": 1, "b": 2, "c": 2, "d": 1}
    one = staged["One holder at a time"]
    assert labels(one, "host") == ["embedded stand-in"] and labels(one, "thread") == ["lane 1"]


def test_trend_is_kept_per_target_and_tag_selection():
    assert history_path("embedded stand-in", "@smoke") != history_path("embedded stand-in", "not @load")
    assert history_path("https://a.example", "@smoke") != history_path("https://a-example", "@smoke")
    assert history_path("https://a.example", "@smoke").parent == Path("reports/history")
    settings = report_settings({"target": "https://a.example", "tags": "@smoke"}, "2026-12-01 11:40 UTC")
    assert settings["reportName"] == "ZEUES v3 acceptance — https://a.example, @smoke, 2026-12-01 11:40 UTC"


def test_summary_markdown_starts_with_the_verdict(staged, tmp_path):
    verdict = reporting.verdict_of(staged["_dir"])
    markdown = reporting.render_markdown_summary(
        verdict, reporting.summarize_results(staged["_dir"]), {"target": "embedded stand-in"})
    lines = markdown.splitlines()
    assert lines[:3] == ["# ZEUES v3 acceptance", "",
                         "**embedded stand-in, API 3.0.0, 2026-12-01 11:40 UTC — not healthy: "
                         "1 product defect, 1 contract drift**"]
    assert f"- {DEFECTS['D1'].sentence} — Product defect, critical" in lines
    assert "- 1 skipped: needs designated test spools (-D test_spools=...)" in lines


def render(results_dir: Path, workdir: Path, *, single_file: bool) -> Path:
    """scripts/render-report's steps in workdir, optionally with the report split into files
    so that its widgets can be read."""
    staged_dir = workdir / "staged"
    record = prepare_results(results_dir, staged_dir)
    settings = workdir / "settings.json"
    settings.write_text(json.dumps(report_settings(record, reporting.verdict_of(staged_dir).when)))
    config = workdir / "allurerc.mjs"
    config.write_text(
        f"import config from {json.dumps((REPO_ROOT / 'allurerc.mjs').as_uri())};\n"
        f"export default {{ ...config, plugins: {{ awesome: {{ options: {{ "
        f"...config.plugins.awesome.options, singleFile: {str(single_file).lower()} }} }} }} }};\n")
    report_dir = workdir / "report"
    subprocess.run([ALLURE_CLI, "generate", "--config", config, "--output", report_dir, staged_dir],
                   cwd=workdir, check=True, capture_output=True, timeout=300,
                   env={**os.environ, "ZEUES_REPORT_SETTINGS": str(settings)})
    return report_dir


@pytest.fixture(scope="module")
def widgets(results_dir, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("split-report")
    report_dir = render(results_dir, workdir, single_file=False)
    return lambda name: json.loads((report_dir / "widgets" / name).read_text()), workdir


@needs_allure_cli
def test_report_categories_group_by_rule_not_by_message(widgets):
    read, _ = widgets
    widget = read("categories.json")
    nodes = widget["nodes"]
    tree = {}
    for root_id in widget["roots"]:
        for group_id in nodes[root_id].get("childrenIds", []):
            group = nodes[group_id]
            tree.setdefault(nodes[root_id]["name"], {})[group["name"]] = sorted(
                nodes[child]["name"] for child in group.get("childrenIds", []))
    assert tree == {
        "Product defect": {f"rule: R1 {RULES['R1'].holds}": ["Assembly is completed after a pause"]},
        "Contract drift": {f"rule: R5 {RULES['R5'].holds}": ["A spool's history is one record"]},
        "Environment": {f"rule: R6 {RULES['R6'].holds}": ["Redis is down"]},
        "Test defect": {f"rule: R3 {RULES['R3'].holds}": ["A step of the suite breaks"]},
    }


@needs_allure_cli
def test_report_tree_is_by_area_with_timeline_and_readable_environment(widgets):
    read, workdir = widgets
    tree = read("tree.json")
    roots = [tree["groupsById"][group_id]["name"] for group_id in tree["root"]["groups"]]
    assert roots == ["Occupation"]
    assert len(read("timeline.json")) >= 1
    environment = {item["name"]: item["values"] for item in read("allure_environment.json")}
    assert environment["Target"] == ["embedded stand-in"] and environment["API version"] == ["3.0.0"]
    trend_files = list((workdir / "reports" / "history").glob("embedded-stand-in--not-load-*.jsonl"))
    assert len(trend_files) == 1
    point = json.loads(trend_files[0].read_text().splitlines()[-1])
    assert point["name"] == "ZEUES v3 acceptance — embedded stand-in, not @load, 2026-12-01 11:40 UTC"


@needs_allure_cli
def test_render_report_puts_the_verdict_first_and_leaves_no_analytics(results_dir, tmp_path):
    report_dir = render(results_dir, tmp_path, single_file=True)
    verdict = reporting.finish_report(tmp_path / "staged", report_dir)
    page = (report_dir / "index.html").read_text()
    assert page.index('id="zeues-verdict"') < page.index('<div id="app">')
    assert verdict.sentence in page
    assert "googletagmanager" not in page
    assert (report_dir / "summary.md").read_text().startswith("# ZEUES v3 acceptance\n\n**" + verdict.sentence)
