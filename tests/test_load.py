"""The load run: its ledger's arithmetic, a short run that holds, and a run that sees Redis go.

The runs go through `python -m load.run` in a subprocess, as the behave suite
does: Locust's gevent patch must never reach this process.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from load.ledger import (
    REDIS_ERROR,
    SERVER_ERROR,
    UNEXPECTED_ANSWER,
    RunLedger,
    failure_kind,
    update_key,
)
from standin.runner import running_standin

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHORT_RUN = ("--workers", "10", "--dashboards", "3", "--duration", "8")
RUN_LIMIT_S = 120
REDIS_STOPS_AFTER_S = 3


def load_command(base_url: str, out_dir: Path) -> list[str]:
    return [sys.executable, "-m", "load.run", "--base-url", base_url, *SHORT_RUN,
            "--out", str(out_dir)]


def start_load(base_url: str, out_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(load_command(base_url, out_dir), cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


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


def test_failure_kinds_keep_redis_apart_from_other_server_errors():
    assert failure_kind(503, "REDIS_UNAVAILABLE") == REDIS_ERROR
    assert failure_kind(503, None) == SERVER_ERROR
    assert failure_kind(500, None) == SERVER_ERROR
    assert failure_kind(409, "SPOOL_OCCUPIED") == UNEXPECTED_ANSWER


def test_a_dashboard_owes_only_the_updates_sent_after_it_subscribed():
    ledger = RunLedger()
    ledger.record_update(10.0, "LOAD-1", "ARM", "TOMAR")
    ledger.record_update(20.0, "LOAD-1", "ARM", "PAUSAR")
    ledger.record_update(30.0, "LOAD-1", "ARM", "TOMAR")
    early, late = ledger.new_dashboard("early"), ledger.new_dashboard("late")
    early.subscribed_at, late.subscribed_at = 5.0, 25.0
    early.seen += [update_key("LOAD-1", "ARM", "TOMAR"), update_key("LOAD-1", "ARM", "PAUSAR")]
    late.seen += [update_key("LOAD-1", "ARM", "TOMAR")]

    verdicts = {verdict.name: verdict for verdict in ledger.dashboard_verdicts()}

    assert (verdicts["early"].expected, verdicts["early"].missing) == (3, 1)
    assert verdicts["early"].missing_examples == ("LOAD-1 ARM TOMAR",)
    assert not verdicts["early"].saw_all
    assert (verdicts["late"].expected, verdicts["late"].missing) == (1, 0)
    assert verdicts["late"].saw_all


def test_reports_from_worker_processes_merge_into_the_same_verdicts():
    worker_a, worker_b, master = RunLedger(), RunLedger(), RunLedger()
    worker_a.record_update(10.0, "LOAD-a", "ARM", "TOMAR")
    watcher = worker_b.new_dashboard("b-dashboard-1")
    watcher.subscribed_at = 1.0
    master.merge(worker_b.take_report())
    watcher.seen.append(update_key("LOAD-a", "ARM", "TOMAR"))
    worker_a.record_failure("TOMAR", REDIS_ERROR)
    master.merge(worker_a.take_report())
    master.merge(worker_b.take_report())
    master.merge(worker_b.take_report())

    (verdict,) = master.dashboard_verdicts()
    assert (verdict.expected, verdict.received, verdict.missing) == (1, 1, 0)
    assert master.failure_count(REDIS_ERROR) == 1
    assert master.failure_count(REDIS_ERROR, "TOMAR") == 1


def test_a_short_load_run_holds_on_the_standin(tmp_path):
    with running_standin(testing=True) as standin:
        output = finish(start_load(standin.base_url, tmp_path))

    result = read_result(tmp_path)
    for call in ("TOMAR", "PAUSAR", "COMPLETAR"):
        assert result["calls"][call]["count"] > 0, output
        assert result["calls"][call]["failures"] == 0, output
    assert result["totals"]["redis_errors"] == 0
    assert result["totals"]["server_errors"] == 0
    assert result["totals"]["contract_drift"] == 0
    assert result["pool"]["samples"] > 0
    assert result["pool"]["max_utilization_percent"] <= 100
    assert result["pool"]["max_active_connections"] <= 20
    streams = result["dashboard_streams"]
    assert streams["count"] == 3
    assert streams["saw_all_updates"] == 3, streams
    assert all(expected > 0 for expected in streams["expected_updates"].values())
    assert (tmp_path / "locust_stats.csv").stat().st_size > 0
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_a_load_run_reports_redis_errors_when_redis_stops_mid_run(tmp_path):
    with running_standin(testing=True) as standin:
        if standin.redis is None:
            pytest.skip("REDIS_URL points at a Redis this test must not stop")
        run = start_load(standin.base_url, tmp_path)
        with pytest.raises(subprocess.TimeoutExpired):
            run.wait(timeout=REDIS_STOPS_AFTER_S)  # still running: now stop Redis under it
        standin.redis.stop()
        output = finish(run)

    result = read_result(tmp_path)
    assert result["totals"]["redis_errors"] > 0, output
    assert result["calls"]["TOMAR"]["redis_errors"] > 0
    assert result["totals"]["failures"] >= result["totals"]["redis_errors"]
    assert result["calls"]["TOMAR"]["count"] > 0
