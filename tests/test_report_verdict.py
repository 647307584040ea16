"""The verdict from outcomes and the run record: its state, its finding lines, its skip lines;
and the outcome of a message as the suite writes it."""

import pytest

from zeues_acceptance.outcomes import Outcome, classify, domain_sentence, make_outcome
from zeues_acceptance.rules import DEFECTS, RULES
from zeues_acceptance.verdict import compute_verdict, verdict_lines

RECORD = {"target": "embedded stand-in", "api_version": "3.0.0",
          "started_at": "2026-12-01T11:40:12+00:00"}


def passed(name="A check passes"):
    return make_outcome(name, "passed", None, ["R6", "blocker"])


def failed(message, tags=("R1", "critical"), name="Assembly is completed", status="failed"):
    return make_outcome(name, status, message, tags)


def skipped(reason, name="A writing scenario"):
    return make_outcome(name, "skipped", None, ["writes"], reason)


@pytest.mark.parametrize(("status", "message", "category"), [
    ("broken", "zeues_acceptance.errors.RedisUnavailable: Environment: Redis unavailable", "Environment"),
    ("failed", "AssertionError: Environment: the target did not answer", "Environment"),
    ("failed", "AssertionError: Contract drift: the answer breaks OccupationResponse", "Contract drift"),
    ("failed", "Contract drift: without an exception type", "Contract drift"),
    ("failed", "AssertionError: Product defect: completing ARM answered 500", "Product defect"),
    ("failed", "AssertionError: expected 403 NOT_OWNER, got 200", "Product defect"),
    ("failed", None, "Product defect"),
    ("broken", "KeyError: 'spool'", "Test defect"),
    ("broken", "", "Test defect"),
    # Status decides first: drift raised by the wrong code is the suite's fault.
    ("broken", "RuntimeError: Contract drift: raised by the wrong code", "Test defect"),
    # Only the first line's prefix counts, not a category named further on.
    ("failed", "AssertionError: Product defect: x\nEnvironment: mentioned later", "Product defect"),
    ("failed", "AssertionError: a sentence naming Contract drift: in the middle", "Product defect"),
    ("passed", None, None),
    ("skipped", "", None),
])
def test_classify_by_status_and_first_line_prefix(status, message, category):
    assert classify(status, message) == category


@pytest.mark.parametrize(("message", "sentence"), [
    ("AssertionError: Product defect: completing ARM answered 500\n{json}", "completing ARM answered 500"),
    ("zeues_acceptance.errors.TargetUnreachable: Environment: no answer at http://x", "no answer at http://x"),
    ("AssertionError: expected 403, got 200", "expected 403, got 200"),
    ("Environment: Redis is unavailable", "Redis is unavailable"),
    ("KeyError: 'spool'", "KeyError: 'spool'"),
    ("AssertionError", "AssertionError"),
    (None, ""),
])
def test_domain_sentence_drops_exception_type_and_category(message, sentence):
    assert domain_sentence(message) == sentence


def test_outcome_reads_rules_severity_and_known_defect():
    outcome = failed("AssertionError: Product defect: COMPLETAR answered 500 (known defect D1)",
                     tags=["smoke", "R1", "R7", "critical"])
    assert outcome == Outcome(name="Assembly is completed", status="failed", category="Product defect",
                              rules=("R1", "R7"), known_defect="D1", severity="critical",
                              message="COMPLETAR answered 500 (known defect D1)")


def test_a_green_run_is_healthy_and_names_target_version_and_time():
    verdict = compute_verdict([passed(), passed("Another")], RECORD)
    assert verdict.sentence == "embedded stand-in, API 3.0.0, 2026-12-01 11:40 UTC — healthy"
    assert verdict_lines(verdict) == [verdict.sentence]
    assert verdict.counts_line == "2 passed, 0 failed, 0 skipped"


def test_failures_naming_one_known_defect_are_one_finding_in_its_words():
    verdict = compute_verdict([
        passed(),
        failed("AssertionError: Product defect: COMPLETAR ARM answered 500 (known defect D1)"),
        failed("AssertionError: Product defect: COMPLETAR SOLD answered 500 (known defect D1)",
               tags=("R7", "normal"), name="Welding is completed"),
    ], RECORD)
    assert verdict.state == "not healthy: 1 product defect"
    assert [finding.line for finding in verdict.findings] == [
        f"{DEFECTS['D1'].sentence} — Product defect, critical (2 scenarios)"]


def test_a_failure_without_known_defect_says_its_first_rule_broken_else_its_name():
    verdict = compute_verdict([
        failed("AssertionError: two holders", tags=("R2", "R21", "blocker"), name="Race"),
        failed("AssertionError: wrong", tags=("minor",), name="An untagged check"),
    ], RECORD)
    assert verdict.state == "not healthy: 2 product defects"
    assert [finding.line for finding in verdict.findings] == [
        f"{RULES['R2'].broken} — Product defect, blocker", "An untagged check — Product defect, minor"]


def test_drift_alone_is_not_healthy_and_adds_to_product_defects():
    drift = failed("AssertionError: Contract drift: history breaks HistoryResponse", tags=("R5",))
    assert compute_verdict([passed(), drift], RECORD).state == "not healthy: 1 contract drift"
    defect = failed("AssertionError: Product defect: x", tags=("R2",))
    assert compute_verdict([drift, defect], RECORD).state == "not healthy: 1 product defect, 1 contract drift"


def test_environment_then_suite_problem_then_order_of_lines():
    environment = failed("zeues_acceptance.errors.TargetUnreachable: Environment: no answer at http://x",
                         status="broken")
    test_defect = failed("KeyError: 'spool'", status="broken", name="A step breaks")
    assert compute_verdict([environment, test_defect], RECORD).state == "could not judge: environment"
    assert compute_verdict([passed(), test_defect], RECORD).state == "suite problem"
    mixed = compute_verdict([test_defect, environment, environment,
                             failed("AssertionError: Product defect: y", tags=("R3", "minor"))], RECORD)
    assert [finding.line for finding in mixed.findings] == [
        f"{RULES['R3'].broken} — Product defect, minor",
        "no answer at http://x — Environment, critical (2 scenarios)",
        "A step breaks: KeyError: 'spool' — Test defect, critical",
    ]


def test_skip_reasons_are_counted_one_line_each():
    verdict = compute_verdict([passed(), skipped("needs designated test spools"),
                               skipped("needs designated test spools"),
                               skipped("Blocked by a product defect: Redis is down")], RECORD)
    assert verdict.state == "healthy"
    assert verdict_lines(verdict)[1:] == ["  – 2 skipped: needs designated test spools",
                                         "  – 1 skipped: Blocked by a product defect: Redis is down"]


def test_nothing_judged_cannot_be_judged():
    assert compute_verdict([skipped("needs x")], RECORD).state == "could not judge: no scenario ran"
    assert compute_verdict([], RECORD).state == "could not judge: no scenario ran"


def test_a_record_without_facts_says_unknown_and_times_are_shown_in_utc():
    assert compute_verdict([passed()], {}).sentence == "unknown target, API unknown, unknown time — healthy"
    verdict = compute_verdict([passed()], {**RECORD, "started_at": "2026-12-01T08:40:00-03:00"})
    assert verdict.when == "2026-12-01 11:40 UTC"
