"""Shop-floor actions as the steps say them, built on the one client."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Barrier

from zeues_acceptance.client import ApiResponse, ZeuesClient
from zeues_acceptance.vocabulary import today

RACE_START_TIMEOUT_S = 30


def succeeded(response: ApiResponse, what: str) -> ApiResponse:
    """Assert an action the scenario relies on worked; Redis trouble is the environment's."""
    response.raise_for_environment()
    assert response.status == 200, (
        f"{what}: expected success, got {response.status} {response.error_code or ''}: "
        f"{response.text[:300]}")
    return response


@dataclass
class Shop:
    """The workers' actions on one target, with the display names it lists."""

    client: ZeuesClient
    names: dict[int, str]

    def body(self, tag: str, worker_id: int, operacion: str) -> dict:
        return {"tag_spool": tag, "worker_id": worker_id,
                "worker_nombre": self.names.get(worker_id, f"W({worker_id})"), "operacion": operacion}

    def take(self, tag, worker_id, operacion, client: ZeuesClient | None = None) -> ApiResponse:
        return (client or self.client).tomar(self.body(tag, worker_id, operacion))

    def pause(self, tag, worker_id, operacion) -> ApiResponse:
        return self.client.pausar(self.body(tag, worker_id, operacion))

    def complete(self, tag, worker_id, operacion, **extra) -> ApiResponse:
        body = {**self.body(tag, worker_id, operacion), "fecha_operacion": today(), **extra}
        return self.client.completar(body)

    def record_verdict(self, tag, worker_id, verdict) -> ApiResponse:
        return self.complete(tag, worker_id, "METROLOGIA", resultado=verdict)

    def state(self, tag: str) -> dict:
        """The spool's holder and operation states, as the API reports them."""
        return succeeded(self.client.spool(tag), f"reading spool {tag}").body

    def holder(self, tag: str) -> dict | None:
        return self.state(tag)["ocupado_por"]


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
