"""The load run: its ledger's arithmetic, the judgement of its result, and short runs on real
stand-ins - a clean one, whose every update a witness dashboard in this process also counts;
one with two of ZEUES v3.0's defects; one whose Redis stops under it.

The runs go through `python -m load.run` in a subprocess, as the behave suite does: Locust's
gevent patch must never reach this process. `python -m tests.test_load --port P --testing`
serves the stand-in with ZEUES v3.0's D1 (every COMPLETAR answers 500 once the work is
recorded) and D9 (the pool's figures without its use).
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from load.findings import dashboards_finding, failures_finding, pool_finding
from load.ledger import REDIS_REFUSAL, SERVER_ERROR, RunLedger, update_key
from load.sampler import POOL_SAMPLE_INTERVAL_S
from standin.runner import running_standin
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem, ProductDefect
from zeues_acceptance.judge import RedisReading

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORKERS, DASHBOARDS, DURATION_S = 10, 3, 4
SHORT_RUN = ("--workers", str(WORKERS), "--dashboards", str(DASHBOARDS),
             "--duration", str(DURATION_S), "--subscribe-grace", "0")
RUN_LIMIT_S = 60
REDIS_STOPS_AFTER_S = 3
CYCLE = [("TOMAR", "ARM"), ("PAUSAR", "ARM"), ("TOMAR", "ARM"), ("COMPLETAR", "ARM"),
         ("TOMAR", "SOLD"), ("COMPLETAR", "SOLD")]
SHOP_CALLS = ("TOMAR", "PAUSAR", "COMPLETAR")
HEALTHY = RedisReading(True, "Redis connected and responding")
D1_TEXT = "Internal server error: Can't completar when in completado."


def start_load(base_url: str, out_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "load.run", "--base-url", base_url, *SHORT_RUN,
         "--out", str(out_dir)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(run: subprocess.Popen) -> str:
    try:
        output, _ = run.communicate(timeout=RUN_LIMIT_S)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()
    assert run.returncode == 0, f"load run exited {run.returncode}:\n{output}"
    return output


def read_result(out_dir: Path) -> dict:
    return json.loads((out_dir / "result.json").read_text(encoding="utf-8"))


def load_events(stream) -> list[dict]:
    """The witness's TOMAR, PAUSAR and COMPLETAR events of the run's spools."""
    return [event for event in stream.events if event["tag_spool"].startswith("LOAD-")
            and event["event_type"] in SHOP_CALLS]


# -- the ledger and the judgement, on their own ---------------------------------------------

def test_a_dashboard_owes_only_the_updates_sent_after_it_subscribed():
    ledger = RunLedger()
    ledger.record_update(10.0, "LOAD-1", "ARM", "TOMAR")
    ledger.record_update(20.0, "LOAD-1", "ARM", "PAUSAR")
    ledger.record_update(30.0, "LOAD-1", "ARM", "TOMAR")
    early, late = ledger.new_dashboard("early"), ledger.new_dashboard("late")
    early.subscribed_at, late.subscribed_at = 5.0, 25.0
    early.seen += [update_key("LOAD-1", "ARM", "TOMAR"), update_key("LOAD-1", "ARM", "PAUSAR")]
    late.seen += [update_key("LOAD-1", "ARM", "TOMAR"), update_key("LOAD-1", "ARM", "COMPLETAR")]

    verdicts = {verdict.name: verdict for verdict in ledger.dashboard_verdicts()}

    assert (verdicts["early"].expected, verdicts["early"].missing) == (3, 1)
    assert verdicts["early"].missing_examples == ("LOAD-1 ARM TOMAR",)
    assert not verdicts["early"].saw_all
    # an update no worker recorded (an action that published, then failed) is not held against it
    late = verdicts["late"]
    assert (late.expected, late.received, late.missing) == (1, 2, 0)
    assert late.saw_all


def test_reports_from_worker_processes_merge_into_the_same_verdicts():
    worker_a, worker_b, master = RunLedger(), RunLedger(), RunLedger()
    worker_a.record_update(10.0, "LOAD-a", "ARM", "TOMAR")
    watcher = worker_b.new_dashboard("b-dashboard-1")
    watcher.subscribed_at = 1.0
    master.merge(worker_b.take_report())
    watcher.seen.append(update_key("LOAD-a", "ARM", "TOMAR"))
    example = {"what": "TOMAR ARM on LOAD-a by MR(93)", "status": 503,
               "detail": "Redis service unavailable: No connection available.",
               "known_defect": None}
    worker_a.record_failure("TOMAR", REDIS_REFUSAL, example)
    master.merge(worker_a.take_report())
    master.merge(worker_b.take_report())
    master.merge(worker_a.take_report())  # nothing new: nothing counted twice

    (verdict,) = master.dashboard_verdicts()
    assert (verdict.expected, verdict.received, verdict.missing) == (1, 1, 0)
    assert master.failure_count(REDIS_REFUSAL) == master.failure_count(REDIS_REFUSAL, "TOMAR") == 1
    assert master.failure_examples == {"TOMAR": {REDIS_REFUSAL: [example]}}


def test_a_refusal_as_redis_unavailable_is_the_products_unless_redis_itself_went_away():
    failures = {"failures": {"TOMAR": {REDIS_REFUSAL: 4}, "PAUSAR": {REDIS_REFUSAL: 1}},
                "failure_examples": {"TOMAR": {REDIS_REFUSAL: [{
                    "what": "TOMAR ARM on LOAD-a-1 by MR(93)", "status": 503,
                    "detail": "Redis service unavailable: No connection available.",
                    "known_defect": None}]}}}

    exhausted = failures_finding(failures, redis_after=HEALTHY)
    gone = failures_finding(failures, redis_after=RedisReading(
        False, "Redis not responding: Error 111 connecting to 127.0.0.1:6390. Connection refused."))

    assert isinstance(exhausted, ProductDefect)
    assert "5 requests were refused as Redis unavailable (TOMAR 4, PAUSAR 1)" in str(exhausted)
    assert "exhausted its own Redis connections" in str(exhausted)
    assert isinstance(gone, EnvironmentProblem)
    assert "Redis became unavailable during the load run" in str(gone)
    assert failures_finding({"failures": {}, "failure_examples": {}}, redis_after=HEALTHY) is None


def test_a_pool_over_the_limit_is_named_with_its_peak():
    result = {"pool": {"samples": 40, "samples_without_usage": 0, "keys_without_usage": [],
                       "sampler_errors": 0, "sampler_error": None, "max_utilization_percent": 85.0,
                       "max_active_connections": 17, "max_connections": 20, "peak_at_s": 12.5}}

    finding = pool_finding(result, limit=80)

    assert isinstance(finding, ProductDefect)
    assert "85.0 % (17 of 20 connections) 12.5 s into the run" in str(finding)
    assert pool_finding(result, limit=85) is None


# -- short runs on real stand-ins ---------------------------------------------------------

def test_a_short_run_counts_every_call_and_update_a_witness_dashboard_saw(tmp_path):
    with running_standin(testing=True) as standin, \
            ZeuesClient(standin.base_url, subscribe_grace=0) as client, \
            client.open_stream() as witness:
        output = finish(start_load(standin.base_url, tmp_path))
        witnessed = load_events(witness)

    result = read_result(tmp_path)
    calls, totals = result["calls"], result["totals"]
    assert totals["failures"] == 0, output
    assert totals["count"] == sum(call["count"] for call in calls.values())
    by_type = Counter(event["event_type"] for event in witnessed)
    for name in SHOP_CALLS:
        assert calls[name]["count"] == by_type[name] > 0, (name, by_type, output)
    assert totals["spool_updates"] == len(witnessed)
    # each worker's spool went through the cycle, over and over, and was reset before each
    sequences: dict[str, list] = {}
    for event in witnessed:
        step = (event["event_type"], event["operacion"])
        sequences.setdefault(event["tag_spool"], []).append(step)
    assert len(sequences) == WORKERS
    completed_cycles = 0
    for tag, sequence in sequences.items():
        assert sequence == (CYCLE * (len(sequence) // len(CYCLE) + 1))[:len(sequence)], tag
        completed_cycles += len(sequence) // len(CYCLE)
    # one reset before each cycle: a worker may stop right after a cycle or right after a reset
    assert completed_cycles <= calls["reset spool"]["count"] <= completed_cycles + WORKERS

    streams = result["dashboard_streams"]
    assert streams["count"] == streams["saw_all_updates"] == DASHBOARDS, streams
    assert set(streams["received"].values()) == {len(witnessed)}
    assert dashboards_finding(result, DASHBOARDS) is None

    pool = result["pool"]
    assert pool["samples"] == len(pool["timeline"]) >= DURATION_S / POOL_SAMPLE_INTERVAL_S * 0.8
    times = [at for at, _, _ in pool["timeline"]]  # rounded to 10 ms
    assert all(later - earlier >= POOL_SAMPLE_INTERVAL_S - 0.01
               for earlier, later in zip(times, times[1:]))
    assert all(percent == round(100 * active / pool["max_connections"], 1)
               for _, percent, active in pool["timeline"])
    assert pool["max_utilization_percent"] == max(percent for _, percent, _ in pool["timeline"])
    assert pool_finding(result, limit=80) is None
    assert (tmp_path / "locust_stats.csv").stat().st_size > 0
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_a_run_on_zeues_v30s_defects_counts_its_server_errors_and_cannot_see_the_pool(tmp_path):
    with running_standin(testing=True, module="tests.test_load") as standin:
        output = finish(start_load(standin.base_url, tmp_path))

    result = read_result(tmp_path)
    calls, totals = result["calls"], result["totals"]
    completar = calls["COMPLETAR"]
    assert completar["count"] > 0, output
    assert completar["server_errors"] == completar["failures"] == completar["count"]
    assert totals["server_errors"] == totals["failures"] == completar["count"]
    assert result["failures"] == {"COMPLETAR": {SERVER_ERROR: completar["count"]}}
    assert calls["TOMAR"]["failures"] == calls["PAUSAR"]["failures"] == 0
    # a failed COMPLETAR ARM leaves the spool unknown: it is reset, so SOLD is never reached
    assert calls["TOMAR"]["count"] <= 2 * calls["reset spool"]["count"]
    (example, *_) = result["failure_examples"]["COMPLETAR"][SERVER_ERROR]
    assert example["status"] == 500 and example["detail"] == D1_TEXT
    assert example["known_defect"] == "D1" and example["what"].startswith("COMPLETAR ARM on LOAD-")
    finding = failures_finding(result, redis_after=HEALTHY)
    assert isinstance(finding, ProductDefect)
    assert f"{completar['count']} requests answered a server error (500)" in str(finding)
    assert "known defect D1 of ZEUES v3.0" in str(finding)
    # the updates COMPLETAR published before its 500 are extra, not missing
    assert result["dashboard_streams"]["saw_all_updates"] == DASHBOARDS

    pool = result["pool"]
    assert pool["samples"] == 0 and pool["samples_without_usage"] > 0
    assert pool["keys_without_usage"] == ["alert", "max_connections", "pool_created", "status",
                                          "timestamp"]
    finding = pool_finding(result, limit=80)
    assert isinstance(finding, ProductDefect)
    assert "the Redis pool's use cannot be seen" in str(finding)
    assert "known defect D9 of ZEUES v3.0" in str(finding)
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_a_run_whose_redis_stops_counts_the_refusals_as_the_environments(tmp_path):
    with running_standin(testing=True) as standin:
        run = start_load(standin.base_url, tmp_path)
        with pytest.raises(subprocess.TimeoutExpired):
            run.wait(timeout=REDIS_STOPS_AFTER_S)  # still running: now stop Redis under it
        standin.redis.stop()
        output = finish(run)
        with ZeuesClient(standin.base_url) as client:
            redis_after = RedisReading(False, client.redis_health().body["message"])

    result = read_result(tmp_path)
    totals = result["totals"]
    assert totals["redis_refusals"] > 0, output
    assert totals["redis_refusals"] == sum(
        call["redis_refusals"] for call in result["calls"].values())
    assert totals["failures"] == sum(totals[kind] for kind in (
        "server_errors", "redis_refusals", "refused", "contract_drift", "unreachable"))
    assert totals["server_errors"] == 0
    assert all(result["failures"][name] == {REDIS_REFUSAL: result["calls"][name]["failures"]}
               for name in SHOP_CALLS if name in result["failures"])
    # The shop's calls are judged here: the route table names no 503 for test support yet,
    # so a reset refused while Redis is down counts as contract drift.
    shop_failures = {key: {name: result[key][name] for name in SHOP_CALLS if name in result[key]}
                     for key in ("failures", "failure_examples")}
    finding = failures_finding(shop_failures, redis_after=redis_after)
    assert isinstance(finding, EnvironmentProblem), finding
    assert "Redis became unavailable during the load run" in str(finding)


# -- the stand-in with ZEUES v3.0's defects D1 and D9, for the run above --------------------

def serve_with_zeues_v30_defects() -> None:
    from standin.__main__ import serve
    from standin.app import create_app
    from standin.errors import DetailError
    from standin.occupation import Occupation
    from standin.redis_pool import PoolStats

    class CompletarAnswers500(Occupation):
        """D1: the work is recorded, the lock released, the event sent - then a 500."""

        def completar(self, request):
            super().completar(request)
            raise DetailError(500, D1_TEXT)

    class StaticPoolStats(PoolStats):
        """D9: the real API's keys, never the pool's use."""

        def figures(self) -> dict:
            return {"status": "ok", "max_connections": self._pool.max_connections,
                    "pool_created": True, "alert": None}

    def with_defects(settings):
        app = create_app(settings)
        state = app.state
        state.occupation = CompletarAnswers500(state.sheet, state.locks, state.events)
        state.pool_stats = StaticPoolStats(state.redis_pool)
        return app

    serve(app_factory=with_defects)


if __name__ == "__main__":
    serve_with_zeues_v30_defects()
