"""The console formatter on a real behave run: a line per feature, one line per failure, a
traceback only for a Test defect, spools only when worth knowing, the verdict block last."""

import pytest

from tests.report_project import make_project, run_project
from zeues_acceptance.rules import DEFECTS


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("console-project"))


@pytest.fixture(scope="module")
def console(project):
    completed = run_project(project)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    return completed.stdout


def test_one_progress_line_per_feature_with_its_counts(console):
    feature_lines = [line for line in console.splitlines() if line.startswith("Occupation at the shop ")]
    assert len(feature_lines) == 1
    assert feature_lines[0].split(" (")[0] == (
        "Occupation at the shop F.FEES.. 3 passed, 2 failed, 2 broken, 1 skipped")


def test_each_failure_is_one_line_and_only_a_test_defect_has_a_traceback(console):
    assert "  ✗ Assembly is completed after a pause — Product defect: completing ARM answered a server " \
           "error although the work is recorded (known defect D1)\n" in console
    assert "  ✗ Redis is down — Environment: Redis is unavailable at 127.0.0.1:6379\n" in console
    assert "  ✗ A step of the suite breaks — Test defect: KeyError: 'spool'\n      Traceback" in console
    assert console.count("Traceback (most recent call last)") == 1
    assert "POST /api/occupation/completar -> 500" not in console  # the message's first line only


def test_the_verdict_block_closes_the_output(console):
    lines = console.rstrip("\n").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Verdict: ")))
    assert lines[start:] == [
        "Verdict: embedded stand-in, API 3.0.0, 2026-12-01 11:40 UTC — not healthy: 1 product defect, "
        "1 contract drift",
        f"  ✗ {DEFECTS['D1'].sentence} — Product defect, critical",
        "  ✗ A spool's history is not one record with its sessions — Contract drift, normal",
        "  ✗ Redis is unavailable at 127.0.0.1:6379 — Environment, normal",
        "  ✗ A step of the suite breaks: KeyError: 'spool' — Test defect, minor",
        "  – 1 skipped: needs designated test spools (-D test_spools=...)",
        "3 passed, 4 failed, 1 skipped",
    ]
    assert "scenarios passed" not in console  # behave's own summary is off


def test_spools_are_listed_only_when_worth_knowing_or_asked_for(console, project):
    assert "Spools left in a state worth knowing:\n  TEST-02: held by worker 93, " \
           "lock left until 2026-12-01T12:41:00Z\nVerdict" in console.replace("\n\n", "\n")
    assert "TEST-03" not in console and "ACC-1-probe" not in console
    everything = run_project(project, "-D", "list_spools=yes").stdout
    assert "Spools the run touched:\n  TEST-02" in everything and "  TEST-03: free; ARM pending\n" in everything and "ACC-1-probe" in everything


def test_a_green_run_says_healthy(project):
    completed = run_project(project, "--tags=not @R5 and not @R6 and not @R3 and not @load",
                            PRODUCT_FIXED="1")
    assert completed.returncode == 0, completed.stdout
    assert "— healthy\n" in completed.stdout
    assert completed.stdout.rstrip().endswith("4 passed, 0 failed, 1 skipped")


def test_a_feature_the_selection_leaves_out_gets_no_line(project):
    completed = run_project(project, "--tags=@R2")
    assert completed.stdout.count("Occupation at the shop ") == 1
    other = project / "features" / "other.feature"
    other.write_text("Feature: Left out entirely\n  @load\n  Scenario: Heavy\n    Given the check passes\n")
    try:
        assert "Left out entirely" not in run_project(project, "--tags=@R2").stdout
    finally:
        other.unlink()
