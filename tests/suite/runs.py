"""Run the behave suite as a user would, in a subprocess, and read its Allure results."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from zeues_acceptance.reporting import summarize_results

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
        return "passed", None

    def failed_names(self) -> list[str]:
        return sorted(result["name"] for result in self.summary["failures"])


CONFIG = """[behave]
paths = {features}
default_tags = not @load
format = plain
  allure
outfiles = -
  {results}
show_skipped = true

[behave.formatters]
allure = allure_behave.formatter:AllureFormatter

[behave.userdata]
# Skipped scenarios show in the report with their reason; tag-excluded ones do not.
AllureFormatter.hide_excluded = true
"""


def run_suite(results_dir: Path, *args: str, env: dict | None = None, timeout: int = 600) -> SuiteRun:
    """behave on the project's features and steps, from a folder of its own whose behave.ini
    sends the Allure results to results_dir (a second allure formatter would clash)."""
    workdir = results_dir.parent / f"{results_dir.name}-behave"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "behave.ini").write_text(
        CONFIG.format(features=PROJECT_ROOT / "features", results=results_dir))
    python_path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    completed = subprocess.run(
        [*BEHAVE, "--no-capture", *args], cwd=workdir, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, "PYTHONPATH": python_path, **(env or {})},
    )
    return SuiteRun(completed.returncode, completed.stdout + completed.stderr, results_dir)
