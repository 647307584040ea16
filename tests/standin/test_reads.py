"""History, spool state, workers, health and connection stats."""

from datetime import datetime

from .conftest import error_of


def test_history_is_a_dict_of_sessions_oldest_first(api, spool):
    api.tomar(spool, 93)
    api.pausar(spool, 93, "ARM")
    api.tomar(spool, 94)
    body = api.get(f"/api/history/{spool}").json()
    assert set(body) == {"tag_spool", "sessions"} and body["tag_spool"] == spool
    first, second = body["sessions"]
    assert (first["worker_id"], first["estado"]) == (93, "PAUSADO")
    assert first["duration_minutes"] >= 0 and first["end_time"] >= first["start_time"]
    assert (second["worker_id"], second["estado"]) == (94, "EN_PROGRESO")
    assert second["end_time"] is None and second["duration_minutes"] is None
    assert "resultado" not in first
    assert datetime.fromisoformat(first["start_time"]).utcoffset() is not None


def test_history_closes_with_completado(api, spool):
    api.complete(spool, 93, "ARM")
    (session,) = api.get(f"/api/history/{spool}").json()["sessions"]
    assert session["estado"] == "COMPLETADO"


def test_instant_metrologia_session(api, spool):
    api.complete(spool, 93, "ARM")
    api.complete(spool, 94, "SOLD")
    api.completar(spool, 95, "METROLOGIA", resultado="APROBADO")
    metrologia = api.get(f"/api/history/{spool}").json()["sessions"][-1]
    assert metrologia["operacion"] == "METROLOGIA"
    assert metrologia["start_time"] == metrologia["end_time"]
    assert metrologia["duration_minutes"] == 0
    assert metrologia["estado"] == "COMPLETADO" and metrologia["resultado"] == "APROBADO"


def test_worker_nombre_is_recorded_as_sent(api, spool):
    api.post("/api/occupation/tomar", {"tag_spool": spool, "worker_id": 93,
                                       "worker_nombre": "Mauricio R.", "operacion": "ARM"})
    (session,) = api.get(f"/api/history/{spool}").json()["sessions"]
    assert session["worker_nombre"] == "Mauricio R."


def test_unknown_tags_in_paths_are_404_never_422(api):
    for path in ("/api/history/", "/api/spools/"):
        for tag in ("NOPE", "has space", "x" * 300, "a/b"):
            assert error_of(api.get(path + tag)) == (404, "SPOOL_NOT_FOUND")


def test_workers_are_the_active_reference_workers(api):
    body = api.get("/api/workers").json()
    assert body["total"] == 3
    assert {(w["id"], w["nombre_completo"]) for w in body["workers"]} == {
        (93, "MR(93)"), (94, "JP(94)"), (95, "CG(95)")}
    assert all(w["activo"] for w in body["workers"])


def test_health_includes_redis(api):
    assert api.get("/api/health").json() | {"version": "3.0.0"} == {
        "status": "healthy", "version": "3.0.0",
        "redis": {"status": "healthy", "operational": True}}
    assert api.get("/api/redis-health").json() == {"status": "healthy", "operational": True}


def test_connection_stats_invariants(api):
    stats = api.get("/api/redis-connection-stats").json()
    assert stats["max_connections"] == 20
    assert stats["active_connections"] + stats["available_connections"] == 20
    assert stats["utilization_percent"] == round(100 * stats["active_connections"] / 20, 1)


def test_pool_uses_the_configured_client_name(standin, api):
    from redis import Redis
    api.get("/api/redis-health")
    with Redis.from_url(standin.redis.url, decode_responses=True) as admin:
        names = {client["name"] for client in admin.client_list()}
    assert "zeues-standin" in names


def test_openapi_describes_every_endpoint(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/occupation/tomar", "/api/occupation/pausar", "/api/occupation/completar",
                 "/api/history/{tag_spool}", "/api/spools/{tag_spool}", "/api/workers",
                 "/api/health", "/api/redis-health", "/api/redis-connection-stats",
                 "/api/sse/stream", "/api/testing/spools"):
        assert path in paths, path
    completar = api.get("/openapi.json").json()["components"]["schemas"]["CompletarRequest"]
    assert "fecha_operacion" in completar["required"]
