"""Workers, the root, health, Redis health, connection stats and the routes not served."""

import pytest

WORKER_KEYS = ["id", "nombre", "apellido", "rol", "roles", "activo", "nombre_completo"]


def test_workers_are_the_active_reference_workers(api):
    body = api.get("/api/workers").json()
    assert body == {"workers": [
        {"id": 93, "nombre": "Mauricio", "apellido": "Rodriguez", "rol": "Ayudante",
         "roles": ["Armador"], "activo": True, "nombre_completo": "MR(93)"},
        {"id": 94, "nombre": "Juan", "apellido": "Perez", "rol": "Ayudante",
         "roles": ["Soldador"], "activo": True, "nombre_completo": "JP(94)"},
        {"id": 95, "nombre": "Carlos", "apellido": "Gonzalez", "rol": "Ayudante",
         "roles": ["Metrologia"], "activo": True, "nombre_completo": "CG(95)"}], "total": 3}
    assert all(list(worker) == WORKER_KEYS for worker in body["workers"])


def test_root(api):
    assert api.get("/").json() == {
        "message": "ZEUES API - Manufacturing Traceability System", "version": "1.0.0",
        "docs": "/api/docs", "redoc": "/api/redoc", "health": "/api/health"}


def test_health_when_all_is_well(api):
    body = api.get("/api/health").json()
    assert list(body) == ["status", "operational", "timestamp", "environment",
                          "sheets_connection", "redis_connection", "version", "redis_pool_stats"]
    assert {k: body[k] for k in ("status", "operational", "environment", "sheets_connection",
                                 "redis_connection", "version")} == {
        "status": "healthy", "operational": True, "environment": "local",
        "sheets_connection": "ok", "redis_connection": "ok", "version": "3.0.0"}
    assert body["timestamp"].endswith("Z") and "+" not in body["timestamp"]
    stats = body["redis_pool_stats"]
    assert set(stats) == {"status", "max_connections", "pool_created", "alert",
                          "active_connections", "available_connections", "utilization_percent"}


def test_redis_health_reports_the_servers_figures(api):
    body = api.get("/api/redis-health").json()
    assert body["status"] == "healthy" and body["operational"] is True
    assert body["message"] == "Redis connected and responding"
    assert body["version"].count(".") == 2
    assert isinstance(body["connected_clients"], int) and body["connected_clients"] >= 1
    assert isinstance(body["uptime_in_seconds"], int)
    assert body["used_memory_human"][-1] in "BKMG"


def test_connection_stats_are_the_pools_real_use(api):
    stats = api.get("/api/redis-connection-stats").json()
    assert (stats["status"], stats["max_connections"], stats["pool_created"]) == ("ok", 20, True)
    assert stats["active_connections"] + stats["available_connections"] == 20
    assert stats["utilization_percent"] == round(100 * stats["active_connections"] / 20, 1)
    assert stats["alert"] is None
    assert stats["timestamp"].endswith("Z")


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/spools/TEST-02"), ("GET", "/api/occupation/status/TEST-02"),
    ("POST", "/api/iniciar-accion"), ("POST", "/api/completar-accion-batch"),
    ("POST", "/api/tomar-reparacion"), ("GET", "/api/health/diagnostic"),
    ("GET", "/api/health/clear-cache"), ("GET", "/api/occupation/diagnostic/TEST-02"),
    ("GET", "/api/sse/disponible"), ("GET", "/api/cache/clear"),
])
def test_routes_the_stand_in_does_not_serve_are_404_not_found(api, method, path):
    response = api.session.request(method, api.base_url + path, timeout=10)
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


def test_test_support_is_404_without_testing(plain_standin):
    from .conftest import Api

    response = Api(plain_standin.base_url).post("/api/testing/spools", {"tag_spool": "X-1"})
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
