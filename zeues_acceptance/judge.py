"""Turn an answer the scenario did not expect into the right verdict, in the shop's words.

R0: a 500 is never an answer. It is a Product defect - unless Redis was already unhealthy
when the scenario started (read at its start), then it is the Environment's. The message
says what the worker did, what the API answered, and what it left behind, read back through
the real reads; where the symptom is a known defect of ZEUES v3.0, it is named.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from zeues_acceptance.client import ApiResponse
from zeues_acceptance.errors import EnvironmentProblem, ProductDefect
from zeues_acceptance.refusals import Refusal
from zeues_acceptance.spool_state import COMPLETE, SpoolView

# Texts of a pool (or Redis client limit) used up, as opposed to a Redis that is down.
EXHAUSTION = ("Too many connections", "No connection available", "max number of clients")
REDIS_DOWN = ("Error 111", "Connection refused", "connecting to", "Connection reset")
LOCK_TTL = timedelta(hours=1)


@dataclass(frozen=True)
class RedisReading:
    """Redis as /api/redis-health told it at one moment."""

    healthy: bool
    text: str

    @property
    def exhausted(self) -> bool:
        return any(marker in self.text for marker in EXHAUSTION)


@dataclass(frozen=True)
class Action:
    verb: str  # TOMAR, PAUSAR, COMPLETAR or VERDICT
    tag: str
    worker: str  # the display name sent, or the inspector's
    operacion: str | None = None  # for a verdict: the verdict

    def __str__(self) -> str:
        if self.verb == "STREAM":
            return "opening a dashboard's live stream"
        if self.verb == "VERDICT":
            return f"the verdict {self.operacion} on {self.tag} by {self.worker}"
        if self.operacion is None:
            return f"{self.verb} of {self.tag}"
        return f"{self.verb} {self.operacion} on {self.tag} by {self.worker}"


@dataclass
class Situation:
    """What the scenario knows about its surroundings when it judges an answer."""

    redis_at_start: RedisReading
    dashboards: str | None = None  # "watching" or "came and went"
    redis_stopped_on_purpose: bool = False
    read_back: object = None  # callable(tag) -> SpoolView
    probe_lock: object = None  # callable(Action) -> ApiResponse: TOMAR again, same worker
    locks_left: dict = field(default_factory=dict)  # tag -> when the lock lapses (UTC)
    before: SpoolView | None = None  # the spool as read just before the last completion


def expect_success(situation: Situation, response: ApiResponse, action: Action) -> ApiResponse:
    if response.status in (200, 201):
        return response
    raise unexpected(situation, response, action, "succeed")


def expect_refusal(situation: Situation, response: ApiResponse, action: Action,
                   reason: Refusal) -> ApiResponse:
    if reason.matches(response):
        return response
    if response.status in (200, 201):
        after, defects = _aftermath(situation, action)
        raise ProductDefect(f"{action} was accepted ({response.status}), but it must be refused "
                            f"because {reason.words}{after}"
                            f"{defect_note(known_defect(situation, response, action, reason), *defects)}")
    raise unexpected(situation, response, action, f"be refused because {reason.words}", reason)


def unexpected(situation: Situation, response: ApiResponse, action: Action, expected: str,
               reason: Refusal | None = None) -> AssertionError | EnvironmentProblem:
    """The verdict on an answer that is not the one expected."""
    start = situation.redis_at_start
    known = defect_note(known_defect(situation, response, action, reason))
    if response.is_server_error or response.is_redis_refusal:
        if not start.healthy:
            return EnvironmentProblem(
                f"Environment: Redis was already unhealthy when the scenario started "
                f"(\"{start.text}\"), and {action} answered {response.status} \"{response.detail}\"")
        if response.is_redis_refusal and not situation.redis_stopped_on_purpose:
            if not any(marker in response.detail for marker in EXHAUSTION):
                return EnvironmentProblem(
                    f"Environment: Redis became unavailable during the scenario: {action} was "
                    f"refused \"{response.detail}\"")
            return ProductDefect(
                f"{action} was refused as Redis unavailable (\"{response.detail}\") although "
                f"Redis was healthy when the scenario started: the service's own use exhausted "
                f"its Redis connections{known}")
    if response.is_server_error:
        after, defects = _aftermath(situation, action)
        known = defect_note(known_defect(situation, response, action, reason), *defects)
        return ProductDefect(f"{action} answered a server error (500) \"{response.detail}\""
                             f"{after}{known}")
    return ProductDefect(f"{action} must {expected}, but was refused ({response.status}) "
                         f"\"{response.detail}\"{known}")


def known_defect(situation: Situation, response: ApiResponse, action: Action,
                 reason: Refusal | None = None) -> str | None:
    """The known defect of ZEUES v3.0 whose signature this answer shows, if any."""
    detail, status = response.detail, response.status
    if status == 500:
        if "has no attribute 'operacion'" in detail:
            return "D0"
        if "Can't completar when in" in detail:
            return "D1"
        if action.verb == "VERDICT" and response.error_code == "INTERNAL_SERVER_ERROR":
            return "D3"
        if "operation already completed" in detail:
            return "D4"
        if situation.redis_stopped_on_purpose and any(mark in detail for mark in REDIS_DOWN):
            return "D10"
    if dashboards := _dashboards_defect(situation, detail):
        return dashboards
    if reason is None:
        return None
    if status == 200 and action.verb == "PAUSAR" and reason.key == "not in progress":
        return "D11"
    if status == 200 and action.verb == "TOMAR" and reason.key == "assembly not started":
        return "D12"
    if status == 410 and action.verb == "COMPLETAR" and reason.key == "unknown spool":
        return "D14"
    return None


def known_defect_text(situation: Situation, text: str) -> str:
    """" (known defect Dn ...)" when a text about Redis shows the dashboards' exhaustion."""
    return defect_note(_dashboards_defect(situation, text))


def _dashboards_defect(situation: Situation, text: str) -> str | None:
    """D8 or D15 when Redis exhaustion comes while dashboards watch, or after they came and went."""
    if situation.dashboards and any(marker in text for marker in EXHAUSTION):
        return "D8" if situation.dashboards == "watching" else "D15"
    return None


def defect_note(*defects: str | None) -> str:
    """" (known defect D1 of ZEUES v3.0)" for the defects named, "" for none."""
    named = list(dict.fromkeys(defect for defect in defects if defect))
    if not named:
        return ""
    return f" (known defect{'s' if len(named) > 1 else ''} {' and '.join(named)} of ZEUES v3.0)"


def _aftermath(situation: Situation, action: Action) -> tuple[str, list[str]]:
    """What the API left behind, read back through the real reads, and the known defects
    that shows."""
    if situation.read_back is None:
        return "", []
    try:
        after: SpoolView = situation.read_back(action.tag)
    except (AssertionError, EnvironmentProblem) as problem:
        return f"; the spool could not be read back: {str(problem).splitlines()[0]}", []
    where = "the spool is free" if after.free else (
        f"the spool is still held by {after.holder}" if after.holder else after.describe())
    if action.verb == "COMPLETAR" and action.operacion in ("ARM", "SOLD"):
        stamped, defects = _other_date_changed(situation.before, after, action.operacion)
        if after.state(action.operacion) == COMPLETE:
            return (f" - yet the work was recorded: {action.operacion} shows complete and "
                    f"{where}{stamped}", defects)
        return (f" - and {action.operacion} was not recorded: it is "
                f"{after.state(action.operacion)} and {where}{stamped}", defects)
    if action.verb == "VERDICT":
        inspected = after.date("METROLOGIA")
        return ((f" - yet the inspection date {inspected} was recorded" if inspected
                 else " - and nothing was recorded: the spool has no inspection date"), [])
    if action.verb == "TOMAR" and after.free and situation.probe_lock is not None:
        probe = situation.probe_lock(action)
        if probe.status == 409:
            until = datetime.now(timezone.utc) + LOCK_TTL
            situation.locks_left[action.tag] = until
            return (f" - and it left a lock: the sheet shows the spool free, yet a new TOMAR is "
                    f"refused as occupied (\"{probe.detail}\") until the lock lapses, about "
                    f"{until:%H:%M} UTC", [])
    return f"; afterwards {after.describe()}", []


def _other_date_changed(before: SpoolView | None, after: SpoolView, operacion: str):
    other = "SOLD" if operacion == "ARM" else "ARM"
    if before is None or not before.readable or before.date(other) == after.date(other):
        return "", []
    return (f", and the {other} date changed from {before.date(other)} to {after.date(other)}",
            ["D2"])
