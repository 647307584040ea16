"""One scenario's outcome as the verdict needs it, read from an Allure result or a behave scenario.

Failure categories come from ``allure-categories.json`` at the repository root (Allure 2's
categories.json form; Allure 3 gets rules built from it in ``allurerc.mjs``). A message
belongs to a category when its first line starts with the category's prefix, after the
exception's type where there is one ("AssertionError: Product defect: ..."). The patterns
are full matches in Java (``String.matches``) and Python (``re.fullmatch``) alike.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from zeues_acceptance.rules import known_defect_in, rules_of

CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "allure-categories.json"
CATEGORIES = json.loads(CATEGORIES_FILE.read_text(encoding="utf-8"))
CATEGORY_NAMES = tuple(category["name"] for category in CATEGORIES)
STATUSES = ("passed", "failed", "broken", "skipped", "unknown")
SEVERITIES = ("blocker", "critical", "normal", "minor", "trivial")
SKIP_DESCRIPTION = "Skipped: "

_COMPILED_CATEGORIES = [
    (category["name"], frozenset(category.get("matchedStatuses") or STATUSES),
     re.compile(category["messageRegex"]) if category.get("messageRegex") else None)
    for category in CATEGORIES
]
# "AssertionError: ", "zeues_acceptance.errors.RedisUnavailable: " before the domain sentence.
_EXCEPTION_TYPE = re.compile(r"^[\w.]+: ")
# behave's default outline annotation (" -- @1.2 Examples name"), should a run not use ours.
_OUTLINE_ANNOTATION = re.compile(r" -- @\d+\.\d+.*$")
_CATEGORY_PREFIX = re.compile(r"^(?:%s): " % "|".join(re.escape(name) for name in CATEGORY_NAMES))


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # Allure's: passed, failed, broken, skipped, unknown
    category: str | None = None
    rules: tuple[str, ...] = ()
    known_defect: str | None = None  # "D1"
    severity: str = "normal"
    message: str = ""  # the failure's domain sentence, without exception type or category
    skip_reason: str = ""

    @property
    def judged(self) -> bool:
        return self.status in ("passed", "failed", "broken")


def classify(status: str, message: str | None) -> str | None:
    """Name of the first category matching a result's status and message, or None."""
    first_line = (message or "").strip().split("\n", 1)[0]
    for name, statuses, pattern in _COMPILED_CATEGORIES:
        if status in statuses and (pattern is None or pattern.fullmatch(first_line)):
            return name
    return None


def domain_sentence(message: str | None) -> str:
    """A message's first line without the exception type and the category prefix."""
    first_line = (message or "").strip().split("\n", 1)[0].strip()
    if _CATEGORY_PREFIX.match(first_line):  # before the type: "Environment: " looks like one
        return _CATEGORY_PREFIX.sub("", first_line, count=1).strip()
    without_type = _EXCEPTION_TYPE.sub("", first_line, count=1)
    if _CATEGORY_PREFIX.match(without_type):
        return _CATEGORY_PREFIX.sub("", without_type, count=1).strip()
    # A plain assert's text is the sentence; any other exception keeps its type, which tells.
    return without_type if first_line.startswith("AssertionError: ") else first_line


def readable_name(name: str, parameters: list[tuple[str, str]]) -> str:
    """An outline row's name from its examples: the row's values that its name does not
    already show are added, as "verdict APROBADO, state approved"."""
    base = _OUTLINE_ANNOTATION.sub("", name).strip()
    missing = [f"{key} {value}" for key, value in parameters if str(value) not in base]
    return f"{base} ({', '.join(missing)})" if missing else base


def make_outcome(name: str, status: str, message: str | None, tags, skip_reason: str = "") -> Outcome:
    """An outcome from what any runner knows: status, failure message and scenario tags."""
    tags = list(tags)
    failed = status in ("failed", "broken")
    defect = known_defect_in(message or "") if failed else None
    return Outcome(
        name=name, status=status,
        category=classify(status, message) if failed else None,
        rules=tuple(rules_of(tags)),
        known_defect=defect.id if defect else None,
        severity=next((tag for tag in tags if tag in SEVERITIES), "normal"),
        message=domain_sentence(message) if failed else "",
        skip_reason=skip_reason if status == "skipped" else "",
    )


def result_name(result: dict) -> str:
    """An Allure result's scenario name, an outline row's named from its examples."""
    parameters = [(p.get("name", ""), p.get("value", "")) for p in result.get("parameters") or []]
    return readable_name(result.get("name", ""), parameters)


def outcome_of_result(result: dict) -> Outcome:
    """The outcome of one allure-behave result (``*-result.json``)."""
    labels = result.get("labels") or []
    tags = [label["value"] for label in labels if label.get("name") in ("tag", "severity")]
    description = result.get("description") or ""
    reason = description[len(SKIP_DESCRIPTION):].strip() if description.startswith(SKIP_DESCRIPTION) else ""
    details = result.get("statusDetails") or {}
    status = result.get("status", "unknown")
    return make_outcome(result_name(result), status,
                        details.get("message"), tags, reason)
