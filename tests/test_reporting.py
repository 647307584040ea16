"""Tests for zeues_acceptance.reporting, on results that allure-behave really writes.

A five-scenario behave project (one pass and one failure of each kind the suite
reports) runs in a temporary folder; its allure-results are what the summary reads.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zeues_acceptance import reporting

REPO_ROOT = Path(__file__).resolve().parent.parent
ALLURE_CLI = REPO_ROOT / "node_modules" / ".bin" / "allure"
needs_allure_cli = pytest.mark.skipif(
    not ALLURE_CLI.exists() or shutil.which("node") is None,
    reason="the pinned Allure CLI is not installed (npm ci)",
)

FEATURE = """\
Feature: Report categories
  Scenario: A healthy check passes
    Given the check passes

  Scenario: A response drifts from its schema
    Given a response breaks its schema

  Scenario: A request breaks its schema
    Given a request breaks its schema

  Scenario: Redis is down
    Given Redis is unavailable

  Scenario: The product answers wrongly
    Given the product answers wrongly
"""

STEPS = """\
import os

from behave import given


@given("the check passes")
def step_check_passes(context):
    assert True


@given("a response breaks its schema")
def step_response_breaks_schema(context):
    raise AssertionError("Contract drift: response breaks occupation.json: $.sessions: 'x' is not of type 'array'")


@given("a request breaks its schema")
def step_request_breaks_schema(context):
    raise RuntimeError("Test defect: request breaks tomar.json: $.worker_id: 'x' is not of type 'integer'")


@given("Redis is unavailable")
def step_redis_unavailable(context):
    raise ConnectionError("Environment: Redis unavailable at 127.0.0.1:6379\\nconnection refused")


@given("the product answers wrongly")
def step_product_answers_wrongly(context):
    assert os.environ.get("PRODUCT_FIXED") == "1", "ARM is 'pausado' | expected 'completado'"
"""

BEHAVE_INI = """\
[behave]
paths = features
format = allure
outfiles = allure-results

[behave.formatters]
allure = allure_behave.formatter:AllureFormatter
"""

EXPECTED_CATEGORIES = {
    "A response drifts from its schema": ("failed", "Contract drift"),
    "A request breaks its schema": ("broken", "Test defect"),
    "Redis is down": ("broken", "Environment"),
    "The product answers wrongly": ("failed", "Product defect"),
}


def run_behave(project_dir, **extra_env):
    env = {**os.environ, **extra_env}
    completed = subprocess.run(
        [sys.executable, "-m", "behave"], cwd=project_dir, env=env, capture_output=True, text=True, timeout=120
    )
    # behave exits 1 because four scenarios fail on purpose.
    assert completed.returncode == 1, completed.stdout + completed.stderr


def make_behave_project(project_dir):
    steps_dir = project_dir / "features" / "steps"
    steps_dir.mkdir(parents=True)
    (project_dir / "features" / "outcomes.feature").write_text(FEATURE)
    (steps_dir / "outcome_steps.py").write_text(STEPS)
    (project_dir / "behave.ini").write_text(BEHAVE_INI)
    return project_dir


@pytest.fixture(scope="module")
def results_dir(tmp_path_factory):
    project_dir = make_behave_project(tmp_path_factory.mktemp("behave-project"))
    run_behave(project_dir)
    return project_dir / "allure-results"


@pytest.mark.parametrize(
    ("status", "message", "category"),
    [
        ("broken", "ConnectionError: Environment: Redis unavailable\n", "Environment"),
        ("failed", "AssertionError: Environment: target unreachable at http://127.0.0.1:1", "Environment"),
        ("failed", "AssertionError: Contract drift: response breaks x.json: $.sessions: type", "Contract drift"),
        ("failed", "AssertionError: first line\nContract drift: on the second line\n", "Contract drift"),
        ("broken", "RuntimeError: Test defect: request breaks tomar.json: $.worker_id", "Test defect"),
        ("broken", "KeyError: 'spool'", "Test defect"),
        ("broken", "", "Test defect"),
        ("failed", "AssertionError: ARM is 'pausado'", "Product defect"),
        ("failed", None, "Product defect"),
        # Status decides before message: a broken step that mentions drift is a test defect.
        ("broken", "RuntimeError: Contract drift: raised by the wrong code", "Test defect"),
        # First match wins: an environment failure mentioning drift is still environment.
        ("failed", "AssertionError: Environment: Redis unavailable; Contract drift: unknown", "Environment"),
        ("passed", None, None),
        ("skipped", "", None),
    ],
)
def test_classify_applies_categories_in_order(status, message, category):
    assert reporting.classify(status, message) == category


def test_categories_are_the_ordered_four():
    assert [category["name"] for category in reporting.CATEGORIES] == [
        "Environment",
        "Contract drift",
        "Test defect",
        "Product defect",
    ]


def test_summary_counts_statuses_of_a_real_run(results_dir):
    summary = reporting.summarize_results(results_dir)

    assert summary["total"] == 5
    assert summary["statuses"] == {"passed": 1, "failed": 2, "broken": 2, "skipped": 0, "unknown": 0}
    assert summary["categories"] == {"Environment": 1, "Contract drift": 1, "Test defect": 1, "Product defect": 1}


def test_summary_classes_each_real_failure(results_dir):
    failures = reporting.summarize_results(results_dir)["failures"]

    assert {failure["name"]: (failure["status"], failure["category"]) for failure in failures} == EXPECTED_CATEGORIES
    redis_failure = next(failure for failure in failures if failure["name"] == "Redis is down")
    assert redis_failure["message"] == "ConnectionError: Environment: Redis unavailable at 127.0.0.1:6379"
    assert redis_failure["full_name"] == "Report categories: Redis is down"


def test_summary_keeps_the_latest_attempt_of_a_rerun(tmp_path):
    project_dir = make_behave_project(tmp_path / "project")
    run_behave(project_dir)
    run_behave(project_dir, PRODUCT_FIXED="1")

    summary = reporting.summarize_results(project_dir / "allure-results")

    assert len(list((project_dir / "allure-results").glob("*-result.json"))) == 10
    assert summary["total"] == 5
    assert summary["statuses"]["passed"] == 2
    assert "The product answers wrongly" not in {failure["name"] for failure in summary["failures"]}


def test_markdown_summary_lists_totals_categories_and_failures(results_dir, tmp_path):
    path = reporting.write_markdown_summary(results_dir, tmp_path / "report" / "summary.md")
    markdown = path.read_text()

    assert markdown.startswith("# ZEUES v3 acceptance: run summary\n")
    assert "**5 scenarios**: 1 passed, 2 failed, 2 broken" in markdown
    assert "| Contract drift | 1 |" in markdown
    assert (
        "| Product defect | failed | Report categories: The product answers wrongly "
        "| AssertionError: ARM is 'pausado' \\| expected 'completado' |"
    ) in markdown
    assert "| Environment | broken | Report categories: Redis is down |" in markdown


def test_markdown_summary_of_a_clean_run(tmp_path):
    summary = {
        "total": 2,
        "statuses": {"passed": 2, "failed": 0, "broken": 0, "skipped": 0, "unknown": 0},
        "categories": {category["name"]: 0 for category in reporting.CATEGORIES},
        "failures": [],
    }

    markdown = reporting.write_markdown_summary(summary, tmp_path / "summary.md").read_text()

    assert "**2 scenarios**: 2 passed" in markdown
    assert "No failed or broken scenarios." in markdown
    assert "| Category |" not in markdown


PROPERTIES = {
    "Target": "http://127.0.0.1:8000",
    "Planta: línea": "ARM = soldadura #2",
    " lead space": " v3 ",
    "multi\nline": "a\\b\tc!",
    "emoji": "ok \U0001f600",
}


def test_environment_properties_are_escaped_as_java_properties(tmp_path):
    path = reporting.write_environment_properties(tmp_path, PROPERTIES)

    assert path == tmp_path / "environment.properties"
    assert path.read_bytes().decode("ascii") == (
        "Target=http\\://127.0.0.1\\:8000\n"
        "Planta\\:\\ l\\u00EDnea=ARM \\= soldadura \\#2\n"
        "\\ lead\\ space=\\ v3 \n"
        "multi\\nline=a\\\\b\\tc\\!\n"
        "emoji=ok \\uD83D\\uDE00\n"
    )


@needs_allure_cli
def test_environment_properties_read_back_by_allure(tmp_path):
    path = reporting.write_environment_properties(tmp_path, PROPERTIES)
    parser = (REPO_ROOT / "node_modules" / "@allurereport" / "reader" / "dist" / "properties.js").as_uri()
    script = (
        f"import {{ parseProperties }} from {json.dumps(parser)};"
        "import { readFileSync } from 'node:fs';"
        "console.log(JSON.stringify(parseProperties(readFileSync(process.argv[1], 'utf-8'))));"
    )

    completed = subprocess.run(
        ["node", "--input-type=module", "-e", script, str(path)], capture_output=True, text=True, check=True
    )

    assert json.loads(completed.stdout) == PROPERTIES


def test_executor_json(tmp_path):
    reporting.write_executor(tmp_path, name="CI", build_name="main #41", report_url="https://example.test/r/41/")
    reporting.write_executor(tmp_path / "local", name="local", build_name="dev run")

    assert json.loads((tmp_path / "executor.json").read_text()) == {
        "name": "CI",
        "buildName": "main #41",
        "reportName": "ZEUES v3 acceptance",
        "reportUrl": "https://example.test/r/41/",
    }
    assert "reportUrl" not in json.loads((tmp_path / "local" / "executor.json").read_text())


def test_categories_json_is_the_shared_source(tmp_path):
    path = reporting.write_categories(tmp_path)

    assert json.loads(path.read_text()) == json.loads((REPO_ROOT / "allure-categories.json").read_text())


@needs_allure_cli
def test_rendered_report_classes_failures_as_the_summary_does(results_dir, tmp_path):
    # The repository's config, with the report split into files so its widgets can be read.
    config = tmp_path / "allurerc.mjs"
    config.write_text(
        f"import config from {json.dumps((REPO_ROOT / 'allurerc.mjs').as_uri())};\n"
        "export default { ...config, plugins: { awesome: { options: { singleFile: false } } } };\n"
    )
    report_dir = tmp_path / "report"
    # The history file lands in tmp_path/reports: allurerc.mjs's path is relative to cwd.
    subprocess.run(
        [ALLURE_CLI, "generate", "--config", config, "--output", report_dir, results_dir],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )

    widget = json.loads((report_dir / "widgets" / "default" / "categories.json").read_text())
    nodes = widget["nodes"]
    report_categories = {}
    for root_id in widget["roots"]:
        pending = list(nodes[root_id].get("childrenIds", []))
        while pending:
            node = nodes[pending.pop()]
            if node["type"] == "tr":
                report_categories[node["name"]] = nodes[root_id]["name"]
            pending.extend(node.get("childrenIds", []))

    summary_order = list(reporting.summarize_results(results_dir)["categories"])
    assert [nodes[root_id]["name"] for root_id in widget["roots"]] == summary_order
    assert report_categories == {name: category for name, (_, category) in EXPECTED_CATEGORIES.items()}
    assert (tmp_path / "reports" / "history.jsonl").exists()


@needs_allure_cli
def test_report_is_one_self_contained_file(results_dir, tmp_path):
    subprocess.run(
        [ALLURE_CLI, "generate", "--config", REPO_ROOT / "allurerc.mjs", "--output", tmp_path / "report", results_dir],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )

    assert (tmp_path / "report" / "index.html").exists()
    assert not (tmp_path / "report" / "widgets").exists()
