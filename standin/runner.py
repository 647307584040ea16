"""Start the stand-in and its Redis for a test run; stop exactly what was started."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from .redis_server import RedisServer, die_with_parent, free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class StandinError(RuntimeError):
    pass


@dataclass
class RunningStandin:
    base_url: str
    redis: RedisServer  # its own: tests and fault scenarios stop, restart and limit it
    process: subprocess.Popen
    log_path: Path

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


@contextmanager
def running_standin(*, testing: bool = True, port: int | None = None, module: str = "standin",
                    extra_args: tuple[str, ...] = (), env: dict | None = None,
                    log_dir: Path | None = None, ready_within: float = 30.0):
    """Yield a RunningStandin with a Redis of its own, whatever REDIS_URL says: a shared Redis
    could not be stopped for fault scenarios. `module` lets tests run a deliberately broken
    build of the app."""
    port = port or free_port()
    redis = RedisServer().start()
    child_env = {**os.environ, **(env or {}), "REDIS_URL": redis.url}
    child_env.pop("ZEUES_REDIS_URL", None)  # it would win over REDIS_URL in Settings
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), child_env.get("PYTHONPATH", "")) if p)
    log_path = Path(log_dir or PROJECT_ROOT / "reports") / f"standin-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", module, "--port", str(port), *extra_args]
    if testing:
        command.append("--testing")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=child_env, stdout=log, stderr=subprocess.STDOUT,
                                   cwd=PROJECT_ROOT, preexec_fn=die_with_parent)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, ready_within)
        yield RunningStandin(base_url, redis, process, log_path)
    finally:
        _stop(process)
        redis.stop()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
