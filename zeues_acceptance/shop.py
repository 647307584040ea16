"""The workers' actions as the steps say them, on the one client, with the target's own names.

Workers are named exactly as the target's /api/workers lists them (the occupation routes
record worker_nombre as sent). A worker a scenario names who is not listed cannot act there:
the scenario is skipped with that reason.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
import re
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Barrier

from zeues_acceptance.client import ApiResponse, ZeuesClient
from zeues_acceptance.judge import Action

RACE_START_TIMEOUT_S = 30
WORKER_IN_STEP = re.compile(r"\bworker (\d+)\b")
# A scenario about a worker the target does not list says so in a step of its own.
UNLISTED_ON_PURPOSE = re.compile(r"\bworker (\d+) is not an active worker")


class WorkerNotListed(Exception):
    """The scenario names a worker the target does not list as active."""


def today() -> str:
    return date.today().isoformat()


def work_date_besides(recorded: str | None) -> str:
    """Today, or yesterday when today is already the other operation's date, so a completion
    that stamps the wrong operation shows (known defect D2)."""
    return today() if recorded != today() else (date.today() - timedelta(days=1)).isoformat()


@dataclass
class Shop:
    client: ZeuesClient
    names: dict[int, str]  # active workers: id -> nombre_completo

    def name_of(self, worker_id: int) -> str:
        if worker_id not in self.names:
            raise WorkerNotListed(self._not_listed(worker_id))
        return self.names[worker_id]

    def unlisted_worker(self, step_texts) -> str | None:
        """Why a scenario naming these workers cannot run here, if one is not listed."""
        texts = list(step_texts)
        on_purpose = {int(found) for text in texts for found in UNLISTED_ON_PURPOSE.findall(text)}
        for text in texts:
            for worker_id in map(int, WORKER_IN_STEP.findall(text)):
                if worker_id not in self.names and worker_id not in on_purpose:
                    return self._not_listed(worker_id)
        return None

    def _not_listed(self, worker_id: int) -> str:
        listed = ", ".join(map(str, sorted(self.names))) or "none"
        return f"worker {worker_id} is not an active worker on this target (it lists {listed})"

    def action(self, verb: str, tag: str, worker_id: int, operacion: str) -> Action:
        return Action(verb, tag, self.name_of(worker_id), operacion)

    def verdict_action(self, tag: str, worker_id: int, resultado: str) -> Action:
        """A verdict names its inspector as listed; one the target does not list, by number."""
        return Action("VERDICT", tag, self.names.get(worker_id, f"worker {worker_id}"), resultado)

    def body(self, tag: str, worker_id: int, operacion: str) -> dict:
        return {"tag_spool": tag, "worker_id": worker_id, "worker_nombre": self.name_of(worker_id),
                "operacion": operacion}

    def take(self, tag: str, worker_id: int, operacion: str,
             client: ZeuesClient | None = None) -> ApiResponse:
        return (client or self.client).tomar(self.body(tag, worker_id, operacion))

    def pause(self, tag: str, worker_id: int, operacion: str) -> ApiResponse:
        return self.client.pausar(self.body(tag, worker_id, operacion))

    def complete(self, tag: str, worker_id: int, operacion: str, fecha: str) -> ApiResponse:
        return self.client.completar({**self.body(tag, worker_id, operacion),
                                      "fecha_operacion": fecha})

    def record_verdict(self, tag: str, worker_id: int, resultado: str) -> ApiResponse:
        return self.client.record_verdict(
            {"tag_spool": tag, "worker_id": worker_id, "resultado": resultado})

    def id_of(self, name: str | None) -> int | None:
        """The worker id behind a display name the sheet shows, if the target lists it."""
        return next((worker_id for worker_id, listed in self.names.items() if listed == name), None)


def at_the_same_moment(make_client: Callable[[], ZeuesClient],
                       calls: list[Callable[[ZeuesClient], ApiResponse]]) -> list[ApiResponse]:
    """Each call on a connection of its own, all released together by a barrier."""
    start_line = Barrier(len(calls), timeout=RACE_START_TIMEOUT_S)
    clients = [make_client() for _ in calls]

    def run(index: int) -> ApiResponse:
        start_line.wait()
        return calls[index](clients[index])

    try:
        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            return list(pool.map(run, range(len(calls))))
    finally:
        for client in clients:
            client.close()
