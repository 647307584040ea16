"""Self-verification: the suite goes red on a stand-in with one rule broken, in the scenario
and the Allure category that fault should trip. The faults live in tests/mutants/."""

import pytest

from standin.runner import running_standin
from tests.mutants import FAULTS

from .runs import run_suite

PRODUCT, DRIFT, ENVIRONMENT = "Product defect", "Contract drift", "Environment"

# fault -> (scenario that must fail, its category). Other scenarios may fail too.
EXPECTED = {
    "fecha_not_required": ("Completing without a work date is rejected", PRODUCT),
    "bad_date_500": ("A work date that is not a real calendar date is rejected", PRODUCT),
    "history_as_list": ("Taking a spool opens a session", DRIFT),
    "history_newest_first": ("Pausing closes the session as paused", PRODUCT),
    "open_session_closed": ("Taking a spool opens a session", PRODUCT),
    "non_owner_can_pause": ("Only the holder may pause the work", PRODUCT),
    "sold_before_arm": ("Welding before assembly is complete is refused", PRODUCT),
    "second_verdict_accepted": ("A second verdict is refused", PRODUCT),
    "inactive_worker_accepted": ("An inactive worker cannot take a spool", PRODUCT),
    "racy_lock": ("10 takers race for one free spool", PRODUCT),
    "health_hides_redis": ("Service health includes Redis", DRIFT),
    "stats_off_by_one": ("The connection pool adds up", PRODUCT),
    "stats_wrong_max": ("The connection pool adds up", PRODUCT),
    "stream_silent": ("A dashboard sees a TOMAR within a second", PRODUCT),
    "stream_late": ("A dashboard sees a TOMAR within a second", PRODUCT),
    "openapi_lost_fecha": ("The published API description agrees with the contract", DRIFT),
    "openapi_lost_verdict": ("The published API description agrees with the contract", DRIFT),
    "redis_down": ("A worker takes, pauses and completes assembly", ENVIRONMENT),
}


def test_every_fault_has_an_expectation():
    assert set(EXPECTED) == set(FAULTS)


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_the_suite_catches_the_fault(fault, tmp_path, mutation_score):
    scenario, category = EXPECTED[fault]
    app_fault = FAULTS[fault].apply is not None
    module, extra = ("tests.mutants", ("--fault", fault)) if app_fault else ("standin", ())
    with running_standin(testing=True, module=module, extra_args=extra) as standin:
        if fault == "redis_down":
            standin.redis.stop()
        run = run_suite(tmp_path / "results", "-D", f"base_url={standin.base_url}")
    outcome = run.outcome(scenario)
    mutation_score[fault] = outcome[1] == category
    assert run.returncode != 0, f"the suite stayed green with {fault}"
    assert outcome[1] == category, (
        f"{fault}: '{scenario}' ended {outcome}, expected {category}; failed: {run.failed_names()}")
