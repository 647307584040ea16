"""A headless production-scale load run with Locust as a library: result.json, stats CSV, chart.png.

    python -m load.run --base-url http://127.0.0.1:8000 [--workers 50] [--dashboards 20] \\
        [--duration 60] [--spawn-rate N] [--think-time 0.1 0.5] --out reports/load

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

from load import locustfile
from load.locustfile import RUN, Dashboard, LoadSettings, ShopWorker
from load.result import RESULT_FILE, LoadResult, build_result, write_outputs
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem

logger = logging.getLogger("load.run")

CSV_PREFIX = "locust"
# Beyond run time and drain: spawning, stopping users, writing files.
SHUTDOWN_ALLOWANCE_S = 60


class LoadRunError(RuntimeError):
    """The run could not be made (bad target, unreachable API, a run that would not stop)."""


def run_load(
    base_url: str,
    *,
    workers: int = 50,
    dashboards: int = 20,
    duration_s: float = 60,
    spawn_rate: float | None = None,
    out_dir: str | Path = "reports/load",
    think_time_s: tuple[float, float] = locustfile.DEFAULT_THINK_TIME_S,
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
    locustfile.configure(
        LoadSettings(
            dashboards=dashboards,
            think_time_s=tuple(think_time_s),
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
        if not RUN.wait_until_dashboards_caught_up(RUN.settings.drain_s):
            logger.warning("dashboards still missing updates %s s after the workers stopped",
                           RUN.settings.drain_s)
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
        f"{name} {call.p95_ms:g}" for name, call in result.calls.items()
        if name in ("TOMAR", "PAUSAR", "COMPLETAR")
    )
    streams = result.dashboard_streams
    return (
        f"load: {result.workers} shop workers + {result.dashboards} dashboards for "
        f"{result.duration_s:g} s: {result.totals.count} calls, {result.totals.failures} failed, "
        f"{result.totals.redis_errors} Redis errors, {result.totals.server_errors} other server errors; "
        f"p95 ms {p95}; pool max {result.pool.max_utilization_percent} % "
        f"({result.pool.max_active_connections}/{result.pool.max_connections} active); "
        f"{streams.saw_all_updates}/{streams.count} dashboards saw every update"
    )


def _check_target(base_url: str, allow_remote: bool) -> None:
    host = urlsplit(base_url).hostname or ""
    if not allow_remote and not _is_loopback(host):
        raise LoadRunError(f"refusing to load {base_url}: not a loopback address (allow_remote)")
    try:
        with ZeuesClient(base_url) as client:
            client.health()
    except EnvironmentProblem as problem:
        raise LoadRunError(str(problem)) from problem


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
                        default=locustfile.DEFAULT_THINK_TIME_S,
                        help="a shop worker's pause between two calls, in seconds (default 0.1 0.5)")
    parser.add_argument("--out", default="reports/load", help="folder for the result files")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow a base URL that is not a loopback address")
    args = parser.parse_args(argv)
    if args.workers < 0 or args.dashboards < 0 or args.duration <= 0:
        parser.error("--workers and --dashboards must be >= 0 and --duration > 0")
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
            allow_remote=args.allow_remote,
        )
    except LoadRunError as error:
        logger.error("%s", error)
        return 1
    print(summary(result))
    print(f"wrote {Path(args.out) / RESULT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
