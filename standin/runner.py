"""Start the stand-in and its Redis for a test run; stop exactly what was started."""

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from .redis_server import RedisServer, die_with_parent, free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CLEAN_EXIT_CODES = (0, -signal.SIGTERM)
# `python -m <module> [args]` for a start that names no module: lets a self-verification run
# make the suite's own embedded stand-in a fault build (`tests.mutants --fault D10`).
EMBEDDED_MODULE_VARIABLE = "ZEUES_STANDIN_MODULE"


class StandinError(RuntimeError):
    pass


@dataclass
class RunningStandin:
    base_url: str
    redis: RedisServer  # its own: tests and fault scenarios stop, restart and limit it
    process: subprocess.Popen
    log_path: Path  # temporary: removed when the stand-in stops cleanly

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def wait_until_healthy(base_url: str, process: subprocess.Popen, within: float) -> None:
    """Poll /api/health until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StandinError(f"stand-in exited with {process.returncode} before it was ready")
        try:
            if requests.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise StandinError(f"stand-in at {base_url} not healthy within {within} s")


def standin_command(module: str | None, extra_args: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The module to run and its arguments: the caller's module, else ZEUES_STANDIN_MODULE's
    (whose own arguments come first), else the stand-in itself."""
    if module is not None:
        return module, tuple(extra_args)
    module, *arguments = shlex.split(os.environ.get(EMBEDDED_MODULE_VARIABLE) or "standin")
    return module, (*arguments, *extra_args)


@contextmanager
def running_standin(*, testing: bool = True, port: int | None = None, module: str | None = None,
                    extra_args: tuple[str, ...] = (), env: dict | None = None,
                    log_dir: Path | None = None, ready_within: float = 30.0):
    """Yield a RunningStandin with a Redis of its own, whatever REDIS_URL says: a shared Redis
    could not be stopped for fault scenarios. `module` lets tests run a deliberately broken
    build of the app (default: standin_command's); `log_dir` is where the temporary log goes
    (the system's temp dir)."""
    module, extra_args = standin_command(module, extra_args)
    port = port or free_port()
    redis = RedisServer().start()
    child_env = {**os.environ, **(env or {}), "REDIS_URL": redis.url}
    child_env.pop("ZEUES_REDIS_URL", None)  # it would win over REDIS_URL in Settings
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), child_env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-m", module, "--port", str(port), *extra_args]
    if testing:
        command.append("--testing")
    log_file = tempfile.NamedTemporaryFile(prefix=f"standin-{port}-", suffix=".log",
                                           dir=log_dir, delete=False)
    log_path = Path(log_file.name)
    with log_file:
        process = subprocess.Popen(command, env=child_env, stdout=log_file,
                                   stderr=subprocess.STDOUT, cwd=PROJECT_ROOT,
                                   preexec_fn=die_with_parent)
    base_url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_healthy(base_url, process, ready_within)
        except StandinError as error:
            _stop(process)
            text = log_path.read_text(errors="replace")
            log_path.unlink()
            raise StandinError(f"{error}; its log:\n{text}") from None
        yield RunningStandin(base_url, redis, process, log_path)
    finally:
        if _stop(process) in CLEAN_EXIT_CODES:
            log_path.unlink(missing_ok=True)
        redis.stop()


def _stop(process: subprocess.Popen) -> int:
    """Terminate the process if it still runs; its exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode
