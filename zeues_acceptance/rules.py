"""The acceptance rules R0-R25 and the known defects D0-D15 of ZEUES v3.0, in the shop's words.

Source: docs/contract/ZEUES-v3-API.md, sections B and C. Scenarios carry the ids of the rules
they check as tags (`@R1`); a failure that matches a known defect names it ("known defect D1"),
so the verdict can say in one line what went wrong.
"""

import re
from dataclasses import dataclass

KNOWN_DEFECT = re.compile(r"\bknown defects? (D\d{1,2})\b")  # the first one named
RULE_TAG = re.compile(r"^(R\d{1,2}|drift)$")


@dataclass(frozen=True)
class Rule:
    id: str
    holds: str  # what the shop expects
    broken: str  # what a manager reads when it fails


@dataclass(frozen=True)
class Defect:
    id: str
    sentence: str  # what a worker or manager sees
    rules: tuple[str, ...]
    fixed_in: str | None = None


RULES = {rule.id: rule for rule in (
    Rule("R0", "A server error is never an answer", "An action answers a server error"),
    Rule("R1", "Assembly can be taken, paused, taken again and completed",
         "Assembly cannot be taken, paused and completed"),
    Rule("R2", "One holder at a time", "Two workers can hold the same spool"),
    Rule("R3", "Work nobody holds cannot be paused or completed",
         "Work nobody holds can be paused or completed"),
    Rule("R4", "A spool nobody has heard of is refused as unknown",
         "A mistyped spool is not refused as unknown"),
    Rule("R5", "A spool's history is one record with its sessions",
         "A spool's history is not one record with its sessions"),
    Rule("R6", "Health tells whether Redis works", "Health does not tell whether Redis works"),
    Rule("R7", "Welding can be taken and completed once assembly is complete",
         "Welding cannot be completed after assembly"),
    Rule("R8", "The inspector records the verdict in one call",
         "No inspection verdict can be recorded"),
    Rule("R9", "A verdict that cannot be given is refused with its reason",
         "Verdicts that cannot be given are not refused with their reason"),
    Rule("R10", "Only the holder may pause or complete", "Someone other than the holder can pause or complete"),
    Rule("R11", "A lock lapses after an hour and the spool can be taken again",
         "A lapsed lock is not handled"),
    Rule("R12", "Materials first", "A spool without materials can be taken"),
    Rule("R13", "Finished work cannot be taken again", "Finished work can be taken again"),
    Rule("R14", "Welding needs assembly started", "Welding can start before assembly"),
    Rule("R15", "A worker pauses or completes the operation they work on",
         "A worker can pause or complete an operation they are not working on"),
    Rule("R16", "Whoever resumes paused work, its first worker stays recorded",
         "Resuming paused work replaces the worker who started it"),
    Rule("R17", "A completion records only its own operation",
         "A completion records the wrong operation"),
    Rule("R18", "History tells who worked and for how long",
         "History does not tell who worked and for how long"),
    Rule("R19", "History times are Santiago time", "History times are not Santiago time"),
    Rule("R20", "Dashboards follow the floor", "Dashboards do not follow the floor"),
    Rule("R21", "A refused action leaves nothing behind", "A refused action leaves a lock behind"),
    Rule("R22", "With Redis unavailable, actions are refused as such and reads keep working",
         "With Redis unavailable, actions fail as a server error"),
    Rule("R23", "A manager can see how full the connection pool is",
         "A manager cannot see how full the connection pool is"),
    Rule("R24", "Dashboards cannot exhaust the connection pool",
         "Dashboards exhaust the connection pool and stop the shop"),
    Rule("R25", "The workers list shows active workers by initials and number",
         "The workers list is wrong"),
    Rule("drift", "The API describes itself as ZEUES v3.0 does",
         "The API's published description differs from ZEUES v3.0"),
)}

DEFECTS = {defect.id: defect for defect in (
    Defect("D0", "Every completion fails and nothing is recorded", ("R1", "R7"), "f0ec7b5"),
    Defect("D1", "Completing assembly or welding answers a server error although the work is "
                 "recorded", ("R0", "R1", "R7", "R15")),
    Defect("D2", "Completing welding or inspection stamps the assembly date", ("R7", "R17")),
    Defect("D3", "No inspection verdict can be recorded", ("R8", "R9"), "716f787 (2026-02-05)"),
    Defect("D4", "Asking for finished work answers a server error and locks the spool for an hour",
           ("R0", "R13", "R20", "R21")),
    Defect("D5", "Dashboards are told every pause and completion was assembly", ("R20",)),
    Defect("D6", "A welding session never ends in history", ("R18",)),
    Defect("D7", "History times are off by about 1 h 43 min", ("R19",)),
    Defect("D8", "Twenty open dashboards stop the whole shop", ("R24",)),
    Defect("D9", "The connection stats show no usage and no alert", ("R23",)),
    Defect("D10", "Redis trouble answers as a program crash", ("R0", "R22")),
    Defect("D11", "Pausing welding while holding assembly frees the spool", ("R15",)),
    Defect("D12", "Welding can start on a spool nobody has assembled", ("R14",)),
    Defect("D13", "Whoever resumes paused work is recorded as its first worker", ("R16",)),
    Defect("D14", "Completing a mistyped spool says the lock expired", ("R4",)),
    Defect("D15", "Dashboards that come and go exhaust the connection pool until a restart",
           ("R24",)),
)}


def rules_of(tags) -> list[str]:
    """The rule ids among a scenario's tags, in order."""
    return [tag for tag in tags if RULE_TAG.match(tag)]


def known_defect_in(message: str) -> Defect | None:
    """The known defect a failure message names ("known defect D1"), if any."""
    match = KNOWN_DEFECT.search(message or "")
    return DEFECTS.get(match.group(1)) if match else None
