"""A headless production-scale load run with Locust as a library: result.json, stats CSV, chart.png.

    python -m load.run --base-url http://127.0.0.1:8000 [--workers 50] [--dashboards 20] \\
        [--duration 60] [--spawn-rate N] [--think-time 0.1 0.5] [--subscribe-grace 1] \\
        --out reports/load

Start it as its own process. gevent's monkey patch, which Locust applies on
import, swaps sockets, threads and locks for the whole interpreter, so the
behave suite runs this as a subprocess and reads `result.json`.
"""
# The patch must precede every import that touches socket, ssl or threading.
from gevent import monkey

monkey.patch_all()

import argparse
import csv
import ipaddress
import logging
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import events
from locust.env import Environment
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

from load import TARGET_REFUSED
from load.locustfile import Dashboard, ShopWorker, configure
from load.result import RESULT_FILE, SHOP_CALLS, LoadResult, build_result, write_outputs
from load.run_state import DEFAULT_SUBSCRIBE_GRACE_S, DEFAULT_THINK_TIME_S, RUN, LoadSettings
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem
from zeues_acceptance.run_checks import worker_names

logger = logging.getLogger("load.run")

CSV_PREFIX = "locust"
# Beyond run time and drain: spawning, stopping users, writing files.
SHUTDOWN_ALLOWANCE_S = 60


class LoadRunError(RuntimeError):
    """The run could not be made (a target it may not load, a run that would not stop)."""


class TargetRefused(LoadRunError):
    """The target cannot be loaded at all: not loopback, unreachable, nobody listed to act."""


def run_load(
    base_url: str,
    *,
    workers: int = 50,
    dashboards: int = 20,
    duration_s: float = 60,
    spawn_rate: float | None = None,
    out_dir: str | Path = "reports/load",
    think_time_s: tuple[float, float] = DEFAULT_THINK_TIME_S,
    subscribe_grace_s: float = DEFAULT_SUBSCRIBE_GRACE_S,
    allow_remote: bool = False,
) -> LoadResult:
    """Run `workers` shop workers and `dashboards` dashboards for `duration_s`, then write the files.

    The shop workers act for `duration_s`; then they stop and the dashboards get
    a few seconds to receive the last updates before the run ends.
    """
    base_url = base_url.rstrip("/")
    _check_target(base_url, allow_remote)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    users = workers + dashboards
    spawn_rate = spawn_rate or max(users, 1)
    configure(
        LoadSettings(
            dashboards=dashboards,
            think_time_s=tuple(think_time_s),
            subscribe_grace_s=subscribe_grace_s,
            expected_local_dashboards=dashboards,
        )
    )
    # A class with no users must not be offered: fixed_count 0 would make Dashboard a weighted class.
    user_classes = [cls for cls, count in ((Dashboard, dashboards), (ShopWorker, workers)) if count]
    environment = Environment(user_classes=user_classes, events=events, host=base_url, stop_timeout=0)
    runner = environment.create_local_runner()
    environment.events.init.fire(environment=environment, runner=runner, web_ui=None)

    longest = duration_s + RUN.settings.drain_s + SHUTDOWN_ALLOWANCE_S
    with gevent.Timeout(longest, LoadRunError(f"load run did not end within {longest} s")):
        runner.start(users, spawn_rate=spawn_rate)
        gevent.sleep(duration_s)
        acting_s = time.time() - RUN.started_at
        RUN.drain()
        if not RUN.wait_until_caught_up(RUN.settings.drain_s):
            logger.warning("calls in flight or dashboards missing updates %s s after the "
                           "workers stopped", RUN.settings.drain_s)
        runner.quit()
    RUN.collect_dashboards()

    result = build_result(
        stats=runner.stats,
        ledger=RUN.ledger,
        base_url=base_url,
        workers=workers,
        dashboards=dashboards,
        duration_s=acting_s,
        spawn_rate=spawn_rate,
        think_time_s=think_time_s,
        started_at=RUN.started_at,
    )
    result.files.update(write_stats_csv(environment, out))
    return write_outputs(result, out)


def write_stats_csv(environment: Environment, out_dir: Path) -> dict[str, str]:
    """Locust's own end-of-run CSV files: stats, failures and exceptions."""
    tables = StatsCSV(environment, PERCENTILES_TO_REPORT)
    files = {}
    for kind, write in (
        ("stats", tables.requests_csv),
        ("failures", tables.failures_csv),
        ("exceptions", tables.exceptions_csv),
    ):
        path = out_dir / f"{CSV_PREFIX}_{kind}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            write(csv.writer(handle))
        files[f"{kind}_csv"] = str(path)
    return files


def summary(result: LoadResult) -> str:
    p95 = ", ".join(
        f"{name} {call.p95_ms:g}" for name, call in result.calls.items() if name in SHOP_CALLS
    )
    streams, totals, pool = result.dashboard_streams, result.totals, result.pool
    pool_use = (f"pool max {pool.max_utilization_percent} % "
                f"({pool.max_active_connections}/{pool.max_connections} active)"
                if pool.samples else "pool use not reported")
    return (
        f"load: {result.workers} shop workers + {result.dashboards} dashboards for "
        f"{result.duration_s:g} s: {totals.count} calls, {totals.failures} failed "
        f"({totals.server_errors} server errors, {totals.redis_refusals} Redis refusals); "
        f"p95 ms {p95}; {pool_use}; "
        f"{streams.saw_all_updates}/{streams.count} dashboards saw every update"
    )


def _check_target(base_url: str, allow_remote: bool) -> None:
    host = urlsplit(base_url).hostname or ""
    if not allow_remote and not _is_loopback(host):
        raise TargetRefused(f"refusing to load {base_url}: not a loopback address (allow_remote)")
    try:
        with ZeuesClient(base_url) as client:
            client.health()
            listed = worker_names(client)
    except (EnvironmentProblem, ContractDriftError) as problem:
        raise TargetRefused(str(problem)) from problem
    if not listed:
        raise TargetRefused(f"{base_url} lists no active workers: nobody could act on the floor")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m load.run", description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the API, e.g. http://127.0.0.1:8000")
    parser.add_argument("--workers", type=int, default=50, help="shop workers (default 50)")
    parser.add_argument("--dashboards", type=int, default=20,
                        help="dashboards, each holding one event stream (default 20)")
    parser.add_argument("--duration", type=float, default=60,
                        help="seconds the shop workers act (default 60)")
    parser.add_argument("--spawn-rate", type=float, default=None,
                        help="users started per second (default: all within one second)")
    parser.add_argument("--think-time", type=float, nargs=2, metavar=("MIN", "MAX"),
                        default=DEFAULT_THINK_TIME_S,
                        help="a shop worker's pause between two calls, in seconds (default 0.1 0.5)")
    parser.add_argument("--subscribe-grace", type=float, default=DEFAULT_SUBSCRIBE_GRACE_S,
                        help="seconds a stream waits after its headers before it counts as "
                             "subscribed (default 1; 0 for the embedded stand-in, which "
                             "subscribes before it sends them)")
    parser.add_argument("--out", default="reports/load", help="folder for the result files")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow a base URL that is not a loopback address")
    args = parser.parse_args(argv)
    if args.workers < 0 or args.dashboards < 0 or args.duration <= 0 or args.subscribe_grace < 0:
        parser.error("--workers, --dashboards and --subscribe-grace must be >= 0 and --duration > 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        result = run_load(
            args.base_url,
            workers=args.workers,
            dashboards=args.dashboards,
            duration_s=args.duration,
            spawn_rate=args.spawn_rate,
            out_dir=args.out,
            think_time_s=tuple(args.think_time),
            subscribe_grace_s=args.subscribe_grace,
            allow_remote=args.allow_remote,
        )
    except LoadRunError as error:
        logger.error("%s", error)
        return TARGET_REFUSED if isinstance(error, TargetRefused) else 1
    print(summary(result))
    print(f"wrote {Path(args.out) / RESULT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
