"""The suite itself, run end to end as a person runs it: green on the clean stand-in with its
verdict last, and secrets kept out of every result file and of the console."""

import uuid

from .runs import run_suite


def test_every_scenario_but_load_passes_on_the_embedded_standin(tmp_path):
    run = run_suite(tmp_path / "results")
    summary = run.summary
    assert run.returncode == 0, run.output[-3000:]
    assert summary["statuses"]["failed"] == summary["statuses"]["broken"] == 0, run.failed_names()
    assert summary["statuses"]["passed"] >= 50 and summary["statuses"]["skipped"] == 0
    assert "embedded stand-in, API 3.0.0" in run.output and "— healthy" in run.output
    assert run.record["redis_at_start"] == "healthy" and run.record["test_support"] is True


def test_a_planted_secret_appears_nowhere_in_the_results(tmp_path):
    secret = f"s3cr3t-{uuid.uuid4().hex}"
    results = tmp_path / "results"
    run = run_suite(results, "--tags=@R10 or @R18", env={"ZEUES_AUTH_TOKEN": secret})
    assert run.returncode == 0, run.output[-3000:]
    files = [path for path in results.rglob("*") if path.is_file()]
    attachments = [path for path in files if "attachment" in path.name]
    assert attachments, "no request/response attachments were written"
    assert any("[REDACTED]" in path.read_text(errors="replace") for path in attachments)
    assert [path.name for path in files if secret in path.read_text(errors="replace")] == []
    assert secret not in run.output
