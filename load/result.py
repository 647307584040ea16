"""A load run's outcome: one dataclass and its `result.json`, which the @load steps judge.

Built from Locust's stats (per call name, merged across processes in distributed mode) and
the run's ledger (failure kinds and examples, pool samples, dashboard streams). Nothing here
imports Locust: `stats` is only read.
"""

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from load.chart import CHART_FILE, draw_chart
from load.ledger import (
    CONTRACT_DRIFT, FAILURE_KINDS, REDIS_REFUSAL, REFUSED, SERVER_ERROR, UNREACHABLE, RunLedger,
)

RESULT_FILE = "result.json"
RESET_SPOOL = "reset spool"
SUBSCRIBE = "SSE subscribe"
STREAM = "SSE stream"
SHOP_CALLS = ("TOMAR", "PAUSAR", "COMPLETAR")
CALL_ORDER = (RESET_SPOOL, *SHOP_CALLS, SUBSCRIBE, STREAM)


@dataclass
class CallStats:
    count: int
    failures: int
    server_errors: int
    redis_refusals: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rps: float


@dataclass
class Totals:
    count: int
    failures: int
    server_errors: int
    redis_refusals: int
    refused: int
    contract_drift: int
    unreachable: int
    spool_updates: int


@dataclass
class PoolStats:
    samples: int  # answers that carried the pool's use
    samples_without_usage: int  # answers that did not (ZEUES v3.0: D9)
    keys_without_usage: list[str]
    sampler_errors: int
    sampler_error: str | None
    max_utilization_percent: float | None
    max_active_connections: int | None
    max_connections: int | None
    peak_at_s: float | None  # seconds since the run started
    # [seconds since the run started, utilization %, active connections]
    timeline: list[list[float]] = field(default_factory=list)


@dataclass
class DashboardStreams:
    count: int
    saw_all_updates: int
    received: dict[str, int]
    expected_updates: dict[str, int]
    missing: dict[str, int]
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
    failures: dict[str, dict[str, int]]
    failure_examples: dict[str, dict[str, list[dict]]]  # call -> kind -> examples
    pool: PoolStats
    dashboard_streams: DashboardStreams
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def build_result(*, stats, ledger: RunLedger, base_url: str, workers: int, dashboards: int,
                 duration_s: float, spawn_rate: float, think_time_s,
                 started_at: float) -> LoadResult:
    """`stats` is Locust's RequestStats of the run (the master's in distributed mode)."""
    # Each call name here has one method, so the name alone keys it.
    entries = sorted(stats.entries.items(), key=lambda item: _call_order(item[0][0]))
    calls = {name: _call_stats(entry, ledger, name, duration_s)
             for (name, _method), entry in entries}
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
            server_errors=ledger.failure_count(SERVER_ERROR),
            redis_refusals=ledger.failure_count(REDIS_REFUSAL),
            refused=ledger.failure_count(REFUSED),
            contract_drift=ledger.failure_count(CONTRACT_DRIFT),
            unreachable=ledger.failure_count(UNREACHABLE),
            spool_updates=len(ledger.updates),
        ),
        failures={name: {kind: kinds[kind] for kind in FAILURE_KINDS if kinds[kind]}
                  for name, kinds in _in_call_order(ledger.failures)},
        failure_examples={name: {kind: kinds[kind] for kind in FAILURE_KINDS if kinds.get(kind)}
                          for name, kinds in _in_call_order(ledger.failure_examples)},
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


def _call_order(name: str) -> tuple[int, str]:
    return (CALL_ORDER.index(name) if name in CALL_ORDER else len(CALL_ORDER), name)


def _in_call_order(by_call: dict) -> list:
    return sorted(by_call.items(), key=lambda item: _call_order(item[0]))


def _call_stats(entry, ledger: RunLedger, name: str, duration_s: float) -> CallStats:
    return CallStats(
        count=entry.num_requests,
        failures=entry.num_failures,
        server_errors=ledger.failure_count(SERVER_ERROR, name),
        redis_refusals=ledger.failure_count(REDIS_REFUSAL, name),
        p50_ms=entry.get_response_time_percentile(0.50),
        p95_ms=entry.get_response_time_percentile(0.95),
        p99_ms=entry.get_response_time_percentile(0.99),
        max_ms=round(entry.max_response_time, 1) if entry.num_requests else 0,
        rps=round(entry.num_requests / duration_s, 1) if duration_s else 0.0,
    )


def _pool_stats(ledger: RunLedger, started_at: float) -> PoolStats:
    samples = ledger.pool_samples
    peak = max(samples, key=lambda sample: sample.utilization_percent, default=None)
    return PoolStats(
        samples=len(samples),
        samples_without_usage=ledger.samples_without_usage,
        keys_without_usage=ledger.keys_without_usage,
        sampler_errors=ledger.sampler_errors,
        sampler_error=ledger.sampler_error,
        max_utilization_percent=peak.utilization_percent if peak else None,
        max_active_connections=max((s.active_connections for s in samples), default=None),
        max_connections=max((s.max_connections for s in samples), default=None),
        peak_at_s=round(peak.at - started_at, 1) if peak else None,
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
        received={verdict.name: verdict.received for verdict in verdicts},
        expected_updates={verdict.name: verdict.expected for verdict in verdicts},
        missing={verdict.name: verdict.missing for verdict in verdicts},
        missing_examples={
            verdict.name: list(verdict.missing_examples) for verdict in verdicts if verdict.missing
        },
        errors={verdict.name: verdict.error for verdict in verdicts if verdict.error},
    )
