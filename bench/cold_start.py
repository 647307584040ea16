"""`python -m bench.cold_start [--repetitions 1]`: from `make acceptance` on a fresh copy of the
repository to the first scenario on the screen, split into the steps make runs.

The copy is what a clone of the current work tree would hold: the files git tracks plus the
untracked files it does not ignore (so no .venv, node_modules, allure-results or reports).
make runs on a pseudo-terminal, as in a person's shell, so output appears line by line;
each line is timestamped and the steps are told apart by the commands make echoes. pip and
npm use their caches and indexes as this machine has them; both are recorded.
"""

import argparse
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench.common import PROJECT_ROOT, RESULTS_DIR, say, table, write_result

NAME = "cold_start"
MAKE_TIMEOUT_SECONDS = 1800
# A progress spinner returns to column 1 with an escape sequence, not a carriage return.
LINE_BREAK = re.compile(rb"\r\n|\n|\r|\x1b\[\d*G")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The step that starts when make echoes a line beginning with this text.
MARKERS = [
    ("python venv", re.compile(r"^\S*python3?\S* -m venv \.venv")),
    ("pip upgrade", re.compile(r"^\.venv/bin/python -m pip install .*--upgrade pip")),
    ("pip install requirements", re.compile(r"^\.venv/bin/python -m pip install .*-r requirements\.txt")),
    ("npm ci", re.compile(r"^npm ci\b")),
    ("clear results", re.compile(r"^rm -rf allure-results")),
    ("behave to first scenario", re.compile(r"^\.venv/bin/behave\b")),
    ("first scenario to end of suite", re.compile(r"^\s*Scenario( Outline)?:")),
    ("report rendering", re.compile(r"^Took \d+min")),
]


def fresh_copy(destination: Path) -> int:
    """Copy the files a clone would hold; returns how many."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    names = sorted({name for name in listed.decode().split("\0") if name})
    copied = 0
    for name in names:
        source = PROJECT_ROOT / name
        if not source.is_file():
            continue  # tracked but deleted in the work tree
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied += 1
    return copied


def shell_environment() -> dict:
    """This process's environment without any Python virtual environment it may run in."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    venv_bin = str(Path(sys.prefix) / "bin")
    environment["PATH"] = os.pathsep.join(
        entry for entry in environment.get("PATH", "").split(os.pathsep)
        if sys.prefix == sys.base_prefix or entry != venv_bin)
    return environment


def timed_lines(command: list[str], cwd: Path, log: Path) -> tuple[int, list[tuple[float, str]]]:
    """Run command on a pseudo-terminal; (exit status, [(seconds since start, line)])."""
    controller, terminal = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=shell_environment(), stdin=subprocess.DEVNULL,
                               stdout=terminal, stderr=terminal, start_new_session=True)
    os.close(terminal)
    lines, pending = [], b""
    deadline = started + MAKE_TIMEOUT_SECONDS
    with open(log, "wb") as raw:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closes when the last writer exits
                break
            if not chunk:
                break
            raw.write(chunk)
            now = time.monotonic() - started
            pending += chunk
            *complete, pending = LINE_BREAK.split(pending)
            lines += [(now, ANSI.sub("", line.decode(errors="replace"))) for line in complete]
    os.close(controller)
    try:
        status = process.wait(max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        raise SystemExit(f"make acceptance did not finish within {MAKE_TIMEOUT_SECONDS} s; see {log}")
    return status, lines


def steps(lines: list[tuple[float, str]], total: float) -> dict:
    """Seconds spent in each step, from the first line that marks it to the next step's."""
    starts = {}
    for step, pattern in MARKERS:
        after = max(starts.values(), default=0.0)
        starts[step] = next((t for t, line in lines if t >= after and pattern.search(line)), None)
        if starts[step] is None:
            raise SystemExit(f"make's output has no line for '{step}' ({pattern.pattern})")
    ordered = list(starts.items())
    spans = {step: (ordered[i + 1][1] if i + 1 < len(ordered) else total) - start
             for i, (step, start) in enumerate(ordered)}
    return {"spans": spans, "first_scenario_at": starts["first scenario to end of suite"],
            "starts": starts}


def cache_state() -> dict:
    """What pip and npm had to work with: cache sizes and where pip looks for packages."""
    def size(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else 0

    def output(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True, env=shell_environment(),
                              check=False).stdout.strip()

    pip_cache = Path(output("python3", "-m", "pip", "cache", "dir") or "/nonexistent")
    npm_cache = Path(output("npm", "config", "get", "cache") or "/nonexistent")
    pip_config = output("python3", "-m", "pip", "config", "list").splitlines()
    return {"pip_cache_dir": str(pip_cache), "pip_cache_mb": round(size(pip_cache) / 2**20, 1),
            "npm_cache_dir": str(npm_cache), "npm_cache_mb": round(size(npm_cache) / 2**20, 1),
            "pip_config": pip_config, "python3": output("python3", "--version")}


def one_start(scratch: Path, number: int) -> dict:
    """One fresh copy, one `make acceptance`; its raw output is kept in reports/bench/."""
    clone = scratch / f"clone-{number}"
    files = fresh_copy(clone)
    caches = cache_state()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    log = RESULTS_DIR / f"{NAME}-make-{number + 1}.log"
    status, lines = timed_lines(["make", "acceptance"], clone, log)
    total = lines[-1][0] if lines else 0.0
    if status != 0:
        tail = "\n".join(line for _, line in lines[-40:])
        raise SystemExit(f"make acceptance exited with {status}:\n{tail}")
    measured = steps(lines, total)
    summary = next((line for _, line in lines if re.search(r"\d+ scenarios? passed", line)), "")
    return {"files_copied": files, "caches_before": caches, "make_status": status,
            "total_seconds": total, "scenario_summary": summary.strip(), **measured}


def grouped(spans: dict) -> dict:
    """The three parts asked about: Python set-up, Node set-up, behave up to the first scenario."""
    return {"venv + pip install": spans["python venv"] + spans["pip upgrade"]
            + spans["pip install requirements"],
            "npm ci": spans["npm ci"],
            "behave start to first scenario": spans["clear results"] + spans["behave to first scenario"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__)
    parser.add_argument("--repetitions", type=int, default=1)
    args = parser.parse_args(argv)
    say(f"cold_start: make acceptance on {args.repetitions} fresh copy(ies) of the work tree")
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        for number in range(args.repetitions):
            runs.append(one_start(Path(scratch), number))
            run = runs[-1]
            say(f"  start {number + 1}: first scenario after {run['first_scenario_at']:.1f} s "
                f"(pip cache before: {run['caches_before']['pip_cache_mb']} MB)")
    parts = [grouped(run["spans"]) for run in runs]
    rows = [[part] + [p[part] for p in parts] for part in parts[0]]
    rows.append(["= first scenario on screen"] + [run["first_scenario_at"] for run in runs])
    rows.append(["(whole make acceptance, report included)"] + [run["total_seconds"] for run in runs])
    say()
    say(table(["seconds"] + [f"start {n + 1}" for n in range(len(runs))], rows))
    dominant = max(parts[0], key=parts[0].get)
    say(f"\nlargest part: {dominant}; scenarios: {runs[0]['scenario_summary']}")
    path = write_result(NAME, {
        "command": "python -m bench.cold_start", "repetitions": args.repetitions,
        "median_first_scenario_seconds": median([run["first_scenario_at"] for run in runs]),
        "parts": parts, "largest_part": dominant, "runs": runs})
    say(f"written: {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
