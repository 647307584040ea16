"""Redis faults under a running stand-in: 503 never 500, reads keep answering, self-recovery."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from redis import Redis

from standin.redis_store import spool_lock_key
from standin.runner import running_standin

from .conftest import Api, error_of


@pytest.fixture
def own_standin(request):
    """A stand-in of this test's own, since the test breaks its Redis."""
    env = getattr(request, "param", {})
    with running_standin(testing=True, env=env) as running:
        yield running, Api(running.base_url)


def make_spool(api: Api, tag: str) -> str:
    assert api.post("/api/testing/spools", {"tag_spool": tag}).status_code == 201
    return tag


def test_redis_down_then_back(own_standin):
    standin, api = own_standin
    held = make_spool(api, "HELD-1")
    assert api.tomar(held, 93).status_code == 200

    standin.redis.stop()
    for response in (api.tomar(make_spool(api, "FREE-1"), 94), api.pausar(held, 93),
                     api.completar(held, 93)):
        assert error_of(response) == (503, "REDIS_UNAVAILABLE")
    assert api.get(f"/api/history/{held}").status_code == 200
    assert api.get("/api/workers").status_code == 200
    assert api.get(f"/api/spools/{held}").json()["ocupado_por"]["worker_id"] == 93
    assert api.get("/api/health").json()["status"] == "degraded"
    unhealthy = api.get("/api/redis-health")
    assert unhealthy.status_code == 503
    assert unhealthy.json()["status"] == "unhealthy" and unhealthy.json()["error"]

    standin.redis.start()
    deadline = time.monotonic() + 30  # the health-check interval
    while api.get("/api/health").json()["status"] != "healthy":
        assert time.monotonic() < deadline, "no recovery within the health-check interval"
        time.sleep(0.1)
    # The lock was lost with Redis's memory; the audit trail gives it back to its holder.
    assert error_of(api.tomar(held, 94)) == (409, "SPOOL_OCCUPIED")
    assert api.pausar(held, 93).status_code == 200
    assert api.tomar(held, 94).status_code == 200
    assert standin.process.poll() is None


@pytest.mark.parametrize("own_standin", [{"ZEUES_REDIS_SOCKET_TIMEOUT": "0.3"}], indirect=True)
def test_reset_while_redis_is_unreachable_leaves_no_stale_lock(own_standin):
    standin, api = own_standin
    tag = make_spool(api, "STALE-1")
    api.tomar(tag, 93)
    with Redis(port=standin.redis.port) as admin:
        admin.client_pause(5000)  # longer than the stand-in's socket timeout: its DEL fails
        assert api.post("/api/testing/spools", {"tag_spool": tag}).status_code == 201
        assert admin.exists(spool_lock_key(tag)), "the reset reached Redis; nothing is tested"
        admin.client_unpause()
    assert api.get(f"/api/history/{tag}").json()["sessions"] == []
    assert api.tomar(tag, 94).status_code == 200


def test_maxclients_too_low_answers_503_not_500(own_standin):
    standin, api = own_standin
    tags = [make_spool(api, f"MAX-{n}") for n in range(30)]
    standin.redis.allow_only(1)
    with ThreadPoolExecutor(max_workers=30) as executor:
        statuses = list(executor.map(lambda tag: api.tomar(tag, 93).status_code, tags))
    standin.redis.set_maxclients(10000)
    assert set(statuses) <= {200, 503}, statuses
    assert 503 in statuses
    assert api.get("/api/health").json()["status"] == "healthy"


@pytest.mark.parametrize("own_standin", [{"ZEUES_REDIS_MAX_CONNECTIONS": "2",
                                          "ZEUES_REDIS_POOL_TIMEOUT": "0.2"}], indirect=True)
def test_pool_exhausted_answers_503_and_stats_stay_bounded(own_standin):
    standin, api = own_standin
    tags = [make_spool(api, f"POOL-{n}") for n in range(10)]
    with Redis(port=standin.redis.port) as admin:
        admin.client_pause(1500)  # every pooled connection stalls, the pool runs dry
        with ThreadPoolExecutor(max_workers=10) as executor:
            responses = list(executor.map(lambda tag: api.tomar(tag, 93), tags))
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {200, 503}, statuses
    assert any(r.status_code == 503 and r.json()["error"] == "REDIS_UNAVAILABLE" for r in responses)
    stats = api.get("/api/redis-connection-stats").json()
    assert stats["max_connections"] == 2 and stats["active_connections"] <= 2


def test_test_support_is_off_unless_testing():
    with running_standin(testing=False) as standin:
        api = Api(standin.base_url)
        assert api.post("/api/testing/spools", {"tag_spool": "X-1"}).status_code == 404
        assert api.get("/api/spools/TEST-02").status_code == 200
