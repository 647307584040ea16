"""Steps for the production-scale load run (tag @load), driven by Locust in its own process.

Locust patches the whole interpreter with gevent, so the run is `python -m load.run` in a
subprocess; the Thens judge the result.json it writes (load.findings).
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import allure
from behave import given, then, when

from load.findings import dashboards_finding, failures_finding, latency_finding, pool_finding
from load import TARGET_REFUSED
from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.errors import EnvironmentProblem, SuiteError
from zeues_acceptance.run_checks import read_redis

DEFAULT_DURATION_S = 60
DEFAULT_P95_BOUND_MS = 1000
# Beyond the run itself: starting Locust, spawning, draining, writing the files.
RUN_ALLOWANCE_S = 180
ATTACHMENTS = (("result.json", "load result", allure.attachment_type.JSON),
               ("chart.png", "load chart", allure.attachment_type.PNG),
               ("locust_stats.csv", "locust stats", allure.attachment_type.CSV))


@given("{workers:d} workers and {dashboards:d} dashboards on the shop floor")
def step_shop_floor(context, workers, dashboards):
    if importlib.util.find_spec("locust") is None:
        skip_scenario(context.scenario, "the load run needs Locust, which `make test` installs "
                                        "(requirements-test.txt); `make acceptance` does not")
        return
    redis = context.floor.situation.redis_at_start
    if not redis.healthy:
        raise EnvironmentProblem(f"Environment: Redis was already unhealthy before the load run "
                                 f"(\"{redis.text}\"), so the run could not be judged")
    context.load_plan = {"workers": workers, "dashboards": dashboards}


@when("they work for the load duration")
def step_work_for_load_duration(context):
    duration = float(context.config.userdata.get("load_duration", DEFAULT_DURATION_S))
    out = Path("reports") / f"load-{context.target.run_id}"
    embedded = context.target.controls_standin
    command = [sys.executable, "-m", "load.run", "--base-url", context.target.base_url,
               "--workers", str(context.load_plan["workers"]),
               "--dashboards", str(context.load_plan["dashboards"]),
               "--duration", str(duration), "--out", str(out),
               "--subscribe-grace", str(context.target.stream_grace)]
    if not embedded:
        command.append("--allow-remote")  # the hooks already decided this target may be loaded
    completed = subprocess.run(command, capture_output=True, text=True,
                               timeout=duration + RUN_ALLOWANCE_S)
    context.load_redis_after = read_redis(context.client)
    if completed.returncode == TARGET_REFUSED:
        raise EnvironmentProblem(f"Environment: the load run could not start against "
                                 f"{context.target.base_url}: {completed.stderr.strip()[-500:]}")
    if not (out / "result.json").exists():
        raise SuiteError(f"Test defect: the load run wrote no result ({completed.returncode}): "
                         f"{completed.stderr[-1500:]}")
    context.load = json.loads((out / "result.json").read_text(encoding="utf-8"))
    for name, title, kind in ATTACHMENTS:
        if (out / name).exists():
            allure.attach.file(str(out / name), name=title, attachment_type=kind)


def holds(finding: Exception | None) -> None:
    if finding is not None:
        raise finding


@then("no request failed")
def step_no_request_failed(context):
    """Any failed call fails it, Redis or not: each worker works alone on its own spool."""
    holds(failures_finding(context.load, redis_after=context.load_redis_after))


@then("the Redis pool stayed at or below {limit:d} % of its connections")
def step_pool_below(context, limit):
    holds(pool_finding(context.load, limit))


@then("every dashboard saw every update")
def step_dashboards_saw_all(context):
    holds(dashboards_finding(context.load, context.load_plan["dashboards"]))


@then("each call's 95th percentile stayed under the latency bound")
def step_p95_under_bound(context):
    bound = float(context.config.userdata.get("load_p95_ms", DEFAULT_P95_BOUND_MS))
    holds(latency_finding(context.load, bound))
