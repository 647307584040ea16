"""A load run's outcome: one dataclass, its `result.json`, and a chart for people.

Built from Locust's stats (per call name, merged across processes in
distributed mode) and the run's ledger (failure kinds, pool samples,
dashboard streams). Nothing here imports Locust.
"""

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from load.ledger import (
    CONTRACT_DRIFT,
    REDIS_ERROR,
    SERVER_ERROR,
    UNREACHABLE,
    RunLedger,
)

RESULT_FILE = "result.json"
CHART_FILE = "chart.png"
CALL_ORDER = ("create_test_spool", "TOMAR", "PAUSAR", "COMPLETAR", "SSE subscribe", "SSE stream")
UTILIZATION_ALERT_PERCENT = 80


@dataclass
class CallStats:
    count: int
    failures: int
    redis_errors: int
    server_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rps: float


@dataclass
class Totals:
    count: int
    failures: int
    redis_errors: int
    server_errors: int
    contract_drift: int
    unreachable: int
    spool_updates: int


@dataclass
class PoolStats:
    max_utilization_percent: float | None
    max_active_connections: int | None
    max_connections: int | None
    samples: int
    sampler_errors: int
    # [seconds since the run started, utilization %, active connections]
    timeline: list[list[float]] = field(default_factory=list)


@dataclass
class DashboardStreams:
    count: int
    saw_all_updates: int
    missing: dict[str, int]
    expected_updates: dict[str, int]
    missing_examples: dict[str, list[str]]
    errors: dict[str, str]


@dataclass
class LoadResult:
    base_url: str
    started_at: str
    duration_s: float
    workers: int
    dashboards: int
    spawn_rate: float
    think_time_s: list[float]
    calls: dict[str, CallStats]
    totals: Totals
    pool: PoolStats
    dashboard_streams: DashboardStreams
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def build_result(*, stats, ledger: RunLedger, base_url: str, workers: int, dashboards: int,
                 duration_s: float, spawn_rate: float, think_time_s, started_at: float) -> LoadResult:
    """`stats` is Locust's RequestStats of the run (the master's in distributed mode)."""
    # Each call name here has one method, so the name alone keys it.
    entries = sorted(stats.entries.items(), key=lambda item: _call_order(item[0][0]))
    calls = {name: _call_stats(entry, ledger, name, duration_s) for (name, _method), entry in entries}
    return LoadResult(
        base_url=base_url,
        started_at=datetime.fromtimestamp(started_at, UTC).isoformat(timespec="seconds"),
        duration_s=round(duration_s, 1),
        workers=workers,
        dashboards=dashboards,
        spawn_rate=spawn_rate,
        think_time_s=list(think_time_s),
        calls=calls,
        totals=Totals(
            count=stats.total.num_requests,
            failures=stats.total.num_failures,
            redis_errors=ledger.failure_count(REDIS_ERROR),
            server_errors=ledger.failure_count(SERVER_ERROR),
            contract_drift=ledger.failure_count(CONTRACT_DRIFT),
            unreachable=ledger.failure_count(UNREACHABLE),
            spool_updates=len(ledger.updates),
        ),
        pool=_pool_stats(ledger, started_at),
        dashboard_streams=_dashboard_streams(ledger),
    )


def write_outputs(result: LoadResult, out_dir: Path) -> LoadResult:
    """Draw chart.png and write result.json (naming the files) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chart = out_dir / CHART_FILE
    draw_chart(result, chart)
    result.files["chart"] = str(chart)
    result_file = out_dir / RESULT_FILE
    result.files["result"] = str(result_file)
    result_file.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    return result


def draw_chart(result: LoadResult, path: Path) -> None:
    """p95 per call as bars beside the Redis pool's utilization over time, with the 80 % line."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, (calls_axis, pool_axis) = pyplot.subplots(
        1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1, 1.4]}
    )
    names = [name for name, call in result.calls.items() if call.count]
    p95 = [result.calls[name].p95_ms for name in names]
    bars = calls_axis.bar(names, p95, color="#4c72b0")
    calls_axis.bar_label(bars, labels=[f"{value:g}" for value in p95], fontsize=8)
    calls_axis.set_title("p95 response time per call")
    calls_axis.set_ylabel("ms")
    calls_axis.tick_params(axis="x", labelrotation=30, labelsize=8)

    timeline = result.pool.timeline
    pool_axis.plot([t for t, _u, _a in timeline], [u for _t, u, _a in timeline],
                   color="#dd8452", label="pool utilization")
    pool_axis.axhline(UTILIZATION_ALERT_PERCENT, color="#c44e52", linestyle="--",
                      label=f"{UTILIZATION_ALERT_PERCENT} % alert line")
    pool_axis.set_ylim(0, 105)
    pool_axis.set_xlabel("seconds since start")
    pool_axis.set_ylabel("% of Redis connections in use")
    pool_axis.set_title(
        f"Redis pool: max {result.pool.max_utilization_percent} %, "
        f"max active {result.pool.max_active_connections}/{result.pool.max_connections}"
    )
    pool_axis.legend(loc="upper right", fontsize=8)

    streams = result.dashboard_streams
    figure.suptitle(
        f"{result.workers} shop workers + {result.dashboards} dashboards, {result.duration_s:g} s: "
        f"{result.totals.count} calls, {result.totals.failures} failed "
        f"({result.totals.redis_errors} Redis errors), "
        f"{streams.saw_all_updates}/{streams.count} dashboards saw every update",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def _call_order(name: str) -> tuple[int, str]:
    return (CALL_ORDER.index(name) if name in CALL_ORDER else len(CALL_ORDER), name)


def _call_stats(entry, ledger: RunLedger, name: str, duration_s: float) -> CallStats:
    return CallStats(
        count=entry.num_requests,
        failures=entry.num_failures,
        redis_errors=ledger.failure_count(REDIS_ERROR, name),
        server_errors=ledger.failure_count(SERVER_ERROR, name),
        p50_ms=entry.get_response_time_percentile(0.50),
        p95_ms=entry.get_response_time_percentile(0.95),
        p99_ms=entry.get_response_time_percentile(0.99),
        max_ms=round(entry.max_response_time, 1) if entry.num_requests else 0,
        rps=round(entry.num_requests / duration_s, 1) if duration_s else 0.0,
    )


def _pool_stats(ledger: RunLedger, started_at: float) -> PoolStats:
    samples = ledger.pool_samples
    return PoolStats(
        max_utilization_percent=max((s.utilization_percent for s in samples), default=None),
        max_active_connections=max((s.active_connections for s in samples), default=None),
        max_connections=max((s.max_connections for s in samples), default=None),
        samples=len(samples),
        sampler_errors=ledger.sampler_errors,
        timeline=[
            [round(s.at - started_at, 2), s.utilization_percent, s.active_connections]
            for s in samples
        ],
    )


def _dashboard_streams(ledger: RunLedger) -> DashboardStreams:
    verdicts = ledger.dashboard_verdicts()
    return DashboardStreams(
        count=len(verdicts),
        saw_all_updates=sum(verdict.saw_all for verdict in verdicts),
        missing={verdict.name: verdict.missing for verdict in verdicts},
        expected_updates={verdict.name: verdict.expected for verdict in verdicts},
        missing_examples={
            verdict.name: list(verdict.missing_examples) for verdict in verdicts if verdict.missing
        },
        errors={verdict.name: verdict.error for verdict in verdicts if verdict.error},
    )
