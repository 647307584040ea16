"""Run the behave suite as a user would, in a subprocess, and read its Allure results."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from zeues_acceptance.reporting import summarize_results
from zeues_acceptance.run_record import RECORD_FILE
from zeues_acceptance.suite_config import write_behave_config

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BEHAVE = [sys.executable, "-m", "behave"]


@dataclass
class SuiteRun:
    returncode: int
    output: str
    results_dir: Path

    @property
    def summary(self) -> dict:
        return summarize_results(self.results_dir)

    def outcome(self, scenario_name: str) -> tuple[str, str | None]:
        """(status, category) of the scenario whose name starts with scenario_name."""
        for result in self.summary["failures"]:
            if result["name"].startswith(scenario_name):
                return result["status"], result["category"]
        for result in _results(self.results_dir):
            if result.get("name", "").startswith(scenario_name):
                return result.get("status", "unknown"), None
        return "not run", None

    def failed_names(self) -> list[str]:
        return sorted(result["name"] for result in self.summary["failures"])

    def failure(self, scenario_name: str) -> dict:
        """The failure of the scenario whose name starts with scenario_name (its message...)."""
        return next(failure for failure in self.summary["failures"]
                    if failure["name"].startswith(scenario_name))

    @property
    def record(self) -> dict:
        """The run's record (zeues-run.json): target, spools left and their state..."""
        return json.loads((self.results_dir / RECORD_FILE).read_text(encoding="utf-8"))


def run_suite(results_dir: Path, *args: str, env: dict | None = None, timeout: int = 600) -> SuiteRun:
    """behave on the project's features and steps, run from a folder of its own."""
    workdir = write_behave_config(results_dir.parent / f"{results_dir.name}-behave", results_dir)
    python_path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    completed = subprocess.run(
        [*BEHAVE, "--no-capture", *args], cwd=workdir, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, "PYTHONPATH": python_path, **(env or {})},
    )
    return SuiteRun(completed.returncode, completed.stdout + completed.stderr, results_dir)


def _results(results_dir: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in results_dir.glob("*-result.json")]
