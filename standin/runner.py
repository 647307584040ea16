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
    redis: RedisServer | None  # None when REDIS_URL pointed at someone else's Redis
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
    """Yield a RunningStandin. `module` lets tests run a deliberately broken build of the app."""
    port = port or free_port()
    redis = None if os.environ.get("REDIS_URL") else RedisServer().start()
    child_env = {**os.environ, **(env or {})}
    if redis is not None:
        child_env["REDIS_URL"] = redis.url
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
        if redis is not None:
            redis.stop()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
