"""This process's share of a load run: its settings, ledger, dashboards, pool sampler and the
signal that tells the shop workers to stop so the dashboards can catch up.

One `RUN` per process, shared by the Locust users and the event hooks (gevent: one thread).
"""

import time
from dataclasses import dataclass

import gevent
from gevent.event import Event
from gevent.lock import Semaphore

from load.ledger import RunLedger
from load.sampler import sample_pool
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.run_checks import worker_names

DEFAULT_DASHBOARDS = 20
DEFAULT_THINK_TIME_S = (0.1, 0.5)
DEFAULT_DRAIN_S = 3.0
# ZEUES v3.0 subscribes a stream just after its headers; the embedded stand-in before them.
DEFAULT_SUBSCRIBE_GRACE_S = 1.0
SUBSCRIPTION_WAIT_S = 15.0
# A sampler with no known end still stops: no load run here lasts an hour.
LONGEST_SAMPLING_S = 3600.0
DRAIN_MESSAGE = "zeues_drain"


@dataclass
class LoadSettings:
    dashboards: int = DEFAULT_DASHBOARDS
    think_time_s: tuple[float, float] = DEFAULT_THINK_TIME_S
    drain_s: float = DEFAULT_DRAIN_S
    subscribe_grace_s: float = DEFAULT_SUBSCRIBE_GRACE_S
    # Shop workers wait (a while) for this many local dashboards; None: for those already opening.
    expected_local_dashboards: int | None = None


class LoadRun:
    def __init__(self) -> None:
        self.settings = LoadSettings()
        self.ledger = RunLedger()
        self.draining = Event()
        self.dashboards: list = []  # this process's Dashboard users
        self.started_at = time.time()
        self.calls_in_flight = 0
        self._names: dict[int, str] | None = None
        self._names_lock = Semaphore()
        self._sampler_stop = Event()
        self._sampler: gevent.Greenlet | None = None
        self._drain_timer: gevent.Greenlet | None = None

    def begin(self) -> None:
        self.ledger = RunLedger()
        self.draining.clear()
        self.dashboards = []
        self.started_at = time.time()
        self.calls_in_flight = 0

    def worker_names(self, host: str) -> dict[int, str]:
        """The target's active workers (id -> nombre_completo), read once per process."""
        with self._names_lock:
            if self._names is None:
                with ZeuesClient(host) as client:
                    self._names = worker_names(client)
            return self._names

    def drain(self) -> None:
        """Shop workers stop acting, so the dashboards can catch up before the run ends."""
        self.draining.set()

    def collect_dashboards(self) -> None:
        for dashboard in self.dashboards:
            dashboard.collect()

    def caught_up(self) -> bool:
        """No call is in flight and every dashboard has every update recorded so far."""
        if self.calls_in_flight:
            return False
        self.collect_dashboards()
        return all(verdict.missing == 0 for verdict in self.ledger.dashboard_verdicts())

    def wait_until_caught_up(self, within: float) -> bool:
        deadline = time.monotonic() + within
        while not self.caught_up():
            if time.monotonic() >= deadline:
                return False
            gevent.sleep(0.1)
        return True

    def wait_for_dashboards(self) -> None:
        """Let this process's dashboards subscribe first, so every update is owed to all of them."""
        expected = self.settings.expected_local_dashboards
        deadline = time.monotonic() + SUBSCRIPTION_WAIT_S
        while time.monotonic() < deadline:
            settled = sum(not log.opening for log in self.ledger.dashboards.values())
            if self.ledger.dashboards_opening() == 0 and (expected is None or settled >= expected):
                return
            gevent.sleep(0.05)

    def start_sampler(self, host: str) -> None:
        self._sampler_stop.clear()
        self._sampler = gevent.spawn(
            sample_pool, host, self.ledger, self._sampler_stop, LONGEST_SAMPLING_S)

    def drain_later(self, runner, after_s: float) -> None:
        """Tell every process's shop workers to stop `after_s` from now (locust command runs)."""
        self._drain_timer = gevent.spawn_later(after_s, runner.send_message, DRAIN_MESSAGE)

    def stop_background(self) -> None:
        """End the sampler and a pending drain timer."""
        if self._drain_timer is not None:
            self._drain_timer.kill()
            self._drain_timer = None
        self._sampler_stop.set()
        if self._sampler is not None:
            self._sampler.join(timeout=5)
            self._sampler.kill()
            self._sampler = None


RUN = LoadRun()
