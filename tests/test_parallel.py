"""scripts/parallel_acceptance.py: the smoke scenarios split over two behave processes,
merged into one Allure result set with each scenario once and one run record."""

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from behave.parser import parse_file

from zeues_acceptance import run_record

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = PROJECT_ROOT / "scripts" / "parallel_acceptance.py"


def smoke_scenarios() -> list[tuple[str, str]]:
    """(feature, scenario) of every @smoke scenario, read from the feature files."""
    found = []
    for path in sorted((PROJECT_ROOT / "features").glob("*.feature")):
        feature = parse_file(str(path))
        found += [(feature.name, scenario.name) for scenario in feature.walk_scenarios()
                  if "smoke" in scenario.effective_tags and "load" not in scenario.effective_tags]
    return found


def feature_of(result: dict) -> str:
    return next(label["value"] for label in result["labels"] if label["name"] == "feature")


def test_two_processes_report_every_smoke_scenario_once_and_passed(tmp_path):
    results = tmp_path / "allure-results"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--processes", "2", "--results", str(results), "--tags=@smoke"],
        check=False, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "=== process 2/2:" in output, "the smoke scenarios did not go to two processes"

    reported = [json.loads(path.read_text()) for path in results.glob("*-result.json")]
    expected = smoke_scenarios()
    assert len(expected) >= 2
    assert Counter((feature_of(result), result["name"]) for result in reported) == Counter(expected)
    assert {result["name"]: result["status"] for result in reported} == {
        name: "passed" for _, name in expected}
    closing = output.rstrip().splitlines()
    assert closing[-1] == f"{len(expected)} passed, 0 failed, 0 skipped"
    assert closing[-2].startswith("Verdict: ") and closing[-2].endswith(" — healthy")
    assert run_record.read_run_record(results)["processes"] == 2


def test_the_processes_records_merge_into_one_beside_the_results(tmp_path):
    spec = importlib.util.spec_from_file_location("parallel_acceptance", SCRIPT)
    parallel = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parallel)
    first, second, results = tmp_path / "p1", tmp_path / "p2", tmp_path / "results"
    run_record.write_record_files(first, {"target": "embedded stand-in", "base_url": "http://127.0.0.1:1"})
    run_record.write_record_files(second, {"target": "embedded stand-in", "base_url": "http://127.0.0.1:2"})

    parallel.write_merged_record(results, [first, second])

    assert run_record.read_run_record(results) == {
        "target": "embedded stand-in", "base_url": "http://127.0.0.1:1 | http://127.0.0.1:2", "processes": 2}
    assert "Parallel\\ processes=2" in (results / "environment.properties").read_text().splitlines()
