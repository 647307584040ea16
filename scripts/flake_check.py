"""Run the whole non-load suite many times against the embedded stand-in and say which runs
went red, and with which scenarios. A check to run by hand, not part of CI.

usage: python scripts/flake_check.py --runs N [--processes P] [behave args...]

Each run goes through scripts/parallel_acceptance.py into its own results folder,
reports/flake/run-NN/, with its console output beside it in run-NN.log (the folder
is emptied first). The last line says how many runs were green; the exit status is
non-zero if any run was red.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from zeues_acceptance.reporting import summarize_results  # noqa: E402

FLAKE_DIR = PROJECT_ROOT / "reports" / "flake"
PARALLEL = PROJECT_ROOT / "scripts" / "parallel_acceptance.py"


def run_once(number: int, processes: int, behave_args: list[str]) -> tuple[bool, list[str], str]:
    """(green, failure lines, counts) of one run of the suite."""
    results_dir = FLAKE_DIR / f"run-{number:02d}"
    # The embedded stand-in, whatever this shell points the suite at.
    env = {key: value for key, value in os.environ.items() if key != "ZEUES_BASE_URL"}
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, str(PARALLEL), "--processes", str(processes),
         "--results", str(results_dir), *behave_args],
        check=False, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, errors="replace")
    seconds = time.monotonic() - started
    (FLAKE_DIR / f"run-{number:02d}.log").write_text(completed.stdout, encoding="utf-8")
    summary = summarize_results(results_dir)
    failures = [f"{failure['name']} [{failure['status']}, {failure['category']}]: "
                f"{failure['message']}" for failure in summary["failures"]]
    closing = completed.stdout.rstrip().splitlines()[-1:] or ["no output"]
    green = completed.returncode == 0 and not failures
    if not green and not failures:
        failures = [f"exit status {completed.returncode}, no failed scenario: {closing[0]}"]
    return green, failures, f"{closing[0]} ({seconds:.1f} s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], allow_abbrev=False,
        epilog="Any other argument goes to behave, e.g. --tags=@writes.")
    parser.add_argument("--runs", type=int, required=True, help="how many runs in a row")
    parser.add_argument("--processes", type=int, default=1, help="behave processes per run")
    arguments, behave_args = parser.parse_known_args(argv)
    shutil.rmtree(FLAKE_DIR, ignore_errors=True)
    FLAKE_DIR.mkdir(parents=True)
    green_runs = 0
    failed_in: Counter = Counter()
    for number in range(1, arguments.runs + 1):
        green, failures, counts = run_once(number, arguments.processes, behave_args)
        green_runs += green
        print(f"run {number:02d}/{arguments.runs} {'green' if green else 'RED'}: {counts}", flush=True)
        for failure in failures:
            print(f"    {failure}", flush=True)
            failed_in[failure.split(" [")[0]] += 1
    for name, runs in failed_in.most_common():
        print(f"red in {runs}/{arguments.runs} runs: {name}")
    print(f"{green_runs}/{arguments.runs} runs green")
    return 0 if green_runs == arguments.runs else 1


if __name__ == "__main__":
    sys.exit(main())
