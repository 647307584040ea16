"""A shop worker under load: one spool of its own, made through test support, taken through ARM
and SOLD, reset and taken through them again until the run drains.

Each worker is one of the target's listed workers (in turn) and resumes its own paused work,
so every answer but the success is a finding. Every call goes through the suite's client, so
requests and answers are checked against `schemas/` under load too.
"""

import itertools
import random
import secrets
import time
from collections import deque
from dataclasses import dataclass

from locust import User, task
from locust.exception import StopUser

from load.calls import UnexpectedAnswer, fire_request
from load.ledger import (
    CONTRACT_DRIFT, REDIS_REFUSAL, REFUSED, SERVER_ERROR, TAG_PREFIX, UNREACHABLE,
)
from load.result import RESET_SPOOL
from load.run_state import RUN
from zeues_acceptance.client import ApiResponse, ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem
from zeues_acceptance.judge import Action, RedisReading, Situation, known_defect
from zeues_acceptance.shop import Shop, today

# Tags made by this process: unique across the processes of a distributed run.
PROCESS_TOKEN = secrets.token_hex(3)
_user_numbers = itertools.count(1)


@dataclass(frozen=True)
class Step:
    accion: str  # TOMAR, PAUSAR or COMPLETAR: also the event type a dashboard receives
    operacion: str


# One spool's life: ARM taken, paused, taken again and completed; SOLD taken and completed.
SPOOL_CYCLE = (
    Step("TOMAR", "ARM"),
    Step("PAUSAR", "ARM"),
    Step("TOMAR", "ARM"),
    Step("COMPLETAR", "ARM"),
    Step("TOMAR", "SOLD"),
    Step("COMPLETAR", "SOLD"),
)


class ShopWorker(User):
    def wait_time(self) -> float:
        return random.uniform(*RUN.settings.think_time_s)

    def on_start(self) -> None:
        number = next(_user_numbers)
        names = RUN.worker_names(self.environment.host)
        if not names:
            raise StopUser("the target lists no active workers")
        listed = sorted(names)
        self.worker_id = listed[number % len(listed)]
        self.tag = f"{TAG_PREFIX}{PROCESS_TOKEN}-{number}"
        self.remaining: deque[Step] = deque()
        self.client = ZeuesClient(self.environment.host)
        self.shop = Shop(self.client, names)
        # Only for naming known defects: Redis was checked by the scenario before the run.
        self.situation = Situation(redis_at_start=RedisReading(True, ""),
                                   dashboards="watching" if RUN.settings.dashboards else None)
        RUN.wait_for_dashboards()

    def on_stop(self) -> None:
        self.client.close()

    @task
    def act(self) -> None:
        if RUN.draining.is_set():
            return
        if self.remaining:
            self.take_step(self.remaining.popleft())
        else:
            self.reset_spool()

    def reset_spool(self) -> None:
        """A fresh spool under the same tag: no lock, no workers, no dates but materials."""
        if self.call(RESET_SPOOL, f"resetting {self.tag} through test support",
                     lambda: self.client.create_test_spool(self.tag), expected_status=201):
            self.remaining = deque(SPOOL_CYCLE)

    def take_step(self, step: Step) -> None:
        tag, worker, operacion = self.tag, self.worker_id, step.operacion
        send = {
            "TOMAR": lambda: self.shop.take(tag, worker, operacion),
            "PAUSAR": lambda: self.shop.pause(tag, worker, operacion),
            "COMPLETAR": lambda: self.shop.complete(tag, worker, operacion, today()),
        }[step.accion]
        action = self.shop.action(step.accion, tag, worker, operacion)
        sent_at = time.time()
        if self.call(step.accion, str(action), send, action=action):
            RUN.ledger.record_update(sent_at, tag, operacion, step.accion)
        else:
            # The spool is in an unknown state now: the next call resets it.
            self.remaining.clear()

    def call(self, name: str, what: str, send, expected_status: int = 200,
             action: Action | None = None) -> bool:
        """Send one request, report it to Locust and the ledger; True on the expected success."""
        started, clock = time.time(), time.perf_counter()
        response, exception, kind = None, None, None
        RUN.calls_in_flight += 1
        try:
            response = send()
        except ContractDriftError as drift:
            exception, kind = drift, CONTRACT_DRIFT
        except EnvironmentProblem as problem:
            exception, kind = problem, UNREACHABLE
        else:
            if response.status != expected_status:
                kind = failure_kind(response)
                exception = UnexpectedAnswer(response.status, response.detail)
        finally:
            RUN.calls_in_flight -= 1
        if kind is not None:
            RUN.ledger.record_failure(name, kind, self.example(what, response, exception, action))
        if response is not None:
            response_time, length = response.elapsed_ms, len(response.text)
        else:
            response_time, length = (time.perf_counter() - clock) * 1000, 0
        fire_request(self.environment, name, started, response_time, length, exception)
        return exception is None

    def example(self, what: str, response: ApiResponse | None, exception: Exception,
                action: Action | None) -> dict:
        if response is None:
            return {"what": what, "status": None, "detail": str(exception).splitlines()[0],
                    "known_defect": None}
        return {"what": what, "status": response.status, "detail": response.detail,
                "known_defect": known_defect(self.situation, response, action)
                if action is not None else None}


def failure_kind(response: ApiResponse) -> str:
    if response.is_server_error:
        return SERVER_ERROR
    if response.is_redis_refusal:
        return REDIS_REFUSAL
    return REFUSED
