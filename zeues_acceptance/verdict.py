"""The verdict a manager reads in one look: is the target healthy, and if not, what is wrong.

One computation from the scenarios' outcomes and the run record, shown three ways: the last
lines of the console, the top of ``summary.md`` and the report's first screen.

The sentence names the target, the API version it reports, the run's date and time (UTC)
and one state, decided in this order:
- "could not judge: no scenario ran" when every scenario was skipped or none was selected;
- "not healthy: N product defects" when any product defect was found (", M contract
  drifts" added when there are drifts too): a defect found is a fact whatever else broke;
- "not healthy: M contract drifts" when only drift was found: an answer that breaks the
  contract breaks the clients written against it, so the target is not healthy either;
- "could not judge: environment" when a scenario could not reach what it tests;
- "suite problem" when only the suite itself failed (a Test defect);
- "healthy" otherwise (skipped scenarios do not change it; they are listed).
N counts findings, not scenarios: the failures that name the same known defect, or else
the same first rule (by category), are one finding, on one line.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from zeues_acceptance.outcomes import SEVERITIES, Outcome
from zeues_acceptance.rules import DEFECTS, RULES

PRODUCT, DRIFT, ENVIRONMENT, TEST = "Product defect", "Contract drift", "Environment", "Test defect"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    category: str
    sentence: str
    severity: str
    scenarios: int

    @property
    def line(self) -> str:
        times = f" ({self.scenarios} scenarios)" if self.scenarios > 1 else ""
        return f"{self.sentence} — {self.category}, {self.severity}{times}"


@dataclass(frozen=True)
class Verdict:
    target: str
    api_version: str
    when: str
    state: str
    findings: tuple[Finding, ...]
    skipped: tuple[tuple[str, int], ...]  # (reason, scenarios), most frequent first
    counts: dict

    @property
    def healthy(self) -> bool:
        return self.state == "healthy"

    @property
    def sentence(self) -> str:
        return f"{self.target}, API {self.api_version}, {self.when} — {self.state}"

    @property
    def skipped_lines(self) -> list[str]:
        return [f"{count} skipped: {reason}" for reason, count in self.skipped]

    @property
    def counts_line(self) -> str:
        """The plain closing line: failed counts failed and broken scenarios alike."""
        failed = self.counts["failed"] + self.counts["broken"]
        return f"{self.counts['passed']} passed, {failed} failed, {self.counts['skipped']} skipped"


def compute_verdict(outcomes: list[Outcome], record: dict) -> Verdict:
    findings = _findings([outcome for outcome in outcomes if outcome.status in ("failed", "broken")])
    by_category = Counter(finding.category for finding in findings)
    statuses = Counter(outcome.status for outcome in outcomes)
    reasons = Counter(outcome.skip_reason or "no reason given"
                      for outcome in outcomes if outcome.status == "skipped")
    return Verdict(
        target=record.get("target") or UNKNOWN + " target",
        api_version=record.get("api_version") or UNKNOWN,
        when=_when(record.get("started_at")),
        state=_state(by_category, judged=sum(outcome.judged for outcome in outcomes)),
        findings=tuple(findings),
        skipped=tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        counts={status: statuses.get(status, 0) for status in ("passed", "failed", "broken", "skipped")},
    )


def _state(by_category: Counter, judged: int) -> str:
    if not judged:
        return "could not judge: no scenario ran"
    defects = [_count(by_category[PRODUCT], "product defect"), _count(by_category[DRIFT], "contract drift")]
    named = [text for text in defects if text]
    if named:
        return "not healthy: " + ", ".join(named)
    if by_category[ENVIRONMENT]:
        return "could not judge: environment"
    if by_category[TEST]:
        return "suite problem"
    return "healthy"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}" if number else ""


def _findings(failures: list[Outcome]) -> list[Finding]:
    """One finding per known defect, else per (category, first rule), else per scenario;
    Environment and Test defects per message. Category order as in the verdict, then the
    most severe first."""
    groups: dict[tuple, list[Outcome]] = {}
    for outcome in failures:
        groups.setdefault(_finding_key(outcome), []).append(outcome)
    findings = [Finding(category=members[0].category or TEST, sentence=_sentence(members[0]),
                        severity=min((m.severity for m in members), key=_severity_rank),
                        scenarios=len(members))
                for members in groups.values()]
    order = (PRODUCT, DRIFT, ENVIRONMENT, TEST)
    return sorted(findings, key=lambda f: (order.index(f.category) if f.category in order else len(order),
                                           _severity_rank(f.severity)))


def _finding_key(outcome: Outcome) -> tuple:
    category = outcome.category or TEST
    if category in (ENVIRONMENT, TEST):
        return category, outcome.message or outcome.name
    if outcome.known_defect in DEFECTS:
        return category, outcome.known_defect
    if outcome.rules and outcome.rules[0] in RULES:
        return category, outcome.rules[0]
    return category, outcome.name


def _sentence(outcome: Outcome) -> str:
    category = outcome.category or TEST
    if category == ENVIRONMENT:
        return outcome.message or outcome.name
    if category == TEST:
        return f"{outcome.name}: {outcome.message}" if outcome.message else outcome.name
    if outcome.known_defect in DEFECTS:
        return DEFECTS[outcome.known_defect].sentence
    if outcome.rules and outcome.rules[0] in RULES:
        return RULES[outcome.rules[0]].broken
    return outcome.name


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _when(started_at: str | None) -> str:
    """'2026-12-01 11:40 UTC' from the record's ISO time; 'unknown time' without one."""
    if not started_at:
        return UNKNOWN + " time"
    moment = datetime.fromisoformat(started_at.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def verdict_lines(verdict: Verdict) -> list[str]:
    """The verdict as plain lines: the sentence, each finding, each skip reason."""
    return ([verdict.sentence] + [f"  ✗ {finding.line}" for finding in verdict.findings]
            + [f"  – {line}" for line in verdict.skipped_lines])
