"""Against a target without test support (like production) the suite works only on designated
spools chosen by their state, never leaves a lock it took - a failure midway included - and its
end-of-run list tells the truth as the real reads show it."""

from redis import Redis

from standin.runner import running_standin
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.spool_state import read_spools

from .runs import run_suite

DESIGNATED = [f"TEST-{number:02d}" for number in range(11, 19)]


def target_args(base_url: str, *extra: str) -> list[str]:
    return ["-D", f"base_url={base_url}", "-D", "test_spools=" + ",".join(DESIGNATED), *extra]


def test_no_lock_is_left_and_the_end_list_is_true(tmp_path):
    with running_standin(testing=False) as standin:
        run = run_suite(tmp_path / "results", *target_args(
            standin.base_url, "-D", "allow_irreversible=yes", "-D", "allow_disruptive=yes"))
        locks = Redis.from_url(standin.redis.url).keys("spool_lock:*")
        with ZeuesClient(standin.base_url) as client:
            states = {tag: view.describe() for tag, view in read_spools(client, DESIGNATED).items()}
    assert run.returncode == 0, run.output[-3000:]
    assert locks == []
    listed = {spool["tag"]: spool["state"] for spool in run.record["spools"]}
    assert listed and set(listed) <= set(DESIGNATED)
    assert listed == {tag: states[tag] for tag in listed}
    assert run.record["test_support"] is False


def test_without_permission_nothing_irreversible_or_disruptive_runs(tmp_path):
    with running_standin(testing=False) as standin:
        run = run_suite(tmp_path / "results", *target_args(standin.base_url))
        with ZeuesClient(standin.base_url) as client:
            views = read_spools(client, DESIGNATED)
    assert run.returncode == 0, run.output[-3000:]
    assert "run with -D allow_irreversible=yes to allow it" in run.output
    assert "run with -D allow_disruptive=yes to allow it" in run.output
    assert all(view.free and not view.date("ARM") and not view.worker("SOLD")
               for view in views.values()), {tag: v.describe() for tag, v in views.items()}


def test_without_designated_spools_writing_scenarios_skip_with_the_reason(tmp_path):
    with running_standin(testing=False) as standin:
        run = run_suite(tmp_path / "results", "-D", f"base_url={standin.base_url}",
                        "--tags=@R10 or @R18")
    assert run.returncode == 0, run.output[-3000:]
    assert run.summary["statuses"]["skipped"] >= 3
    assert "no designated test spools were given" in run.output


def test_an_unknown_setting_stops_the_run_before_any_scenario(tmp_path):
    run = run_suite(tmp_path / "results", "-D", "allow_irreversibel=yes")
    assert run.returncode != 0
    assert "unknown -D key allow_irreversibel; the known keys are:" in run.output
    assert "-D allow_irreversible=" in run.output


def test_with_failures_midway_only_the_locks_the_api_left_remain_and_are_listed(tmp_path):
    """Every known defect of ZEUES v3.0 at once: scenarios fail midway holding spools, and
    finished work taken again keeps a lock (D4). The run frees what it took, and lists the
    lock the API left, with when it lapses."""
    with running_standin(testing=False, module="tests.mutants",
                         extra_args=("--fault", "zeues-v3.0")) as standin:
        run = run_suite(tmp_path / "results", *target_args(
            standin.base_url, "-D", "allow_irreversible=yes", "-D", "allow_disruptive=yes"),
            "--tags=not @stream")
        redis = Redis.from_url(standin.redis.url, decode_responses=True)
        locks = {key.removeprefix("spool_lock:") for key in redis.keys("spool_lock:*")}
        with ZeuesClient(standin.base_url) as client:
            states = {tag: view.describe() for tag, view in read_spools(client, DESIGNATED).items()}
    assert run.summary["failures"], "the release's defects made no scenario fail"
    left = {spool["tag"] for spool in run.record["spools"] if spool["lock_left_until"]}
    assert locks == left and left, (locks, run.record["spools"])
    listed = {spool["tag"]: spool["state"] for spool in run.record["spools"]}
    assert listed == {tag: states[tag] for tag in listed}
    assert "lock left until" in run.output


def test_a_lock_left_before_the_run_makes_its_spool_not_runnable_and_is_listed(tmp_path):
    """Contract E: a TOMAR refused on a spool the sheet shows free is a leftover lock (D4):
    wait, do not retry - the scenario is not runnable on it, and the end list says so."""
    with running_standin(testing=False) as standin:
        redis = Redis.from_url(standin.redis.url)
        redis.set("spool_lock:TEST-11", "93:left-by-an-earlier-run", ex=3600)
        run = run_suite(tmp_path / "results", "-D", f"base_url={standin.base_url}",
                        "-D", "test_spools=TEST-11", "--tags=@R10")
        assert redis.exists("spool_lock:TEST-11")  # never touched
    assert run.returncode == 0, run.output[-3000:]
    assert run.summary["statuses"]["skipped"] == run.summary["total"]
    assert "TEST-11 is shown free, yet a TOMAR is refused as occupied" in run.output
    (spool,) = run.record["spools"]
    assert spool["tag"] == "TEST-11" and "yet locked by a lock this run did not take" in spool["state"]
