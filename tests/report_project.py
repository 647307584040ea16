"""A small behave project for the reporting tests: the repository's behave.ini, formatters
and run record, on scenarios that end in each way the suite reports.

Its environment.py does what the suite's does with the run record (begin_run, then
write_run_record in before_all and after_all), so the tests see behave's real order of
hooks and formatters. PRODUCT_FIXED=1 makes the product-defect scenario pass.
"""

import configparser
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

FEATURE = """\
@allure.label.epic:Occupation
Feature: Occupation at the shop
  @R1 @R7 @critical
  Scenario: Assembly is completed after a pause
    Given the product answers wrongly

  @R2 @blocker
  Scenario: One holder at a time
    Given the check passes

  @R5 @normal
  Scenario: A spool's history is one record
    Given a response breaks its schema

  @R6
  Scenario: Redis is down
    Given Redis is unavailable

  @R3 @minor
  Scenario: A step of the suite breaks
    Given a step breaks

  @writes
  Scenario: Writing needs designated spools
    Given the check passes

  @load
  Scenario: Left out by the tag selection
    Given the check passes

  @R8
  Scenario Outline: Inspection records its verdict
    Given the check passes

    Examples:
      | verdict   |
      | APROBADO  |
      | RECHAZADO |
"""

STEPS = """\
import os

from behave import given


@given("the check passes")
def step_check_passes(context):
    pass


@given("the product answers wrongly")
def step_product_answers_wrongly(context):
    assert os.environ.get("PRODUCT_FIXED") == "1", (
        "Product defect: completing ARM answered a server error although the work is recorded "
        "(known defect D1)\\nPOST /api/occupation/completar -> 500")


@given("a response breaks its schema")
def step_response_breaks_schema(context):
    raise AssertionError("Contract drift: the history answer breaks HistoryResponse: $.sessions missing")


@given("Redis is unavailable")
def step_redis_unavailable(context):
    raise ConnectionError("Environment: Redis is unavailable at 127.0.0.1:6379")


@given("a step breaks")
def step_breaks(context):
    {}["spool"]
"""

ENVIRONMENT = """\
import os

import allure

from zeues_acceptance.run_record import begin_run, write_run_record

RECORD = {"target": os.environ.get("REPORT_TARGET", "embedded stand-in"),
          "base_url": "http://127.0.0.1:41001", "api_version": "3.0.0",
          "started_at": "2026-12-01T11:40:12+00:00", "finished_at": None,
          "tags": "not @load", "redis_at_start": "healthy", "serves_v3": True, "spools": []}


def before_all(context):
    begin_run(context.config)
    write_run_record(context.config, RECORD)


def before_scenario(context, scenario):
    if "writes" in scenario.effective_tags:
        reason = "needs designated test spools (-D test_spools=...)"
        scenario.skip(reason)
        allure.dynamic.description(f"Skipped: {reason}")  # as the suite's skip_scenario does


def after_all(context):
    write_run_record(context.config, {**RECORD, "finished_at": "2026-12-01T11:41:00+00:00",
        "spools": [{"tag": "TEST-02", "state": "held by worker 93", "lock_left_until": "2026-12-01T12:41:00Z"},
                   {"tag": "TEST-03", "state": "free; ARM pending", "lock_left_until": None},
                   {"tag": "ACC-1-probe", "state": "created", "lock_left_until": None}]})
"""


def make_project(project_dir: Path) -> Path:
    """The behave project in project_dir, configured by the repository's behave.ini."""
    steps_dir = project_dir / "features" / "steps"
    steps_dir.mkdir(parents=True)
    (project_dir / "features" / "occupation.feature").write_text(FEATURE)
    (steps_dir / "outcome_steps.py").write_text(STEPS)
    (project_dir / "features" / "environment.py").write_text(ENVIRONMENT)
    config = configparser.RawConfigParser()
    config.optionxform = str
    config.read(REPO_ROOT / "behave.ini")
    config["behave"]["paths"] = "features"  # this project's own features, not the suite's
    with open(project_dir / "behave.ini", "w") as ini:
        config.write(ini)
    return project_dir


def run_project(project_dir: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "behave", *args], cwd=project_dir,
                          env={**os.environ, "PYTHONPATH": python_path, **extra_env},
                          capture_output=True, text=True, timeout=120)
