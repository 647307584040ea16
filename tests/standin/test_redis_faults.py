"""Redis trouble under a running stand-in: 503 never 500, reads keep answering, self-recovery."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from redis import Redis

from standin.runner import running_standin

from .conftest import Api, detail
from .sse import StreamReader

UNAVAILABLE = "Redis service unavailable: "


@pytest.fixture
def own(request):
    """A stand-in of this test's own, since the test breaks its Redis."""
    with running_standin(testing=True, env=getattr(request, "param", {})) as running:
        yield running, Api(running.base_url)


def wait_healthy(api: Api, within: float) -> None:
    deadline = time.monotonic() + within
    while api.get("/api/health").json()["status"] != "healthy":
        assert time.monotonic() < deadline, f"not healthy again within {within} s"
        time.sleep(0.1)


def test_redis_down_then_back(own):
    standin, api = own
    held, free, inspected = api.fresh_spool(), api.fresh_spool(), api.fresh_spool()
    api.tomar(held, 93)
    api.complete(inspected, 93, "ARM")
    api.complete(inspected, 94, "SOLD")
    with StreamReader(standin.base_url) as stream:
        standin.redis.stop()

        started = time.monotonic()
        for response in (api.tomar(free, 94), api.pausar(held, 93), api.completar(held, 93)):
            status, text = detail(response)
            assert status == 503 and text.startswith(UNAVAILABLE), text
        assert time.monotonic() - started < 3, "each refusal must come well within the timeouts"
        reset = api.post("/api/testing/spools", {"tag_spool": held})
        assert detail(reset)[0] == 503

        assert api.get(f"/api/history/{held}").status_code == 200
        assert api.get("/api/workers").status_code == 200
        assert api.listed("/api/spools/completar?operacion=ARM&worker_nombre=x", held)
        assert [e["tag_spool"] for e in api.get("/api/dashboard/occupied").json()] == [held]
        assert api.verdict(inspected).status_code == 200, "the verdict needs no Redis"
        assert stream.wait_for(lambda e: e["event_type"] == "COMPLETAR_METROLOGIA", 2.0)

        health = api.get("/api/health")
        body = health.json()
        assert health.status_code == 200
        assert (body["status"], body["operational"], body["redis_connection"]) == (
            "degraded", False, "error")
        assert body["details"]["redis_error"] and "redis_pool_stats" not in body
        redis_health = api.get("/api/redis-health")
        assert redis_health.status_code == 200
        assert redis_health.json()["status"] == "unhealthy"
        assert redis_health.json()["message"].startswith("Redis not responding: ")
        assert api.get("/api/redis-connection-stats").status_code == 200

        standin.redis.start()
        wait_healthy(api, within=5)
        assert api.tomar(free, 94).status_code == 200
        assert detail(api.pausar(held, 93))[0] == 410  # its lock went with Redis's memory
        assert api.tomar(held, 94).status_code == 200
    assert standin.process.poll() is None


@pytest.mark.parametrize("own", [{"ZEUES_REDIS_MAX_CONNECTIONS": "2",
                                  "ZEUES_REDIS_POOL_TIMEOUT": "0.3"}], indirect=True)
def test_an_exhausted_pool_answers_503_within_the_wait_timeout(own):
    standin, api = own
    tags = [api.fresh_spool() for _ in range(10)]
    with Redis.from_url(standin.redis.url) as admin:
        admin.client_pause(1500)  # the pool's two connections stall, the others wait 0.3 s
        with ThreadPoolExecutor(max_workers=10) as executor:
            responses = list(executor.map(lambda tag: api.tomar(tag, 93), tags))
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {200, 503}, statuses
    texts = {r.json()["detail"] for r in responses if r.status_code == 503}
    assert texts == {UNAVAILABLE + "No connection available."}
    stats = api.get("/api/redis-connection-stats").json()
    assert stats["max_connections"] == 2 and stats["active_connections"] <= 2


def test_too_few_redis_clients_allowed_answers_503(own):
    standin, api = own
    tags = [api.fresh_spool() for _ in range(30)]
    standin.redis.allow_only(1)
    with ThreadPoolExecutor(max_workers=30) as executor:
        statuses = list(executor.map(lambda tag: api.tomar(tag, 93).status_code, tags))
    standin.redis.set_maxclients(10000)
    assert set(statuses) <= {200, 503} and 503 in statuses, statuses
    wait_healthy(api, within=5)
