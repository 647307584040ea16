"""zeues_acceptance.run_record: one run's facts beside its results, and nothing of an earlier run."""

import json
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from zeues_acceptance import run_record
from zeues_acceptance.outcomes import CATEGORIES

REPO_ROOT = Path(__file__).resolve().parent.parent
PROPERTIES_READER = REPO_ROOT / "node_modules" / "@allurereport" / "reader" / "dist" / "properties.js"
needs_allure_reader = pytest.mark.skipif(
    not PROPERTIES_READER.exists() or shutil.which("node") is None,
    reason="the pinned Allure CLI is not installed (npm ci)")

RECORD = {
    "target": "embedded stand-in", "base_url": "http://127.0.0.1:41001", "api_version": "3.0.0",
    "started_at": "2026-12-01T11:40:12+00:00", "finished_at": None, "tags": "not @load",
    "redis_at_start": "healthy", "serves_v3": True,
    "spools": [{"tag": "TEST-02", "state": "held by worker 93", "lock_left_until": "2026-12-01T12:40:00Z"},
               {"tag": "TEST-03", "state": "free", "lock_left_until": None}],
    "pool.utilization_percent": 15,
}


def behave_config(*results_dirs, console="-"):
    """What run_record reads of behave's config: the formats and their outfiles."""
    return SimpleNamespace(format=["console", *["allure"] * len(results_dirs)],
                           outfiles=[console, *map(str, results_dirs)])


def test_begin_run_empties_every_allure_folder_and_nothing_else(tmp_path):
    first, second, other = tmp_path / "allure-a", tmp_path / "allure-b", tmp_path / "console.txt"
    (first / "nested").mkdir(parents=True)
    (first / "old-result.json").write_text("{}")
    (first / "nested" / "x").write_text("x")
    other.write_text("kept")

    run_record.begin_run(behave_config(first, second, console=str(other)))

    assert first.is_dir() and list(first.iterdir()) == []
    assert second.is_dir() and list(second.iterdir()) == []
    assert other.read_text() == "kept"


def test_the_record_lands_in_each_results_folder_and_on_the_config(tmp_path):
    config = behave_config(tmp_path / "results")
    run_record.write_run_record(config, RECORD)
    finished = {**RECORD, "finished_at": "2026-12-01T11:42:00+00:00"}
    run_record.write_run_record(config, finished)

    results = tmp_path / "results"
    assert run_record.read_run_record(results) == finished
    assert run_record.recorded(config) == finished
    assert json.loads((results / "categories.json").read_text()) == CATEGORIES
    executor = json.loads((results / "executor.json").read_text())
    assert executor["reportName"] == "ZEUES v3 acceptance"
    assert executor["buildName"] == "embedded stand-in at 2026-12-01T11:40:12+00:00"
    assert run_record.read_run_record(tmp_path / "none") == {}
    assert run_record.recorded(behave_config()) == {}


def test_environment_keys_are_words_and_values_are_text():
    assert run_record.readable_properties(RECORD) == {
        "Target": "embedded stand-in", "Base URL": "http://127.0.0.1:41001", "API version": "3.0.0",
        "Started (UTC)": "2026-12-01T11:40:12+00:00", "Finished (UTC)": "not known",
        "Tag selection": "not @load", "Redis at start": "healthy", "Serves the v3 interface": "yes",
        "Spools left": "TEST-02: held by worker 93 (lock left until 2026-12-01T12:40:00Z); TEST-03: free",
        "Pool utilization percent": "15",
    }
    assert run_record.readable_properties({"spools": []}) == {"Spools left": "none touched"}


def test_records_of_parallel_processes_merge_into_one():
    first = {**RECORD, "base_url": "http://127.0.0.1:1", "finished_at": "2026-12-01T11:41:00+00:00"}
    second = {**RECORD, "base_url": "http://127.0.0.1:2", "started_at": "2026-12-01T11:40:00+00:00",
              "finished_at": "2026-12-01T11:42:00+00:00",
              "spools": [{"tag": "ACC-1", "state": "free", "lock_left_until": None}]}

    merged = run_record.merge_records([first, second])

    assert merged["target"] == "embedded stand-in"
    assert merged["base_url"] == "http://127.0.0.1:1 | http://127.0.0.1:2"
    assert (merged["started_at"], merged["finished_at"]) == (second["started_at"], second["finished_at"])
    assert [spool["tag"] for spool in merged["spools"]] == ["TEST-02", "TEST-03", "ACC-1"]
    assert merged["processes"] == 2


PROPERTIES = {
    "Target": "http://127.0.0.1:8000",
    "Planta: línea": "ARM = soldadura #2",
    " lead space": " v3 ",
    "multi\nline": "a\\b\tc!",
    "emoji": "ok \U0001f600",
}


def test_environment_properties_are_escaped_as_java_properties(tmp_path):
    path = run_record.write_environment_properties(tmp_path, PROPERTIES)

    assert path.read_bytes().decode("ascii") == (
        "Target=http\\://127.0.0.1\\:8000\n"
        "Planta\\:\\ l\\u00EDnea=ARM \\= soldadura \\#2\n"
        "\\ lead\\ space=\\ v3 \n"
        "multi\\nline=a\\\\b\\tc\\!\n"
        "emoji=ok \\uD83D\\uDE00\n"
    )


@needs_allure_reader
def test_environment_properties_read_back_by_allure(tmp_path):
    path = run_record.write_environment_properties(tmp_path, PROPERTIES)
    script = (
        f"import {{ parseProperties }} from {json.dumps(PROPERTIES_READER.as_uri())};"
        "import { readFileSync } from 'node:fs';"
        "console.log(JSON.stringify(parseProperties(readFileSync(process.argv[1], 'utf-8'))));"
    )
    completed = subprocess.run(["node", "--input-type=module", "-e", script, str(path)],
                               capture_output=True, text=True, check=True)
    assert json.loads(completed.stdout) == PROPERTIES
