"""One run, one report: the suite run twice into the same results folder, against two
different targets, renders a report with nothing of the first run, and each target keeps a
trend of its own."""

import json
import re

from standin.runner import running_standin
from tests.report_suite import render, report_data, run_suite
from zeues_acceptance.reporting import read_results, verdict_of

TAGS = "--tags=@smoke"


def test_a_second_run_against_another_target_leaves_nothing_of_the_first(tmp_path):
    results, history = tmp_path / "allure-results", tmp_path / "history"
    with running_standin(testing=True) as first, running_standin(testing=True) as second:
        run_suite(tmp_path / "behave", results, TAGS, "-D", f"base_url={first.base_url}")
        first_uuids = {result["uuid"] for result in read_results(results)}
        render(results, tmp_path / "first-report", history)
        run_suite(tmp_path / "behave", results, TAGS, "-D", f"base_url={second.base_url}")
        second_results = read_results(results)
        index_html = render(results, tmp_path / "report", history)

    assert first_uuids and second_results
    assert not first_uuids & {result["uuid"] for result in second_results}
    assert verdict_of(results).target == second.base_url
    data = report_data(index_html)
    everything = b"\n".join(data.values()).decode("utf-8", errors="replace")
    assert not re.search(re.escape(first.base_url) + r"(?!\d)", everything)
    assert second.base_url in everything
    summary = json.loads((tmp_path / "report" / "summary.json").read_text())
    assert summary["stats"]["total"] == len(second_results)
    trends = sorted(path.name for path in history.glob("*.jsonl"))
    assert len(trends) == 2, trends  # one per target
