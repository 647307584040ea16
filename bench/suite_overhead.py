"""`python -m bench.suite_overhead [--repetitions N]`: what the acceptance suite costs over
a plain requests script that makes the same HTTP calls, as a ratio within one run.

One stand-in serves everything. behave runs once, in-process with a recorder, to capture
the exact calls of a full non-load run (set-up and clean-up included); then the suite
(behave with the project's formats, Allure results to a temporary folder) and the plain
script (bench.plain_replay) run alternately, each as a fresh process, against the same
stand-in. Every run makes spools of its own, so each hits the same states.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench.common import PROJECT_ROOT, say, table, write_result
from standin.runner import running_standin
from zeues_acceptance.suite_config import write_behave_config

NAME = "suite_overhead"
RUN_TIMEOUT_SECONDS = 600
NEW_SPOOL_PATH = "/api/testing/spools"
TOMAR_PATH = "/api/occupation/tomar"
PROBE_TAG = re.compile(r"ACC-([0-9a-f]{8})-probe")
# The verdict formatter's last line; behave's own summary (with its "Took") is off.
SCENARIO_COUNTS = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", re.MULTILINE)


def environment() -> dict:
    python_path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": python_path}


def run(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=environment(), capture_output=True, text=True,
                               timeout=RUN_TIMEOUT_SECONDS, check=False)
    return time.perf_counter() - started, completed


def replay_plan(calls: list[dict], base_url: str) -> tuple[list[dict], str]:
    """The recorded calls as paths on the stand-in, with the recording's run id, and each
    race's winner moved to the front so that a one-after-another replay gets the same answers."""
    plan = [{"method": c["method"], "path": c["url"].removeprefix(base_url), "body": c["body"],
             "stream": c["stream"], "status": c["status"]} for c in calls]
    probe = next(c for c in plan if c["path"] == NEW_SPOOL_PATH and PROBE_TAG.search(c["body"]))
    run_id = PROBE_TAG.search(probe["body"]).group(1)
    return winners_first(plan), run_id


def winners_first(plan: list[dict]) -> list[dict]:
    """Within each run of consecutive TOMARs of one spool, the successful one first."""
    ordered, index = [], 0
    while index < len(plan):
        end = index + 1
        while end < len(plan) and same_take(plan[index], plan[end]):
            end += 1
        ordered += sorted(plan[index:end], key=lambda call: call["status"] != 200)
        index = end
    return ordered


def same_take(first: dict, second: dict) -> bool:
    return (first["path"] == second["path"] == TOMAR_PATH
            and json.loads(first["body"])["tag_spool"] == json.loads(second["body"])["tag_spool"])


def request_attachments(results_dir: Path) -> int:
    """How many `request: METHOD URL` attachments the Allure results hold (in-scenario calls)."""
    def count(node) -> int:
        own = sum(1 for a in node.get("attachments", []) if a.get("name", "").startswith("request: "))
        return own + sum(count(step) for step in node.get("steps", []))

    return sum(count(json.loads(path.read_text())) for path in results_dir.glob("*-result.json"))


def scenarios_span(results_dir: Path) -> float:
    """Seconds from the first scenario's start to the last one's end, as Allure recorded them."""
    results = [json.loads(path.read_text()) for path in results_dir.glob("*-result.json")]
    return (max(r["stop"] for r in results) - min(r["start"] for r in results)) / 1000


def suite_run(base_url: str, workdir: Path, results_dir: Path) -> dict:
    seconds, completed = run([sys.executable, "-m", "behave", "-D", f"base_url={base_url}"], workdir)
    if completed.returncode != 0:
        raise SystemExit(f"the suite failed, so its time means nothing:\n{completed.stdout[-3000:]}"
                         f"\n{completed.stderr[-2000:]}")
    scenarios = SCENARIO_COUNTS.search(completed.stdout)
    return {"seconds": seconds, "behave_took": scenarios_span(results_dir),
            "scenarios": dict(zip(("passed", "failed", "skipped"), map(int, scenarios.groups()), strict=True))}


def plain_run(plan_file: Path, base_url: str, old_id: str, new_id: str, expected: list[int]) -> dict:
    command = [sys.executable, "-m", "bench.plain_replay", str(plan_file), base_url, old_id, new_id]
    seconds, completed = run(command, PROJECT_ROOT)
    if completed.returncode != 0:
        raise SystemExit(f"the plain replay failed:\n{completed.stderr[-3000:]}")
    replayed = json.loads(completed.stdout)
    differing = [(index, want, got) for index, (want, got)
                 in enumerate(zip(expected, replayed["statuses"], strict=True)) if want != got]
    return {"seconds": seconds, "in_process": replayed["seconds"], "differing_statuses": differing}


def measure(repetitions: int, scratch: Path) -> dict:
    with running_standin(testing=True, log_dir=scratch) as standin:
        base_url = standin.base_url
        calls_file = scratch / "calls.json"
        recording = run([sys.executable, "-m", "bench.record_calls", str(calls_file),
                         "-D", f"base_url={base_url}"],
                        write_behave_config(scratch / "record", scratch / "record-results"))[1]
        if recording.returncode != 0:
            raise SystemExit(f"the recording run failed:\n{recording.stdout[-3000:]}")
        plan, run_id = replay_plan(json.loads(calls_file.read_text()), base_url)
        plan_file = scratch / "plan.json"
        plan_file.write_text(json.dumps(plan))
        expected = [call["status"] for call in plan]

        warm_up = plain_run(plan_file, base_url, run_id, "b0000000", expected)
        suite, plain = [], []
        for repetition in range(repetitions):
            results_dir = scratch / f"results-{repetition}"
            suite.append(suite_run(base_url, write_behave_config(scratch / f"run-{repetition}", results_dir),
                                   results_dir))
            plain.append(plain_run(plan_file, base_url, run_id, f"b{repetition + 1:07x}", expected))
            say(f"  repetition {repetition + 1}: suite {suite[-1]['seconds']:.2f} s, "
                f"plain {plain[-1]['seconds']:.2f} s")
        attachments = request_attachments(scratch / "results-0")
    return {"calls": len(plan), "calls_in_scenarios": attachments,
            "streams": sum(call["stream"] for call in plan),
            "methods": {m: sum(c["method"] == m for c in plan) for m in ("GET", "POST")},
            "warm_up_differing_statuses": warm_up["differing_statuses"],
            "suite": suite, "plain": plain}


def summarize(measured: dict) -> dict:
    suite_wall = median([r["seconds"] for r in measured["suite"]])
    plain_wall = median([r["seconds"] for r in measured["plain"]])
    suite_inner = median([r["behave_took"] for r in measured["suite"]])
    plain_inner = median([r["in_process"] for r in measured["plain"]])
    return {"suite_median_seconds": suite_wall, "plain_median_seconds": plain_wall,
            "ratio_suite_over_plain": suite_wall / plain_wall,
            "suite_behave_took_median_seconds": suite_inner,
            "plain_in_process_median_seconds": plain_inner,
            "ratio_in_process": suite_inner / plain_inner}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite_overhead", description=__doc__)
    parser.add_argument("--repetitions", type=int, default=5, help="runs of each, alternating")
    args = parser.parse_args(argv)
    say(f"suite_overhead: recording the calls, then {args.repetitions} alternating runs of each")
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as scratch:
        measured = measure(args.repetitions, Path(scratch))
    summary = summarize(measured)
    scenarios = measured["suite"][0]["scenarios"]
    differing = sum(len(r["differing_statuses"]) for r in measured["plain"])
    say()
    say(table(["", "suite (behave + Allure)", "plain requests", "suite / plain"], [
        ["median wall time, s (fresh process)", summary["suite_median_seconds"],
         summary["plain_median_seconds"], summary["ratio_suite_over_plain"]],
        ["median time in scenarios, s", summary["suite_behave_took_median_seconds"],
         summary["plain_in_process_median_seconds"], summary["ratio_in_process"]],
    ]))
    say(f"\n{measured['calls']} HTTP calls per run ({measured['methods']['GET']} GET, "
        f"{measured['methods']['POST']} POST, {measured['streams']} live-update streams); "
        f"{measured['calls_in_scenarios']} of them inside scenarios (Allure request attachments)")
    say(f"scenarios per suite run: {scenarios['passed']} passed, {scenarios['failed']} failed, "
        f"{scenarios['skipped']} skipped; replay statuses differing from the recording: {differing}")
    path = write_result(NAME, {"command": "python -m bench.suite_overhead",
                               "repetitions": args.repetitions, "scenarios": scenarios,
                               **summary, **measured})
    say(f"written: {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
