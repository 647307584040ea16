"""`python -m bench.chart`: docs/performance.png from reports/bench/suite_overhead.json and
reports/bench/pooling_cost.json (run those two benchmarks first)."""

import json
import sys

# A bare Figure draws a PNG with Agg, without pyplot and so without any display.
from matplotlib.figure import Figure

from bench.common import PROJECT_ROOT, RESULTS_DIR

CHART = PROJECT_ROOT / "docs" / "performance.png"
SUITE_COLOR, PLAIN_COLOR = "#4c72b0", "#dd8452"


def load(name: str) -> dict:
    return json.loads((RESULTS_DIR / f"{name}.json").read_text())


def suite_panel(axes, result: dict) -> None:
    groups = ["wall time\n(fresh process)", "in-process time"]
    suite = [result["suite_median_seconds"], result["suite_behave_took_median_seconds"]]
    plain = [result["plain_median_seconds"], result["plain_in_process_median_seconds"]]
    ratios = [result["ratio_suite_over_plain"], result["ratio_in_process"]]
    positions = range(len(groups))
    width = 0.38
    axes.bar([p - width / 2 for p in positions], suite, width, label="suite (behave + Allure)",
             color=SUITE_COLOR)
    axes.bar([p + width / 2 for p in positions], plain, width, label="plain requests replay",
             color=PLAIN_COLOR)
    for position, high, ratio in zip(positions, suite, ratios, strict=True):
        axes.annotate(f"{ratio:.2f}×", (position, high), xytext=(0, 4), textcoords="offset points",
                      ha="center")
    axes.set_xticks(list(positions), groups)
    axes.set_ylabel("seconds (median)")
    axes.set_title(f"Suite overhead: {result['calls']} identical HTTP calls,\n"
                   f"{result['repetitions']} alternating runs each")
    axes.set_ylim(0, max(suite + plain) * 1.2)
    axes.legend(loc="upper right", fontsize="small")


def pooling_panels(throughput_axes, connections_axes, result: dict) -> None:
    labels = list(result["configs"])
    summary = result["summary"]
    colors = [SUITE_COLOR, PLAIN_COLOR]
    for label, color in zip(labels, colors, strict=True):
        runs = [turn["per_second"] for turn in result["turns"][label]]
        throughput_axes.scatter([label] * len(runs), runs, color="black", s=12, zorder=3)
        throughput_axes.bar(label, summary[label]["median_per_second"], color=color)
    ratio = summary["ratio_throughput_pool20_over_unlimited"]
    p95 = " vs ".join(f"{summary[label]['median_p95_ms']:.0f}" for label in labels)
    throughput_axes.set_ylabel("successful requests/s (bar: median, dots: turns)")
    throughput_axes.set_title(f"{result['clients']} clients: pool 20 / unlimited = {ratio:.2f}\n"
                              f"p95 latency {p95} ms")

    metrics = [("pool: checked out\n(peak of 0.1 s samples)", "peak_active_connections"),
               ("Redis: the stand-in's\nconnections (peak)", "peak_standin_redis_clients")]
    positions = range(len(metrics))
    width = 0.38
    for offset, label, color in ((-width / 2, labels[0], colors[0]), (width / 2, labels[1], colors[1])):
        values = [summary[label][key] for _, key in metrics]
        bars = connections_axes.bar([p + offset for p in positions], values, width, label=label,
                                    color=color)
        connections_axes.bar_label(bars)
    connections_axes.axhline(20, color="grey", linestyle="--", linewidth=1)
    connections_axes.set_xticks(list(positions), [name for name, _ in metrics])
    connections_axes.set_ylabel("connections")
    connections_axes.set_title("Redis connections (dashed: 20)")
    connections_axes.legend(fontsize="small", loc="upper left")


def main() -> int:
    figure = Figure(figsize=(15, 4.8))
    suite_axes, throughput_axes, connections_axes = figure.subplots(
        1, 3, gridspec_kw={"width_ratios": [1.1, 0.9, 1.0]})
    suite_panel(suite_axes, load("suite_overhead"))
    pooling_panels(throughput_axes, connections_axes, load("pooling_cost"))
    figure.tight_layout()
    figure.savefig(CHART, dpi=110)
    sys.stdout.write(f"written: {CHART.relative_to(PROJECT_ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
