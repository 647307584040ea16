"""The load run's users and hooks for Locust: shop workers, live dashboards, a pool sampler.

Usually run by `python -m load.run` (Locust as a library); the locust command runs the same
file, alone or distributed (`--host` is the API's base URL, `-u` counts dashboards too):

    locust -f load/locustfile.py --headless -u 70 -r 70 -t 60s --host URL \
        --dashboards 20 --zeues-out reports/load --csv reports/load/locust
    locust -f load/locustfile.py --master --headless --expect-workers 2 -u 70 -r 70 -t 60s \
        --host URL --dashboards 20 --zeues-out reports/load --csv reports/load/locust
    locust -f load/locustfile.py --worker --master-host 127.0.0.1

The pool sampler and the result files live on the master (or the one local process); worker
processes send what their users saw with their stats.
"""
import sys
from pathlib import Path

# The locust command puts only load/ on sys.path; the project's packages need its root.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import time

from locust import events
from locust.runners import LocalRunner, MasterRunner, WorkerRunner

from load.dashboard import Dashboard
from load.result import build_result, write_outputs
from load.run_state import (
    DEFAULT_DASHBOARDS, DEFAULT_DRAIN_S, DEFAULT_SUBSCRIBE_GRACE_S, DEFAULT_THINK_TIME_S,
    DRAIN_MESSAGE, RUN, LoadSettings,
)
from load.shop_worker import ShopWorker

__all__ = ["Dashboard", "ShopWorker", "configure"]


def configure(settings: LoadSettings) -> None:
    """Settings for a run driven from Python (load.run); the locust command uses its options."""
    RUN.settings = settings
    Dashboard.fixed_count = settings.dashboards


@events.init_command_line_parser.add_listener
def add_options(parser) -> None:
    parser.add_argument("--dashboards", type=int, default=DEFAULT_DASHBOARDS,
                        help="how many of the -u users are dashboards holding a live stream")
    parser.add_argument("--think-min", type=float, default=DEFAULT_THINK_TIME_S[0],
                        help="shortest pause of a shop worker between two calls, in seconds")
    parser.add_argument("--think-max", type=float, default=DEFAULT_THINK_TIME_S[1],
                        help="longest pause of a shop worker between two calls, in seconds")
    parser.add_argument("--drain", type=float, default=DEFAULT_DRAIN_S,
                        help="seconds before the end when shop workers stop, for dashboards "
                             "to catch up")
    parser.add_argument("--subscribe-grace", type=float, default=DEFAULT_SUBSCRIBE_GRACE_S,
                        help="seconds a stream waits after its headers before it counts as "
                             "subscribed (0 for the embedded stand-in)")
    parser.add_argument("--zeues-out", default="",
                        help="folder for result.json and chart.png (written by the master or "
                             "the local run)")


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
            subscribe_grace_s=options.subscribe_grace,
            expected_local_dashboards=(options.dashboards if isinstance(runner, LocalRunner)
                                       else None),
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
    """The locust command's result files; load.run writes its own."""
    options = environment.parsed_options
    if options is None or not options.zeues_out or isinstance(environment.runner, WorkerRunner):
        return
    RUN.collect_dashboards()
    result = build_result(
        stats=environment.runner.stats,
        ledger=RUN.ledger,
        base_url=environment.host,
        workers=max(options.num_users - options.dashboards, 0),
        dashboards=options.dashboards,
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
