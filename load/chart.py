"""The load run's chart for people: p95 per call beside the Redis pool's use over time."""

from pathlib import Path

CHART_FILE = "chart.png"
UTILIZATION_ALERT_PERCENT = 80


def draw_chart(result, path: Path) -> None:
    """`result` is a LoadResult; a target whose stats carry no use gets an empty pool panel
    that says so."""
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

    pool = result.pool
    timeline = pool.timeline
    pool_axis.plot([t for t, _u, _a in timeline], [u for _t, u, _a in timeline],
                   color="#dd8452", label="pool utilization")
    pool_axis.axhline(UTILIZATION_ALERT_PERCENT, color="#c44e52", linestyle="--",
                      label=f"{UTILIZATION_ALERT_PERCENT} % alert line")
    pool_axis.set_ylim(0, 105)
    pool_axis.set_xlabel("seconds since start")
    pool_axis.set_ylabel("% of Redis connections in use")
    if pool.samples:
        pool_axis.set_title(f"Redis pool: max {pool.max_utilization_percent} %, "
                            f"max active {pool.max_active_connections}/{pool.max_connections}")
    else:
        pool_axis.set_title("Redis pool: use not reported by the target")
    pool_axis.legend(loc="upper right", fontsize=8)

    streams = result.dashboard_streams
    totals = result.totals
    figure.suptitle(
        f"{result.workers} shop workers + {result.dashboards} dashboards, {result.duration_s:g} s: "
        f"{totals.count} calls, {totals.failures} failed ({totals.server_errors} server errors, "
        f"{totals.redis_refusals} Redis refusals), "
        f"{streams.saw_all_updates}/{streams.count} dashboards saw every update",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
