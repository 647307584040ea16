"""Locust users for the ZEUES v3 API at production scale: shop workers, live dashboards, a pool sampler.

Every call goes through `ZeuesClient`, so requests and answers are checked
against `schemas/` under load too. Usually run by `python -m load.run`
(Locust as a library); the locust command runs the same file, alone or
distributed (`--host` is the API's base URL, `-u` counts dashboards too):

    locust -f load/locustfile.py --headless -u 70 -r 70 -t 60s --host URL \
        --dashboards 20 --zeues-out reports/load --csv reports/load/locust
    locust -f load/locustfile.py --master --headless --expect-workers 2 -u 70 -r 70 -t 60s \
        --host URL --dashboards 20 --zeues-out reports/load --csv reports/load/locust
    locust -f load/locustfile.py --worker --master-host 127.0.0.1

The pool sampler and the result files live on the master (or the one local
process); worker processes send what their users saw with their stats.
"""
import sys
from pathlib import Path

# The locust command puts only load/ on sys.path; the project's packages need its root.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import itertools
import logging
import random
import secrets
import time
from collections import deque
from dataclasses import dataclass

import gevent
from gevent.event import Event
from locust import User, constant, events, task
from locust.runners import LocalRunner, MasterRunner, WorkerRunner

from load.ledger import (
    CONTRACT_DRIFT,
    TAG_PREFIX,
    UNREACHABLE,
    PoolSample,
    RunLedger,
    failure_kind,
    update_key,
)
from zeues_acceptance.actions import Shop
from zeues_acceptance.client import SpoolUpdateStream, ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem
from zeues_acceptance.vocabulary import today

logger = logging.getLogger(__name__)

SHOP_WORKERS = ((93, "MR(93)"), (94, "JP(94)"), (95, "CG(95)"))
DEFAULT_DASHBOARDS = 20
DEFAULT_THINK_TIME_S = (0.1, 0.5)
DEFAULT_DRAIN_S = 3.0
POOL_SAMPLE_INTERVAL_S = 0.5
# A sampler with no known end still stops: no load run here lasts an hour.
LONGEST_SAMPLING_S = 3600.0
DASHBOARD_POLL_S = 1.0
SUBSCRIPTION_WAIT_S = 15.0
DRAIN_MESSAGE = "zeues_drain"
SUBSCRIBE = "SSE subscribe"
STREAM = "SSE stream"
CREATE_SPOOL = "create_test_spool"

# Tags made by this process: unique across the processes of a distributed run.
PROCESS_TOKEN = secrets.token_hex(3)
_user_numbers = itertools.count(1)
_dashboard_numbers = itertools.count(1)


@dataclass(frozen=True)
class Step:
    accion: str
    operacion: str
    resultado: str | None = None


def _occupied_operation(operacion: str) -> tuple[Step, ...]:
    return (
        Step("TOMAR", operacion),
        Step("PAUSAR", operacion),
        Step("TOMAR", operacion),
        Step("COMPLETAR", operacion),
    )


# One spool's life: ARM and SOLD each taken, paused, taken again and completed; instant METROLOGIA.
SPOOL_CYCLE = (
    *_occupied_operation("ARM"),
    *_occupied_operation("SOLD"),
    Step("COMPLETAR", "METROLOGIA", "APROBADO"),
)


@dataclass
class LoadSettings:
    dashboards: int = DEFAULT_DASHBOARDS
    think_time_s: tuple[float, float] = DEFAULT_THINK_TIME_S
    drain_s: float = DEFAULT_DRAIN_S
    # Shop workers wait (a while) for this many local dashboards; None: for those already opening.
    expected_local_dashboards: int | None = None


class UnexpectedAnswer(Exception):
    """A call answered, but not with the success its step needs."""

    def __init__(self, status: int, error_code: str | None, kind: str):
        super().__init__(f"{status} {error_code or ''} ({kind})".replace("  ", " "))


class LoadRun:
    """This process's share of the run: settings, ledger, dashboards, sampler, drain signal."""

    def __init__(self) -> None:
        self.settings = LoadSettings()
        self.ledger = RunLedger()
        self.draining = Event()
        self.dashboards: list[Dashboard] = []
        self.started_at = time.time()
        self._sampler_stop = Event()
        self._sampler: gevent.Greenlet | None = None
        self._drain_timer: gevent.Greenlet | None = None

    def begin(self) -> None:
        self.ledger = RunLedger()
        self.draining.clear()
        self.dashboards = []
        self.started_at = time.time()

    def drain(self) -> None:
        """Shop workers stop acting, so the dashboards can catch up before the run ends."""
        self.draining.set()

    def collect_dashboards(self) -> None:
        for dashboard in self.dashboards:
            dashboard.collect()

    def dashboards_caught_up(self) -> bool:
        self.collect_dashboards()
        return all(verdict.missing == 0 for verdict in self.ledger.dashboard_verdicts())

    def wait_until_dashboards_caught_up(self, within: float) -> bool:
        deadline = time.monotonic() + within
        while not self.dashboards_caught_up():
            if time.monotonic() >= deadline:
                return False
            gevent.sleep(0.1)
        return True

    def wait_for_dashboards(self) -> None:
        """Let this process's dashboards subscribe first, so every update is owed to all of them."""
        expected = self.settings.expected_local_dashboards
        deadline = time.monotonic() + SUBSCRIPTION_WAIT_S
        while time.monotonic() < deadline:
            logs = self.ledger.dashboards.values()
            settled = sum(not log.opening for log in logs)
            if self.ledger.dashboards_opening() == 0 and (expected is None or settled >= expected):
                return
            gevent.sleep(0.05)

    def start_sampler(self, host: str) -> None:
        self._sampler_stop.clear()
        self._sampler = gevent.spawn(
            sample_pool, host, self.ledger, self._sampler_stop, LONGEST_SAMPLING_S
        )

    def drain_later(self, runner, after_s: float) -> None:
        """Tell every process's shop workers to stop `after_s` from now (the locust command's runs)."""
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


def configure(settings: LoadSettings) -> None:
    """Settings for a run driven from Python (load.run); the locust command uses its options."""
    RUN.settings = settings
    Dashboard.fixed_count = settings.dashboards


def sample_pool(host: str, ledger: RunLedger, stop: Event, longest_s: float) -> None:
    """Read the Redis pool's stats every half second until told to stop."""
    deadline = time.monotonic() + longest_s
    with ZeuesClient(host) as client:
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                answer = client.connection_stats()
            except (EnvironmentProblem, ContractDriftError) as error:
                ledger.sampler_errors += 1
                logger.warning("pool sample failed: %s", error)
            else:
                if answer.status == 200:
                    ledger.record_pool_sample(
                        PoolSample(
                            at=time.time(),
                            utilization_percent=answer.body["utilization_percent"],
                            active_connections=answer.body["active_connections"],
                            max_connections=answer.body["max_connections"],
                        )
                    )
                else:
                    ledger.sampler_errors += 1
            stop.wait(POOL_SAMPLE_INTERVAL_S)


def fire_request(environment, name: str, started: float, response_time_ms: float,
                 response_length: int, exception: Exception | None, request_type: str = "POST") -> None:
    environment.events.request.fire(
        request_type=request_type,
        name=name,
        response_time=response_time_ms,
        response_length=response_length,
        response=None,
        context={},
        exception=exception,
        start_time=started,
        url=None,
    )


class ShopWorker(User):
    """A shop worker: a fresh spool each cycle, taken through ARM, SOLD and METROLOGIA."""

    def wait_time(self) -> float:
        return random.uniform(*RUN.settings.think_time_s)

    def on_start(self) -> None:
        number = next(_user_numbers)
        self.worker_id = SHOP_WORKERS[number % len(SHOP_WORKERS)][0]
        self.tag_prefix = f"{TAG_PREFIX}{PROCESS_TOKEN}-{number}-"
        self.spool_numbers = itertools.count(1)
        self.tag: str | None = None
        self.remaining: deque[Step] = deque()
        self.client = ZeuesClient(self.environment.host)
        self.shop = Shop(self.client, dict(SHOP_WORKERS))
        RUN.wait_for_dashboards()

    def on_stop(self) -> None:
        self.client.close()

    @task
    def act(self) -> None:
        if RUN.draining.is_set():
            return
        if self.remaining:
            self.take_step(self.remaining.popleft())
        else:
            self.start_spool()

    def start_spool(self) -> None:
        tag = f"{self.tag_prefix}{next(self.spool_numbers)}"
        if self.call(CREATE_SPOOL, self.client.create_test_spool, tag, expected_status=201):
            self.tag, self.remaining = tag, deque(SPOOL_CYCLE)

    def take_step(self, step: Step) -> None:
        body = self.shop.body(self.tag, self.worker_id, step.operacion)
        if step.accion == "COMPLETAR":
            body["fecha_operacion"] = today()
        if step.resultado is not None:
            body["resultado"] = step.resultado
        send = {"TOMAR": self.client.tomar, "PAUSAR": self.client.pausar,
                "COMPLETAR": self.client.completar}[step.accion]
        sent_at = time.time()
        if self.call(step.accion, send, body):
            RUN.ledger.record_update(sent_at, self.tag, step.operacion, step.accion)
        else:
            # The spool is in an unknown state now; the next cycle starts on a fresh one.
            self.remaining.clear()

    def call(self, name: str, send, argument, expected_status: int = 200) -> bool:
        """Send one request, report it to Locust, and say whether it got the expected success."""
        started, clock = time.time(), time.perf_counter()
        response, exception, kind = None, None, None
        try:
            response = send(argument)
        except ContractDriftError as drift:
            exception, kind = drift, CONTRACT_DRIFT
        except EnvironmentProblem as problem:
            exception, kind = problem, UNREACHABLE
        else:
            if response.status != expected_status:
                kind = failure_kind(response.status, response.error_code)
                exception = UnexpectedAnswer(response.status, response.error_code, kind)
        if kind is not None:
            RUN.ledger.record_failure(name, kind)
        if response is not None:
            response_time, length = response.elapsed_ms, len(response.text)
        else:
            response_time, length = (time.perf_counter() - clock) * 1000, 0
        fire_request(self.environment, name, started, response_time, length, exception)
        return exception is None


class Dashboard(User):
    """A live dashboard: one event stream, open for the whole run, counting every spool update."""

    fixed_count = DEFAULT_DASHBOARDS
    wait_time = constant(DASHBOARD_POLL_S)

    def __init__(self, environment) -> None:
        super().__init__(environment)
        # Registered at spawn, before any shop worker starts, so the workers know to wait for it.
        self.log = RUN.ledger.new_dashboard(f"{PROCESS_TOKEN}-dashboard-{next(_dashboard_numbers)}")
        self.client: ZeuesClient | None = None
        self.stream: SpoolUpdateStream | None = None
        RUN.dashboards.append(self)

    def on_start(self) -> None:
        self.client = ZeuesClient(self.environment.host)
        started, clock = time.time(), time.perf_counter()
        exception = None
        try:
            self.stream = self.client.open_stream().open()
        except (EnvironmentProblem, ContractDriftError) as error:
            exception = error
            self.log.error = str(error)
        else:
            self.log.subscribed_at = time.time()
        fire_request(self.environment, SUBSCRIBE, started, (time.perf_counter() - clock) * 1000,
                     0, exception, request_type="GET")

    def on_stop(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.collect()
        if self.client is not None:
            self.client.close()

    @task
    def watch(self) -> None:
        self.collect()

    def collect(self) -> None:
        """Count the updates received so far; report once if the stream broke."""
        if self.stream is None:
            return
        self.log.seen.extend(
            update_key(event["tag_spool"], event["operacion"], event["accion"])
            for event in self.stream.take_events()
            if event["tag_spool"].startswith(TAG_PREFIX)
        )
        problem = self.stream.problem
        if problem is not None and self.log.error is None:
            self.log.error = str(problem)
            fire_request(self.environment, STREAM, time.time(), 0, 0, problem, request_type="GET")


@events.init_command_line_parser.add_listener
def add_options(parser) -> None:
    parser.add_argument("--dashboards", type=int, default=DEFAULT_DASHBOARDS,
                        help="how many of the -u users are dashboards holding an event stream")
    parser.add_argument("--think-min", type=float, default=DEFAULT_THINK_TIME_S[0],
                        help="shortest pause of a shop worker between two calls, in seconds")
    parser.add_argument("--think-max", type=float, default=DEFAULT_THINK_TIME_S[1],
                        help="longest pause of a shop worker between two calls, in seconds")
    parser.add_argument("--drain", type=float, default=DEFAULT_DRAIN_S,
                        help="seconds before the end when shop workers stop, for dashboards to catch up")
    parser.add_argument("--zeues-out", default="",
                        help="folder for result.json and chart.png (written by the master or local run)")


@events.init.add_listener
def on_init(environment, runner, **_kwargs) -> None:
    if isinstance(runner, WorkerRunner):
        environment.events.report_to_master.add_listener(_send_report)
    if isinstance(runner, MasterRunner):
        environment.events.worker_report.add_listener(_merge_report)
    else:
        runner.register_message(DRAIN_MESSAGE, lambda environment, msg: RUN.drain())
    if environment.parsed_options is not None:
        Dashboard.fixed_count = environment.parsed_options.dashboards


@events.test_start.add_listener
def on_test_start(environment, **_kwargs) -> None:
    runner = environment.runner
    options = environment.parsed_options
    if options is not None:
        RUN.settings = LoadSettings(
            dashboards=options.dashboards,
            think_time_s=(options.think_min, options.think_max),
            drain_s=options.drain,
            expected_local_dashboards=options.dashboards if isinstance(runner, LocalRunner) else None,
        )
    RUN.begin()
    if isinstance(runner, WorkerRunner):
        return
    RUN.start_sampler(environment.host)
    run_time = getattr(options, "run_time", None)
    if run_time:
        RUN.drain_later(runner, max(run_time - RUN.settings.drain_s, 0))


@events.test_stop.add_listener
def on_test_stop(environment, **_kwargs) -> None:
    if not isinstance(environment.runner, WorkerRunner):
        RUN.stop_background()


@events.quitting.add_listener
def on_quitting(environment, **_kwargs) -> None:
    options = environment.parsed_options
    if options is None or not options.zeues_out or isinstance(environment.runner, WorkerRunner):
        return
    from load.result import build_result, write_outputs

    RUN.collect_dashboards()
    dashboards = options.dashboards
    result = build_result(
        stats=environment.runner.stats,
        ledger=RUN.ledger,
        base_url=environment.host,
        workers=max(options.num_users - dashboards, 0),
        dashboards=dashboards,
        # The shop workers act until the drain, `--drain` seconds before the run time ends.
        duration_s=max(options.run_time - RUN.settings.drain_s, 0) if options.run_time
        else time.time() - RUN.started_at,
        spawn_rate=options.spawn_rate,
        think_time_s=RUN.settings.think_time_s,
        started_at=RUN.started_at,
    )
    write_outputs(result, Path(options.zeues_out))


def _send_report(client_id, data) -> None:
    RUN.collect_dashboards()
    data["zeues"] = RUN.ledger.take_report()


def _merge_report(client_id, data) -> None:
    if "zeues" in data:
        RUN.ledger.merge(data["zeues"])
