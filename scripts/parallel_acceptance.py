"""Run the acceptance suite in parallel behave processes, with one merged Allure result set.

usage: python scripts/parallel_acceptance.py --processes N [--results DIR] [behave args...]

The selected scenarios (behave.ini plus the behave arguments given: tags, names, paths
relative to the project root) are split across N behave processes, longest first by
the durations of earlier runs (reports/scenario-durations.json), so each process
gets about the same amount of work; scenarios never seen before count as the median.
Each process starts its own embedded stand-in and Redis, so a Redis fault scenario
only ever disturbs the process it runs in; with `-D base_url=URL` all of them talk
to that one target. Every process writes its Allure results into the same folder
(emptied first); each process's run record goes to a folder of its own, and one
merged record (with environment.properties, executor.json, categories.json) is written
beside the results after all have ended. The merged verdict closes the output.
The exit status is non-zero when any process failed or any scenario has no passing
or skipped result.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from allure_behave.utils import scenario_history_id
from behave.__main__ import run_behave
from behave.configuration import Configuration
from behave.formatter.base import StreamOpener
from behave.runner_util import collect_feature_locations, parse_features

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from zeues_acceptance import reporting, run_record  # noqa: E402
from zeues_acceptance.verdict import verdict_lines  # noqa: E402

DURATIONS_FILE = PROJECT_ROOT / "reports" / "scenario-durations.json"
ALLURE_FORMAT = "allure"
FAILED_STATUSES = ("failed", "broken", "unknown")
# Far above a whole run here (seconds, the load run excluded); only a hung process reaches it.
PROCESS_TIMEOUT_S = 1800


def select_scenarios(behave_args: list[str]) -> list:
    """The scenarios behave would run with these arguments (outline rows one by one)."""
    config = Configuration(behave_args)
    locations = [location for location in collect_feature_locations(config.paths)
                 if not config.exclude(location)]
    return [scenario for feature in parse_features(locations, language=config.lang)
            for scenario in feature.walk_scenarios() if scenario.should_run(config)]


def in_run_order(paths: set[str]) -> list[str]:
    """The feature files in behave.ini's order (live streams last), whatever the split."""
    configured = [os.path.normpath(path) for path in Configuration([]).paths]
    return sorted(paths, key=lambda path: (configured.index(os.path.normpath(path))
                                           if os.path.normpath(path) in configured else len(configured), path))


def split_by_duration(scenarios: list, processes: int, durations: dict[str, float]) -> list[list]:
    """Longest first onto the least loaded process (LPT scheduling), by the seconds each
    scenario took before, keyed by its Allure history id. Scenarios sharing a name stay
    together: a process selects its scenarios by name (see run_worker)."""
    seconds = {id(s): durations.get(scenario_history_id(s)) for s in scenarios}
    known = [value for value in seconds.values() if value is not None]
    default = statistics.median(known) if known else 1.0
    by_name: dict[str, list] = {}
    for scenario in scenarios:
        by_name.setdefault(scenario.name, []).append(scenario)
    weight = {name: sum(default if seconds[id(s)] is None else seconds[id(s)] for s in same_name)
              for name, same_name in by_name.items()}
    groups = [[] for _ in range(min(processes, len(by_name)))]
    loads = [0.0] * len(groups)
    for name in sorted(by_name, key=weight.get, reverse=True):
        lightest = loads.index(min(loads))
        groups[lightest].extend(by_name[name])
        loads[lightest] += weight[name]
    return groups


def read_durations() -> dict[str, float]:
    try:
        return json.loads(DURATIONS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record_durations(results: list[dict]) -> None:
    """Remember how long each scenario took, for the next split (written atomically)."""
    durations = read_durations()
    durations.update({result["historyId"]: (result["stop"] - result["start"]) / 1000
                      for result in results
                      if result.get("status") in ("passed", "failed") and "stop" in result})
    DURATIONS_FILE.parent.mkdir(parents=True, exist_ok=True)
    partial = DURATIONS_FILE.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(durations, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, DURATIONS_FILE)


def write_merged_record(results_dir: Path, environment_dirs: list[Path]) -> None:
    """One run record for the report: the processes' records merged (run_record.merge_records)."""
    records = [run_record.read_run_record(environment_dir) for environment_dir in environment_dirs]
    run_record.write_record_files(results_dir, run_record.merge_records(records))


def run_processes(groups: list[list], behave_args: list[str], results_dir: Path,
                  scratch: Path) -> list[tuple[int, float, str]]:
    """One worker per group, all at once; (exit status, seconds, output) of each."""
    def run_one(number: int, group: list) -> tuple[int, float, str]:
        selection = scratch / f"process-{number}.json"
        selection.write_text(json.dumps({
            "paths": in_run_order({scenario.filename for scenario in group}),
            "names": sorted({scenario.name for scenario in group}),
        }), encoding="utf-8")
        command = [sys.executable, __file__, "--worker", "--results", str(results_dir),
                   "--selection", str(selection), "--environment-dir",
                   str(scratch / f"process-{number}-environment"), "--", *behave_args]
        started = time.monotonic()
        # Its own process group: a hung or interrupted run takes its stand-ins down with it.
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace",
                                   start_new_session=True)
        try:
            output, _ = process.communicate(timeout=PROCESS_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            output = f"behave process {number} ran over {PROCESS_TIMEOUT_S} s and was stopped\n"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
        return process.returncode, time.monotonic() - started, output

    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        return list(pool.map(run_one, range(1, len(groups) + 1), groups))


def merged_results(results_dir: Path, scenarios: list) -> tuple[list[dict], list[str]]:
    """This run's results, one per scenario, and the scenarios that left none."""
    by_history = {}
    for path in results_dir.glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        kept = by_history.get(result.get("historyId"))
        if kept is None or result.get("stop", 0) >= kept.get("stop", 0):
            by_history[result.get("historyId")] = result
    missing = [f"{scenario.location} {scenario.name}" for scenario in scenarios
               if scenario_history_id(scenario) not in by_history]
    return list(by_history.values()), missing


def run_parallel(processes: int, results_dir: Path, behave_args: list[str]) -> int:
    scenarios = select_scenarios(behave_args)
    if not scenarios:
        print("No scenario matches these arguments.\n0 passed, 0 failed, 0 skipped")
        return 0
    groups = split_by_duration(scenarios, processes, read_durations())
    shutil.rmtree(results_dir, ignore_errors=True)
    results_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="parallel-acceptance-") as scratch:
        scratch = Path(scratch)
        finished = run_processes(groups, behave_args, results_dir, scratch)
        write_merged_record(results_dir, [scratch / f"process-{number}-environment"
                                          for number in range(1, len(groups) + 1)])
    for number, ((status, seconds, output), group) in enumerate(zip(finished, groups), start=1):
        print(f"\n=== process {number}/{len(groups)}: {len(group)} scenarios, "
              f"exit status {status}, {seconds:.1f} s ===\n{output.rstrip()}")
    results, missing = merged_results(results_dir, scenarios)
    record_durations(results)
    statuses = [result.get("status", "unknown") for result in results]
    failed = sum(statuses.count(status) for status in FAILED_STATUSES) + len(missing)
    verdict = reporting.verdict_of(results_dir)
    print(f"\n=== all {len(groups)} processes ===")
    for name in missing:
        print(f"No result (its process ended early?): {name}")
    print("Verdict: " + "\n".join(verdict_lines(verdict)))
    print(f"{statuses.count('passed')} passed, {failed} failed, {statuses.count('skipped')} skipped")
    return 1 if failed or any(status != 0 for status, _, _ in finished) else 0


def run_worker(results_dir: Path, selection: Path, environment_dir: Path,
               behave_args: list[str]) -> int:
    """behave as behave.ini configures it, on the scenarios named in the selection file.

    The scenarios are chosen by exact name, not by file:line: allure-behave leaves out
    scenarios excluded by tag or name, but reports those a location leaves out as
    skipped, which would put a skipped twin of every other process's scenario in the
    report. The allure formatter writes to results_dir; environment.py's run
    environment files, which every process would overwrite, go to environment_dir."""
    config = Configuration(behave_args)
    if ALLURE_FORMAT not in (config.format or []):
        print(f"behave.ini configures no '{ALLURE_FORMAT}' formatter", file=sys.stderr)
        return 2
    chosen = json.loads(selection.read_text(encoding="utf-8"))
    config.paths = chosen["paths"]
    config.name = [f"^{re.escape(name)}$" for name in chosen["names"]]
    config.name_re = Configuration.build_name_re(config.name)
    for index, name in enumerate(config.format):
        if name == ALLURE_FORMAT:
            config.outputs[index] = StreamOpener(filename=str(results_dir))
            config.outfiles[index] = str(environment_dir)
    return run_behave(config)


def parse_arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], allow_abbrev=False,
        epilog="Any other argument goes to behave, e.g. --tags=@smoke or -D base_url=URL.")
    parser.add_argument("--processes", type=int, default=2, help="behave processes (default 2)")
    parser.add_argument("--results", type=Path, default=PROJECT_ROOT / "allure-results",
                        help="Allure results folder, emptied first (default allure-results/)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--selection", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--environment-dir", type=Path, help=argparse.SUPPRESS)
    arguments, behave_args = parser.parse_known_args(argv)
    if behave_args[:1] == ["--"]:
        behave_args = behave_args[1:]
    if arguments.processes < 1:
        parser.error("--processes must be at least 1")
    arguments.results = arguments.results.resolve()
    return arguments, behave_args


def main(argv: list[str] | None = None) -> int:
    arguments, behave_args = parse_arguments(sys.argv[1:] if argv is None else argv)
    os.chdir(PROJECT_ROOT)  # behave.ini and the feature paths are the project's
    if arguments.worker:
        return run_worker(arguments.results, arguments.selection, arguments.environment_dir,
                          behave_args)
    return run_parallel(arguments.processes, arguments.results, behave_args)


if __name__ == "__main__":
    sys.exit(main())
