"""A live dashboard under load: one stream open for the whole run, counting every spool update
of the run's spools (TOMAR, PAUSAR and COMPLETAR events; a STATE_CHANGE follows a COMPLETAR
and is not an action of its own)."""

import itertools
import time

from locust import User, constant, task

from load.calls import fire_request
from load.ledger import TAG_PREFIX, update_key
from load.result import STREAM, SUBSCRIBE
from load.run_state import DEFAULT_DASHBOARDS, RUN
from load.shop_worker import PROCESS_TOKEN, SPOOL_CYCLE
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem, ProductDefect
from zeues_acceptance.stream import SpoolUpdateStream

COLLECT_EVERY_S = 1.0
ACTION_EVENTS = frozenset(step.accion for step in SPOOL_CYCLE)
_dashboard_numbers = itertools.count(1)


class Dashboard(User):
    fixed_count = DEFAULT_DASHBOARDS
    wait_time = constant(COLLECT_EVERY_S)

    def __init__(self, environment) -> None:
        super().__init__(environment)
        # Registered at spawn, before any shop worker starts, so the workers know to wait for it.
        self.log = RUN.ledger.new_dashboard(f"{PROCESS_TOKEN}-dashboard-{next(_dashboard_numbers)}")
        self.client: ZeuesClient | None = None
        self.stream: SpoolUpdateStream | None = None
        self.collected = 0
        RUN.dashboards.append(self)

    def on_start(self) -> None:
        self.client = ZeuesClient(self.environment.host,
                                  subscribe_grace=RUN.settings.subscribe_grace_s)
        started, clock = time.time(), time.perf_counter()
        exception = None
        try:
            self.stream = self.client.open_stream().open()  # returns once subscribed
        except (EnvironmentProblem, ContractDriftError, ProductDefect) as error:
            exception = error
            self.log.error = str(error).splitlines()[0]
        else:
            self.log.subscribed_at = time.time()
        fire_request(self.environment, SUBSCRIBE, started, (time.perf_counter() - clock) * 1000,
                     0, exception, request_type="GET")

    def on_stop(self) -> None:
        self.collect()
        if self.stream is not None:
            self.stream.close()
        if self.client is not None:
            self.client.close()

    @task
    def watch(self) -> None:
        self.collect()

    def collect(self) -> None:
        """Count the updates received so far; report once if the stream broke."""
        if self.stream is None:
            return
        events = self.stream.events
        self.log.seen.extend(
            update_key(event["tag_spool"], event["operacion"], event["event_type"])
            for event in events[self.collected:]
            if event["event_type"] in ACTION_EVENTS and event["tag_spool"].startswith(TAG_PREFIX)
        )
        self.collected = len(events)
        problem = self.problem()
        if problem is not None and self.log.error is None:
            self.log.error = problem
            fire_request(self.environment, STREAM, time.time(), 0, 0, RuntimeError(problem),
                         request_type="GET")

    def problem(self) -> str | None:
        """Why the stream cannot be trusted: an update off the contract, or its end."""
        if self.stream.drift is not None:
            return str(self.stream.drift).splitlines()[0]
        if self.stream.ended:
            return f"the live stream ended during the run: {self.stream.ended}"
        return None
