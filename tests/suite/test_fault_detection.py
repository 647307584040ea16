"""Self-verification: the suite goes red on a stand-in with one fault, in the scenario of the
broken rule and the Allure category that fault should trip, and a known defect's failure names
it. Only that scenario runs (behave --name). The faults live in tests/mutants/."""

import re
from dataclasses import dataclass

import pytest

from standin.runner import EMBEDDED_MODULE_VARIABLE, running_standin
from tests.mutants import FAULTS

from .runs import SuiteRun, run_suite

PRODUCT, DRIFT, ENVIRONMENT = "Product defect", "Contract drift", "Environment"
RUN_TIMEOUT_S = 120


@dataclass(frozen=True)
class Expected:
    scenario: str  # the name it starts with; an outline row's name has its values substituted
    category: str
    embedded: bool = False  # the suite's own embedded stand-in is the mutant (@local-only)


ASSEMBLY_CYCLE = "A worker takes, pauses, takes again and completes assembly"
DESCRIPTION = "The published description agrees with ZEUES v3.0, field by field"
EXPECTED = {
    "D0": Expected(ASSEMBLY_CYCLE, PRODUCT),
    "D1": Expected(ASSEMBLY_CYCLE, PRODUCT),
    "D2": Expected("Taking and completing inspection as an occupation stamps no assembly date",
                   PRODUCT),
    "D3": Expected("The inspector records the verdict APROBADO", PRODUCT),
    "D4": Expected("Finished assembly cannot be taken again, and the refusal leaves no lock",
                   PRODUCT),
    "D5": Expected("A dashboard sees a welding pause as welding", PRODUCT),
    "D6": Expected("Completing welding closes the welding session", PRODUCT),
    "D7": Expected("History times are the real time in Santiago", PRODUCT),
    "D8": Expected("With 20 dashboards watching, a worker can still take and pause a spool",
                   PRODUCT),
    "D9": Expected("A manager can see how full the connection pool is", PRODUCT),
    "D10": Expected("With Redis down, actions are refused as Redis unavailable and reads still "
                    "work", PRODUCT, embedded=True),
    "D11": Expected("The holder of assembly cannot pause welding", PRODUCT),
    "D12": Expected("Welding cannot start before assembly", PRODUCT),
    "D13": Expected("Another worker resumes paused assembly and the first one stays its "
                    "assembler", PRODUCT),
    "D14": Expected("A spool nobody has heard of cannot be completed", PRODUCT),
    "D15": Expected("After 20 dashboards have come and gone, a worker can still take and pause "
                    "a spool", PRODUCT),
    "refusals_in_old_family": Expected("A spool someone holds cannot be taken", DRIFT),
    "history_as_list": Expected("Taking a spool opens a session", DRIFT),
    "openapi_lost_fecha": Expected(DESCRIPTION, DRIFT),
    "openapi_lost_verdict": Expected(DESCRIPTION, DRIFT),
    "racy_lock": Expected("10 workers race for one free spool", PRODUCT),
    "non_owner_can_pause": Expected("Only the holder may pause the work", PRODUCT),
    "redis_down": Expected(ASSEMBLY_CYCLE, ENVIRONMENT),
}
KNOWN_DEFECTS = sorted((name for name in EXPECTED if re.fullmatch(r"D\d+", name)),
                       key=lambda name: int(name[1:]))


def names_known_defect(message: str, defect: str) -> bool:
    """"(known defect D1 of ...)" or "(known defects D1 and D2 of ...)"."""
    return re.search(rf"\bknown defects? (?:D\d+ and )*{defect}\b", message) is not None


def run_only_its_scenario(fault: str, results) -> SuiteRun:
    """The expected scenario alone, against the fault's stand-in."""
    expected = EXPECTED[fault]
    only = ("--name", re.escape(expected.scenario))
    if expected.embedded:
        module = f"tests.mutants --fault {fault}"
        return run_suite(results, *only, env={EMBEDDED_MODULE_VARIABLE: module},
                         timeout=RUN_TIMEOUT_S)
    app_fault = FAULTS[fault].apply is not None
    module, extra = ("tests.mutants", ("--fault", fault)) if app_fault else ("standin", ())
    with running_standin(testing=True, module=module, extra_args=extra) as standin:
        if fault == "redis_down":
            standin.redis.stop()
        return run_suite(results, *only, "-D", f"base_url={standin.base_url}",
                         timeout=RUN_TIMEOUT_S)


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory):
    """fault -> its SuiteRun, each run once for every test that asks."""
    runs: dict[str, SuiteRun] = {}

    def of(fault: str) -> SuiteRun:
        if fault not in runs:
            runs[fault] = run_only_its_scenario(fault, tmp_path_factory.mktemp(fault) / "results")
        return runs[fault]

    return of


def test_every_fault_has_an_expectation():
    assert set(EXPECTED) == set(FAULTS)


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_the_suite_catches_the_fault(fault, suite_run, mutation_score):
    expected, run = EXPECTED[fault], suite_run(fault)
    outcome = run.outcome(expected.scenario)
    mutation_score[fault] = outcome[1] == expected.category
    assert run.returncode != 0, f"the suite stayed green with {fault}: {run.output[-2000:]}"
    assert outcome[1] == expected.category, (
        f"{fault}: '{expected.scenario}' ended {outcome}, expected {expected.category}; "
        f"failed: {run.failed_names()}; output: {run.output[-2000:]}")


@pytest.mark.parametrize("fault", KNOWN_DEFECTS)
def test_the_failure_names_the_known_defect(fault, suite_run):
    expected, run = EXPECTED[fault], suite_run(fault)
    message = run.failure(expected.scenario)["message"]
    assert names_known_defect(message, fault), (
        f"'{expected.scenario}' failed on {fault} without naming it: {message}")


@pytest.mark.parametrize(("message", "defect", "named"), [
    ("... (known defect D1 of ZEUES v3.0)", "D1", True),
    ("... (known defects D1 and D2 of ZEUES v3.0)", "D2", True),
    ("... (known defect D10 of ZEUES v3.0)", "D1", False),
    ("... answered a server error (500)", "D1", False),
])
def test_a_known_defect_is_named_by_its_own_number(message, defect, named):
    assert names_known_defect(message, defect) is named
