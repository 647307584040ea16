"""Shop-floor actions as the steps say them, built on the one client."""

from zeues_acceptance.client import ApiResponse, ZeuesClient
from zeues_acceptance.vocabulary import today


def worker_body(names: dict[int, str], tag: str, worker_id: int, operacion: str) -> dict:
    return {"tag_spool": tag, "worker_id": worker_id,
            "worker_nombre": names.get(worker_id, f"W({worker_id})"), "operacion": operacion}


def take(client: ZeuesClient, names, tag, worker_id, operacion) -> ApiResponse:
    return client.tomar(worker_body(names, tag, worker_id, operacion))


def pause(client: ZeuesClient, names, tag, worker_id, operacion) -> ApiResponse:
    return client.pausar(worker_body(names, tag, worker_id, operacion))


def complete(client: ZeuesClient, names, tag, worker_id, operacion, **extra) -> ApiResponse:
    body = {**worker_body(names, tag, worker_id, operacion), "fecha_operacion": today(), **extra}
    return client.completar(body)


def record_verdict(client: ZeuesClient, names, tag, worker_id, verdict) -> ApiResponse:
    return complete(client, names, tag, worker_id, "METROLOGIA", resultado=verdict)


def succeeded(response: ApiResponse, what: str) -> ApiResponse:
    """Assert an action the scenario relies on worked; Redis trouble is the environment's."""
    response.raise_for_environment()
    assert response.status == 200, (
        f"{what}: expected success, got {response.status} {response.error_code or ''}: {response.text[:300]}")
    return response
