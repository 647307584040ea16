"""Against a target without the test-support endpoint (like production) the suite touches only
designated test spools, releases them even when a scenario fails midway, and says so."""

import requests

from standin.runner import running_standin

from .runs import run_suite

DESIGNATED = ["TEST-11", "TEST-12", "TEST-13"]


def holders(base_url: str) -> dict[str, object]:
    return {tag: requests.get(f"{base_url}/api/spools/{tag}", timeout=10).json()["ocupado_por"]
            for tag in DESIGNATED}


def test_a_failure_midway_still_releases_every_touched_spool(tmp_path):
    # history_as_list breaks the history read that comes after a TOMAR has taken the spool.
    with running_standin(testing=False, module="tests.mutants",
                         extra_args=("--fault", "history_as_list")) as standin:
        run = run_suite(tmp_path / "results", "-D", f"base_url={standin.base_url}",
                        "-D", "test_spools=" + ",".join(DESIGNATED),
                        "--include", "history.feature")
        assert run.outcome("Taking a spool opens a session") == ("failed", "Contract drift")
        assert holders(standin.base_url) == dict.fromkeys(DESIGNATED)
        assert "Spools this run touched" in run.output
        assert "TEST-11: free" in run.output


def test_writing_scenarios_skip_with_a_reason_when_no_test_spools_are_given(tmp_path):
    with running_standin(testing=False) as standin:
        run = run_suite(tmp_path / "results", "-D", f"base_url={standin.base_url}",
                        "--include", "history.feature")
        summary = run.summary
        assert run.returncode == 0, run.output[-2000:]
        assert summary["statuses"]["skipped"] >= 4 and summary["statuses"]["passed"] >= 1
        assert "no designated test spools were given" in run.output
        assert holders(standin.base_url) == dict.fromkeys(DESIGNATED)
