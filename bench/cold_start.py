"""`python -m bench.cold_start [--repetitions 1] [--behave-args "--tags=@smoke"]`: from
`make acceptance` on a fresh copy of the repository to the first scenario on the screen, with
today's lean requirements.txt and with the full set it replaced, side by side, as a ratio.

The copy is what a clone of the current work tree would hold: the files git tracks plus the
untracked files it does not ignore (so no .venv, node_modules, allure-results or reports);
for the full set its requirements.txt is the one of commit FULL_SET_COMMIT (the suite, the
stand-in and the project's test tools in one file). make runs on a pseudo-terminal, as in a
person's shell; each line is timestamped when its first character arrives, and the steps are
told apart by the lines make and the suite print. The sets are measured alternately, so a
cache that warms up favours neither. pip and npm use their caches and indexes as this machine
has them; both are recorded.
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
# The last commit whose requirements.txt held everything, test tools and load included.
FULL_SET_COMMIT = "ebfb64e"
SETS = ("lean", "full")
# A progress spinner returns to column 1 with an escape sequence, not a carriage return.
LINE_BREAK = re.compile(rb"\r\n|\n|\r|\x1b\[\d*G")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The step that starts with the first line matching its pattern (after the previous step's).
MARKERS = [
    ("python venv", re.compile(r"^\S*python3?\S* -m venv \.venv")),
    ("pip upgrade", re.compile(r"^\.venv/bin/python -m pip install .*--upgrade pip")),
    ("pip install requirements", re.compile(r"^\.venv/bin/python -m pip install .*-r requirements\.txt")),
    ("npm ci", re.compile(r"^npm ci\b")),
    ("behave to first scenario", re.compile(r"^Running the suite: ")),
    # The console's line of the first feature starts as its first scenario starts.
    ("first scenario to end of suite", re.compile(r" [.FES?]+ \d+ (passed|failed|broken|skipped)")),
    ("report rendering", re.compile(r"^Verdict: ")),
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
    lines, pending, line_started = [], b"", 0.0
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
            if not pending:
                line_started = now
            pending += chunk
            *complete, pending = LINE_BREAK.split(pending)
            for line in complete:
                lines.append((line_started, ANSI.sub("", line.decode(errors="replace"))))
                line_started = now
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


def full_set_requirements(commit: str) -> str:
    """requirements.txt as it was before the lean set-up: suite, stand-in and test tools."""
    return subprocess.run(["git", "show", f"{commit}:requirements.txt"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True).stdout


def one_start(scratch: Path, requirement_set: str, number: int, behave_args: str,
              full_set_commit: str) -> dict:
    """One fresh copy with this requirement set, one `make acceptance`; its raw output is kept
    in reports/bench/."""
    clone = scratch / f"clone-{requirement_set}-{number}"
    files = fresh_copy(clone)
    if requirement_set == "full":
        (clone / "requirements.txt").write_text(full_set_requirements(full_set_commit))
    caches = cache_state()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    log = RESULTS_DIR / f"{NAME}-{requirement_set}-{number + 1}.log"
    status, lines = timed_lines(["make", "acceptance", f"BEHAVE_ARGS={behave_args}"], clone, log)
    total = lines[-1][0] if lines else 0.0
    measured = steps(lines, total)  # a failing scenario still shows when the first one started
    closing = next((line for _, line in reversed(lines) if re.search(r"^\d+ passed, \d+ failed", line)), "")
    installed = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-m", "pip", "list",
                                "--format=freeze"], capture_output=True, text=True, check=False)
    return {"requirement_set": requirement_set, "files_copied": files, "caches_before": caches,
            "make_status": status, "total_seconds": total, "scenario_summary": closing.strip(),
            "packages_installed": len(installed.stdout.splitlines()),
            "venv_mb": round(sum(f.stat().st_size for f in (clone / ".venv").rglob("*")
                                 if f.is_file()) / 2**20, 1), **measured}


def grouped(spans: dict) -> dict:
    """The three parts asked about: Python set-up, Node set-up, behave up to the first scenario."""
    return {"venv + pip install": spans["python venv"] + spans["pip upgrade"]
            + spans["pip install requirements"],
            "npm ci": spans["npm ci"],
            "behave start to first scenario": spans["behave to first scenario"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__)
    parser.add_argument("--repetitions", type=int, default=1, help="starts per requirement set")
    parser.add_argument("--behave-args", default="--tags=@smoke",
                        help="BEHAVE_ARGS for make acceptance (the first scenario's time does not "
                             "depend on how many follow)")
    parser.add_argument("--full-set-commit", default=FULL_SET_COMMIT,
                        help="the commit whose requirements.txt is the full set")
    args = parser.parse_args(argv)
    say(f"cold_start: make acceptance on fresh copies of the work tree, {args.repetitions} per "
        f"requirement set ({', '.join(SETS)}, alternately)")
    runs: dict[str, list[dict]] = {name: [] for name in SETS}
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        for number in range(args.repetitions):
            for requirement_set in SETS:
                run = one_start(Path(scratch), requirement_set, number, args.behave_args,
                                args.full_set_commit)
                runs[requirement_set].append(run)
                say(f"  {requirement_set} start {number + 1}: first scenario after "
                    f"{run['first_scenario_at']:.1f} s ({run['packages_installed']} packages, "
                    f"{run['venv_mb']} MB venv; pip cache before: {run['caches_before']['pip_cache_mb']} MB)")
    medians = {name: {part: median(grouped(run["spans"])[part] for run in runs[name])
                      for part in grouped(runs[name][0]["spans"])} for name in SETS}
    first = {name: median(run["first_scenario_at"] for run in runs[name]) for name in SETS}
    rows = [[part, medians["lean"][part], medians["full"][part]] for part in medians["lean"]]
    rows.append(["= first scenario on screen", first["lean"], first["full"]])
    rows.append(["packages in .venv", runs["lean"][0]["packages_installed"], runs["full"][0]["packages_installed"]])
    rows.append([".venv size (MB)", runs["lean"][0]["venv_mb"], runs["full"][0]["venv_mb"]])
    ratio = first["lean"] / first["full"]
    say()
    say(table(["median seconds", "lean (today)", f"full ({args.full_set_commit})"], rows))
    say(f"\nlean / full, time to first scenario: {ratio:.2f} ({(1 - ratio) * 100:.0f} % sooner)")
    path = write_result(NAME, {
        "command": "python -m bench.cold_start", "repetitions": args.repetitions,
        "behave_args": args.behave_args, "full_set_commit": args.full_set_commit,
        "median_first_scenario_seconds": first, "median_parts": medians,
        "ratio_lean_to_full": ratio, "runs": runs})
    say(f"written: {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
