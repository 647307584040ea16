"""The suite itself, run end to end: green on the clean stand-in, secrets kept out of the report."""

import uuid

from .runs import run_suite


def test_every_non_load_scenario_passes_on_the_embedded_standin(tmp_path):
    run = run_suite(tmp_path / "results")
    summary = run.summary
    assert run.returncode == 0, run.output[-3000:]
    assert summary["statuses"]["failed"] == 0 and summary["statuses"]["broken"] == 0, run.failed_names()
    assert summary["statuses"]["passed"] >= 40
    assert "Redis pre-check [ok]: healthy" in run.output
    assert (tmp_path / "results" / "environment.properties").read_text().count("redis.at_start") == 1


def test_a_planted_secret_appears_nowhere_in_the_results(tmp_path):
    secret = f"s3cr3t-{uuid.uuid4().hex}"
    results = tmp_path / "results"
    run = run_suite(results, "--tags=(@smoke or @critical) and not @load", env={"ZEUES_AUTH_TOKEN": secret})
    assert run.returncode == 0, run.output[-3000:]
    files = [path for path in results.rglob("*") if path.is_file()]
    attachments = [path for path in files if "attachment" in path.name]
    assert attachments, "no request/response attachments were written"
    assert any("[REDACTED]" in path.read_text(errors="replace") for path in attachments)
    leaks = [path.name for path in files if secret in path.read_text(errors="replace")]
    assert leaks == []
    assert secret not in run.output
