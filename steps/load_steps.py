"""Steps for the production-scale load run (tag @load), driven by Locust in its own process."""

import json
import subprocess
import sys
from pathlib import Path

import allure
from behave import given, then, when

from zeues_acceptance.errors import SuiteError

DEFAULT_DURATION_S = 60
DEFAULT_P95_BOUND_MS = 1000
SHOP_CALLS = ("TOMAR", "PAUSAR", "COMPLETAR")


@given("{workers:d} workers and {dashboards:d} dashboards on the shop floor")
def step_shop_floor(context, workers, dashboards):
    context.load_plan = {"workers": workers, "dashboards": dashboards}


@when("they work for the load duration")
def step_work_for_load_duration(context):
    """Locust patches the whole interpreter with gevent, so the run gets its own process."""
    userdata = context.config.userdata
    duration = float(userdata.get("load_duration", DEFAULT_DURATION_S))
    out = Path("reports") / f"load-{context.target.run_id}"
    command = [sys.executable, "-m", "load.run", "--base-url", context.target.base_url,
               "--workers", str(context.load_plan["workers"]),
               "--dashboards", str(context.load_plan["dashboards"]),
               "--duration", str(duration), "--out", str(out)]
    if not context.target.controls_standin:
        command.append("--allow-remote")  # the hooks already decided this target may be loaded
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 180)
    if not (out / "result.json").exists():
        raise SuiteError(f"Test defect: the load run wrote no result ({completed.returncode}): "
                         f"{completed.stderr[-1500:]}")
    context.load = json.loads((out / "result.json").read_text())
    allure.attach.file(str(out / "result.json"), name="load result",
                       attachment_type=allure.attachment_type.JSON)
    if (out / "chart.png").exists():
        allure.attach.file(str(out / "chart.png"), name="load chart",
                           attachment_type=allure.attachment_type.PNG)
    if (out / "locust_stats.csv").exists():
        allure.attach.file(str(out / "locust_stats.csv"), name="locust stats",
                           attachment_type=allure.attachment_type.CSV)


@then("no request failed because of Redis")
def step_no_redis_failures(context):
    totals = context.load["totals"]
    assert totals["redis_errors"] == 0 and totals["server_errors"] == 0, (
        f"{totals['redis_errors']} Redis errors and {totals['server_errors']} server errors "
        f"under load: {totals}")
    assert totals["failures"] == 0, f"requests failed under load: {totals}"


@then("the Redis pool stayed at or below {limit:d} % of its connections")
def step_pool_below(context, limit):
    pool = context.load["pool"]
    assert pool["samples"] > 0, f"the pool was never sampled: {pool}"
    assert pool["max_utilization_percent"] <= limit, (
        f"pool utilization reached {pool['max_utilization_percent']} % "
        f"({pool['max_active_connections']} of {pool['max_connections']})")


@then("every dashboard saw every update")
def step_dashboards_saw_all(context):
    streams = context.load["dashboard_streams"]
    assert streams["saw_all_updates"] == streams["count"] == context.load_plan["dashboards"], streams


@then("each call's 95th percentile stayed under the latency bound")
def step_p95_under_bound(context):
    bound = float(context.config.userdata.get("load_p95_ms", DEFAULT_P95_BOUND_MS))
    slow = {name: context.load["calls"][name]["p95_ms"] for name in SHOP_CALLS
            if context.load["calls"][name]["p95_ms"] > bound}
    assert not slow, f"95th percentile over {bound} ms: {slow}"
