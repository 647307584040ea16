"""One scenario on the shop floor: its spool, the workers' actions on it, and their verdicts.

Steps say what happens ("worker 93 takes the spool for ARM"); the Floor does it through the
Shop, remembers the answer for the Then steps, and judges it: a Given's action must succeed,
a When's answer is judged by its Then - except a 500, which fails at once (R0).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from zeues_acceptance.client import ApiResponse
from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.judge import (
    Action, Situation, defect_note, expect_refusal, expect_success, unexpected,
)
from zeues_acceptance.needs import Step
from zeues_acceptance.refusals import REFUSALS
from zeues_acceptance.shop import Shop, work_date_besides
from zeues_acceptance.spool_state import ARM, SOLD, SpoolView, read_spool
from zeues_acceptance.spools import SpoolProvider, SpoolUnavailable

OTHER = {ARM: SOLD, SOLD: ARM}


@dataclass
class Floor:
    shop: Shop
    spools: SpoolProvider
    situation: Situation
    add_cleanup: Callable
    spool: str | None = None
    response: ApiResponse | None = None
    action: Action | None = None
    work_date: str | None = None
    taken_at: dict = field(default_factory=dict)  # (worker, op) -> UTC time of the TOMAR

    @property
    def before(self) -> SpoolView | None:
        """The spool as read just before the last completion."""
        return self.situation.before

    # -- the spool ---------------------------------------------------------------------------

    def provide(self, need: str, worker_id: int | None = None) -> str:
        """A spool in the needed state: chosen, freed at the scenario's end whatever happens,
        then brought there by the workers' own actions if it is not there yet."""
        worker_name = self.shop.name_of(worker_id) if worker_id is not None else ""
        tag, steps = self.spools.choose(need, worker_name=worker_name)
        self.add_cleanup(self.release, tag)
        self.spool = tag
        for step in steps:
            self._build_step(step)
        return tag

    def unknown(self) -> str:
        self.spool = self.spools.unknown_tag()
        return self.spool

    def view(self) -> SpoolView:
        return read_spool(self.shop.client, self.spool)

    def release(self, tag: str) -> None:
        self.spools.release(tag, lambda spool, worker, op: self.shop.pause(spool, worker, op).status)

    # -- actions ----------------------------------------------------------------------------

    def take(self, worker_id: int, operacion: str, *, given: bool = False) -> ApiResponse:
        action = self.shop.action("TOMAR", self.spool, worker_id, operacion)
        self.taken_at[(worker_id, operacion)] = datetime.now(timezone.utc)
        response = self.shop.take(self.spool, worker_id, operacion)
        if response.status == 200:
            self.spools.took(self.spool, worker_id, operacion)
        elif given and response.status == 409 and not self.spools.test_support and self.view().free:
            # A lock no read shows, left before this run (known defect D4): wait, never retry.
            self.spools.locked_before(self.spool)
            raise SpoolUnavailable(
                f"not runnable: spool state - {self.spool} is shown free, yet a TOMAR is refused "
                f"as occupied (\"{response.detail}\"): a lock left before this run (known defect "
                f"D4), which lapses within an hour of being taken")
        return self._judged(response, action, given)

    def pause(self, worker_id: int, operacion: str, *, given: bool = False) -> ApiResponse:
        action = self.shop.action("PAUSAR", self.spool, worker_id, operacion)
        response = self.shop.pause(self.spool, worker_id, operacion)
        if response.status == 200:
            self.spools.freed(self.spool)
        return self._judged(response, action, given)

    def complete(self, worker_id: int, operacion: str, *, given: bool = False,
                 fecha: str | None = None) -> ApiResponse:
        action = self.shop.action("COMPLETAR", self.spool, worker_id, operacion)
        self.situation.before = self.view() if operacion in OTHER else None
        other_date = self.before.date(OTHER[operacion]) if self.before and self.before.readable else None
        self.work_date = fecha or work_date_besides(other_date)
        response = self.shop.complete(self.spool, worker_id, operacion, self.work_date)
        if response.status == 200:
            self.spools.freed(self.spool)
        return self._judged(response, action, given)

    def record_verdict(self, worker_id: int, resultado: str, *, given: bool = False) -> ApiResponse:
        action = self.shop.verdict_action(self.spool, worker_id, resultado)
        response = self.shop.record_verdict(self.spool, worker_id, resultado)
        return self._judged(response, action, given)

    def deliberately_invalid(self, route: str, body: dict, action: Action) -> ApiResponse:
        """Send a request the contract forbids, to check the API rejects it (422)."""
        response = getattr(self.shop.client, route)(body, deliberately_invalid=True)
        self.response, self.action = response, action
        if response.is_server_error:
            raise unexpected(self.situation, response, action, "be rejected as invalid")
        return response

    def probe_lock(self, action: Action) -> ApiResponse:
        """TOMAR again by the same worker: 409 shows a lock nobody can see in the reads."""
        worker_id = self.shop.id_of(action.worker)
        response = self.shop.take(action.tag, worker_id, action.operacion)
        if response.status == 200:
            self.spools.took(action.tag, worker_id, action.operacion)
        return response

    # -- verdicts ---------------------------------------------------------------------------

    def shows(self, condition: bool, expected: str, view: SpoolView,
              defect: str | None = None) -> None:
        """A Then on the spool as read back: the product is wrong when it does not show it."""
        if not condition:
            raise ProductDefect(f"{self.spool} should show {expected}, but it is "
                                f"{view.describe()}{defect_note(defect)}")

    def succeeded(self) -> ApiResponse:
        return expect_success(self.situation, self.response, self.action)

    def refused(self, reason_words: str) -> ApiResponse:
        return expect_refusal(self.situation, self.response, self.action, REFUSALS[reason_words])

    def _judged(self, response: ApiResponse, action: Action, given: bool) -> ApiResponse:
        self.response, self.action = response, action
        if given:
            return expect_success(self.situation, response, action)
        if response.is_server_error:
            raise unexpected(self.situation, response, action, "be answered")
        return response

    def _build_step(self, step: Step) -> None:
        """One of the actions that bring the spool to the state the scenario needs."""
        worker_id = self._builder(step.who)
        if step.verb == "TOMAR":
            self.take(worker_id, step.what, given=True)
        elif step.verb == "COMPLETAR":
            self.complete(worker_id, step.what, given=True)
        else:
            self.record_verdict(worker_id, step.what, given=True)

    def _builder(self, position: int) -> int:
        """The first, second or third active worker the target lists (fewer: the last one)."""
        listed = sorted(self.shop.names)
        if not listed:
            self.shop.name_of(0)  # raises WorkerNotListed, naming the empty list
        return listed[min(position, len(listed) - 1)]

