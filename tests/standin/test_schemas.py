"""The stand-in's answers meet the suite's own schemas (schemas/): one set of answers of every
kind, each validated against the schema of its route, status and family."""

import pytest

from zeues_acceptance.contract import validate_response

from .conftest import unique_tag
from .sse import StreamReader


def answers(api, standin) -> list[tuple[str, object, str]]:
    """(what, body, schema) for a walk through every route and refusal."""
    tag, held = api.fresh_spool(), api.fresh_spool()
    unknown = unique_tag("NOPE")
    found = []

    def answer(what, response, schema, status):
        assert response.status_code == status, (what, response.text)
        found.append((what, response.json(), schema))

    with StreamReader(standin.base_url) as stream:
        answer("tomar", api.tomar(tag, 93), "occupation-response", 200)
        answer("tomar 409", api.tomar(tag, 94), "error-detail", 409)
        answer("pausar 403", api.pausar(tag, 94), "error-detail", 403)
        answer("pausar", api.pausar(tag, 93), "occupation-response", 200)
        answer("pausar 400", api.pausar(tag, 93), "error-detail", 400)
        answer("completar 410", api.completar(tag, 93), "error-detail", 410)
        api.tomar(tag, 93)
        answer("completar", api.completar(tag, 93), "occupation-response", 200)
        api.complete(tag, 94, "SOLD")
        answer("verdict", api.verdict(tag), "metrologia-completar-response", 200)
        answer("verdict 400", api.verdict(tag), "error-envelope", 400)
        answer("verdict 404", api.verdict(unknown, worker=999), "error-envelope", 404)
        answer("tomar 404", api.tomar(unknown, 93), "error-detail", 404)
        answer("tomar 422", api.post("/api/occupation/tomar", {}), "validation-error", 422)
        answer("bad json", api.post_raw("/api/occupation/tomar", b"{"), "validation-error", 422)
        api.tomar(held, 93)
        answer("batch", api.post("/api/occupation/batch-tomar", {
            "tag_spools": [held, unique_tag()], "worker_id": 94, "worker_nombre": "JP(94)",
            "operacion": "ARM"}), "batch-occupation-response", 200)
        assert stream.wait_until(lambda: len([e for e in stream.events
                                              if e["tag_spool"] in (tag, held)]) >= 10, 2.0)
        found += [(f"event {e['event_type']}", e, "spool-update-event") for e in stream.events]
    answer("history", api.get(f"/api/history/{tag}"), "history-response", 200)
    answer("history 404", api.get(f"/api/history/{unknown}"), "error-envelope", 404)
    answer("workers", api.get("/api/workers"), "workers-response", 200)
    for operacion in ("ARM", "SOLD", "METROLOGIA"):
        answer(f"iniciar {operacion}", api.get(f"/api/spools/iniciar?operacion={operacion}"),
               "spool-list-response", 200)
    answer("completar list", api.get("/api/spools/completar?operacion=ARM&worker_nombre=x"),
           "spool-list-response", 200)
    answer("iniciar 400", api.get("/api/spools/iniciar?operacion=X"), "error-detail", 400)
    answer("iniciar 422", api.get("/api/spools/iniciar"), "validation-error", 422)
    answer("occupied", api.get("/api/dashboard/occupied"), "occupied-spools-response", 200)
    answer("health", api.get("/api/health"), "health-response", 200)
    answer("redis health", api.get("/api/redis-health"), "redis-health-response", 200)
    answer("stats", api.get("/api/redis-connection-stats"), "connection-stats-response", 200)
    answer("root", api.get("/"), "root-response", 200)
    answer("not found", api.get("/api/spools/TEST-02"), "error-detail", 404)
    answer("test spool", api.post("/api/testing/spools", {"tag_spool": unique_tag()}), "spool", 201)
    return found


@pytest.fixture(scope="module")
def walk(api, standin):
    return answers(api, standin)


def test_every_answer_meets_its_schema(walk):
    problems = []
    for what, body, schema in walk:
        try:
            validate_response(schema, body)
        except AssertionError as drift:
            problems.append(f"{what}: {drift}")
    assert problems == [], "\n".join(problems)


def test_the_walk_saw_every_event_type(walk):
    kinds = {body["event_type"] for what, body, _ in walk if what.startswith("event")}
    assert kinds == {"TOMAR", "PAUSAR", "COMPLETAR", "STATE_CHANGE", "COMPLETAR_METROLOGIA"}
