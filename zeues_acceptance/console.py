"""behave's console for this suite: a progress line per feature, then the verdict block.

Registered in behave.ini as the default console format ("verdict"). Each feature gets one
line: its name, a mark per scenario as it ends (. passed, F failed, E broken, S skipped)
and its counts; under it one line per failed scenario with its category and domain
sentence, and a Python traceback only for a Test defect (the suite's own fault). At the
end: the spools the run left in a state worth knowing (a lock left, a spool held or not
read back; a spool the run created and never used, or left free, is not: all of them are
listed with ``-D list_spools=yes``), the verdict block of ``zeues_acceptance.verdict`` and
the plain closing line "N passed, N failed, N skipped" (behave's own summary is switched
off in behave.ini so that the verdict stays at the end). The run record comes from
``run_record.recorded(config)``: behave runs after_all before it closes its formatters.
"""

import time
import traceback
from datetime import UTC, datetime

from behave.formatter.base import Formatter
from behave.model_type import Status

from zeues_acceptance.outcomes import Outcome, make_outcome, readable_name
from zeues_acceptance.run_record import recorded
from zeues_acceptance.verdict import TEST, compute_verdict, verdict_lines

MARKS = {"passed": ".", "failed": "F", "broken": "E", "skipped": "S"}
TRUE_WORDS = {"yes", "true", "1"}


class VerdictFormatter(Formatter):
    name = "verdict"
    description = "A line per feature, failures in one line each, the verdict at the end."

    def __init__(self, stream_opener, config):
        super().__init__(stream_opener, config)
        self.stream = self.open()
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.outcomes: list[Outcome] = []
        self.feature_outcomes: list[Outcome] = []
        self.feature_problems: list[str] = []
        self.current_feature = None  # until its line is started
        self.current_scenario = None
        self.feature_started = 0.0

    def feature(self, feature):
        self.current_feature = feature
        self.feature_started = time.monotonic()

    def scenario(self, scenario):
        self._finish_scenario()
        self.current_scenario = scenario
        if self.current_feature is not None and _selected(scenario, self.config):
            # The feature's line starts with its first selected scenario: a feature the tag
            # selection leaves out gets no line.
            self._write(f"{self.current_feature.name} ")
            self.current_feature = None

    def eof(self):
        self._finish_scenario()
        if self.current_feature is not None:
            self.current_feature = None
            return
        counts = ", ".join(f"{sum(o.status == status for o in self.feature_outcomes)} {status}"
                           for status in MARKS if any(o.status == status for o in self.feature_outcomes))
        seconds = time.monotonic() - self.feature_started
        self._write(f" {counts} ({seconds:.1f} s)\n")
        for problem in self.feature_problems:
            self._write(problem)
        self.feature_outcomes, self.feature_problems = [], []

    def close(self):
        record = {"started_at": self.started_at, **recorded(self.config)}
        self._write_spools(record.get("spools") or [])
        verdict = compute_verdict(self.outcomes, record)
        self._write("\nVerdict: " + "\n".join(verdict_lines(verdict)) + "\n")
        self._write(verdict.counts_line + "\n")
        self.close_stream()

    def _finish_scenario(self):
        scenario, self.current_scenario = self.current_scenario, None
        if scenario is None or not _selected(scenario, self.config):
            return
        outcome, failure = outcome_of_scenario(scenario)
        self.outcomes.append(outcome)
        self.feature_outcomes.append(outcome)
        self._write(MARKS.get(outcome.status, "?"))
        if outcome.status in ("failed", "broken"):
            self.feature_problems.append(
                f"  ✗ {outcome.name} — {outcome.category}: {outcome.message or 'no message'}\n")
            if outcome.category == TEST and failure is not None:
                self.feature_problems.append(_indented(traceback.format_exception(failure)))

    def _write_spools(self, spools: list[dict]):
        everything = (self.config.userdata.get("list_spools") or "").lower() in TRUE_WORDS
        shown = spools if everything else [spool for spool in spools if _worth_knowing(spool)]
        if not shown:
            return
        self._write("\nSpools the run touched:\n" if everything
                    else "\nSpools left in a state worth knowing:\n")
        for spool in shown:
            lock = f", lock left until {spool['lock_left_until']}" if spool.get("lock_left_until") else ""
            self._write(f"  {spool.get('tag')}: {spool.get('state')}{lock}\n")

    def _write(self, text: str):
        self.stream.write(text)
        self.stream.flush()


def outcome_of_scenario(scenario) -> tuple[Outcome, BaseException | None]:
    """The outcome of a scenario behave has run, and the exception that ended it, if any."""
    status, message, failure = _status_of(scenario)
    parameters = list(zip(scenario._row.headings, scenario._row.cells)) if scenario._row else []
    outcome = make_outcome(readable_name(scenario.name, parameters), status, message,
                           scenario.effective_tags, scenario.skip_reason or "")
    return outcome, failure


def _status_of(scenario) -> tuple[str, str | None, BaseException | None]:
    """(Allure's status, failure message, exception) as allure-behave would report them:
    an AssertionError fails, any other exception, undefined step or hook error is broken."""
    if scenario.status == Status.passed:
        return "passed", None, None
    if scenario.status in (Status.skipped, Status.untested):
        return "skipped", None, None
    for step in scenario.all_steps:
        if step.exception is not None:
            message = "".join(traceback.format_exception_only(step.exception)).strip()
            return ("failed" if isinstance(step.exception, AssertionError) else "broken"), message, step.exception
        if step.status == Status.undefined:
            return "broken", f"Undefined step: {step.keyword} {step.name}", None
    # A hook failed: behave has printed its HOOK-ERROR line.
    return "broken", f"A hook failed ({scenario.status.name}); see HOOK-ERROR above", None


def _selected(scenario, config) -> bool:
    """Not left out by tag or name (those are not part of the run; a scenario skipped with a
    reason is)."""
    return scenario.should_run_with_tags(config.tag_expression) and scenario.should_run_with_name_select(config)


def _worth_knowing(spool: dict) -> bool:
    """A lock left, or a state other than free ("free; ARM complete ...") or a spool made
    and never used ("created"): those are what the next person at the target must know."""
    state = str(spool.get("state") or "")
    return bool(spool.get("lock_left_until")) or not (state == "created" or state.startswith("free"))


def _indented(lines: list[str]) -> str:
    return "".join("      " + line for chunk in lines for line in chunk.splitlines(keepends=True))
