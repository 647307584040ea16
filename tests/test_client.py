"""ZeuesClient against a real tiny HTTP server: requests checked before sending, answers checked
against the error family their route and status name, a 500 handed back unjudged."""

import pytest

from tests.canned_server import Canned, free_port, server  # noqa: F401  (fixture)
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, RequestContractError, TargetUnreachable

SECRET = "s3cr3t"
TOMAR = {"tag_spool": "TEST-02", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
TAKEN = {"success": True, "tag_spool": "TEST-02", "message": "Spool TEST-02 tomado por MR(93)"}
OCCUPIED = {"detail": "El spool 'TEST-02' ya está ocupado por Worker 93 (ID: 93). Espera a que "
                      "termine o elige otro spool."}
UNKNOWN_SPOOL = {"success": False, "error": "SPOOL_NO_ENCONTRADO",
                 "message": "Spool 'X' no encontrado en hoja Operaciones", "data": {"tag_spool": "X"}}


@pytest.fixture
def exchanges():
    return []


@pytest.fixture
def client(server, exchanges):  # noqa: F811
    with ZeuesClient(server.url, on_exchange=exchanges.append) as zeues:
        yield zeues


class TestRequests:
    def test_a_request_breaking_the_contract_is_a_test_defect_and_never_sent(self, client, server):
        with pytest.raises(RequestContractError, match="fecha_operacion"):
            client.completar(TOMAR)
        assert server.received == []

    def test_lax_values_the_real_models_accept_are_valid_requests(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(200, TAKEN))
        client.tomar({**TOMAR, "worker_id": "93", "extra": "ignored"})
        assert server.received[0]["body"]["worker_id"] == "93"

    def test_a_deliberately_invalid_request_is_sent_and_its_422_checked(self, client, server):
        rejected = {"detail": [{"type": "missing", "loc": ["body", "fecha_operacion"],
                                "msg": "Field required", "input": TOMAR}]}
        server.answer("POST", "/api/occupation/completar", Canned(422, rejected))
        assert client.completar(TOMAR, deliberately_invalid=True).status == 422

    def test_a_valid_request_marked_deliberately_invalid_is_a_test_defect(self, client, server):
        with pytest.raises(RequestContractError, match="is valid"):
            client.tomar(TOMAR, deliberately_invalid=True)

    def test_the_tag_in_the_path_is_quoted(self, client, server):
        server.answer("GET", "/api/history/A%2FB%20C", Canned(200, {"tag_spool": "A/B C", "sessions": []}))
        assert client.history("A/B C").status == 200

    def test_listings_carry_their_query(self, client, server):
        server.answer("GET", "/api/spools/completar?operacion=ARM&worker_nombre=MR%2893%29",
                      Canned(200, {"spools": [], "total": 0, "filtro_aplicado": "ARM"}))
        assert client.spools_to_complete("ARM", "MR(93)").body["total"] == 0


class TestAnswers:
    def test_an_answer_within_its_family_is_handed_back(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(409, OCCUPIED))
        answer = client.tomar(TOMAR)
        assert (answer.status, answer.detail, answer.error_code) == (409, OCCUPIED["detail"], None)

    def test_the_old_error_body_on_an_occupation_route_is_drift(self, client, server):
        server.answer("POST", "/api/occupation/tomar",
                      Canned(409, {"error": "SPOOL_OCCUPIED", "message": "occupied"}))
        with pytest.raises(ContractDriftError, match="error-detail"):
            client.tomar(TOMAR)

    def test_the_envelope_is_the_family_of_history(self, client, server):
        server.answer("GET", "/api/history/X", Canned(404, UNKNOWN_SPOOL))
        assert client.history("X").error_code == "SPOOL_NO_ENCONTRADO"
        server.answer("GET", "/api/history/Y", Canned(404, {"detail": "Spool Y not found"}))
        with pytest.raises(ContractDriftError, match="error-envelope"):
            client.history("Y")

    def test_history_as_a_bare_list_is_drift_naming_path_and_rule(self, client, server):
        server.answer("GET", "/api/history/X", Canned(200, []))
        with pytest.raises(ContractDriftError, match=r"\$: type"):
            client.history("X")

    def test_a_500_is_never_a_shape_it_is_handed_back(self, client, server):
        server.answer("POST", "/api/occupation/tomar",
                      Canned(500, {"detail": "Internal server error: Too many connections"}))
        answer = client.tomar(TOMAR)
        assert answer.is_server_error and answer.detail.endswith("Too many connections")

    def test_a_status_the_route_never_answers_is_drift(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(418, {"detail": "teapot"}))
        with pytest.raises(ContractDriftError, match="418"):
            client.tomar(TOMAR)

    def test_the_redis_refusal_is_recognised(self, client, server):
        server.answer("POST", "/api/occupation/tomar",
                      Canned(503, {"detail": "Redis service unavailable: Connection refused"}))
        assert client.tomar(TOMAR).is_redis_refusal

    def test_a_gateway_page_is_the_environment(self, client, server):
        server.answer("POST", "/api/occupation/tomar",
                      Canned(502, b"<html>Bad Gateway</html>", content_type="text/html"))
        with pytest.raises(TargetUnreachable, match="gateway"):
            client.tomar(TOMAR)

    def test_a_success_without_json_is_drift(self, client, server):
        server.answer("GET", "/api/workers", Canned(200, b"<html/>", content_type="text/html"))
        with pytest.raises(ContractDriftError, match="without a JSON body"):
            client.workers()

    def test_the_description_is_handed_back_unchecked(self, client, server):
        server.answer("GET", "/openapi.json", Canned(200, {"anything": True}))
        assert client.openapi().body == {"anything": True}

    def test_a_redis_health_of_200_unhealthy_is_an_answer(self, client, server):
        unhealthy = {"status": "unhealthy", "message": "Redis not responding: Too many connections",
                     "operational": False}
        server.answer("GET", "/api/redis-health", Canned(200, unhealthy))
        assert client.redis_health().body == unhealthy


class TestTransport:
    def test_an_unreachable_target_is_the_environment(self, exchanges):
        with ZeuesClient(f"http://127.0.0.1:{free_port()}", on_exchange=exchanges.append) as zeues:
            with pytest.raises(TargetUnreachable, match="did not answer"):
                zeues.workers()
        assert exchanges[0]["response"] is None

    def test_a_slow_answer_times_out_as_unreachable(self, server):
        server.answer("GET", "/api/workers", Canned(200, {"workers": [], "total": 0}, delay=1.0))
        with ZeuesClient(server.url, timeout=(1, 0.2)) as zeues:
            with pytest.raises(TargetUnreachable):
                zeues.workers()

    def test_a_post_is_never_sent_twice(self, client, server):
        server.answer("POST", "/api/occupation/tomar", Canned(200, drop_connection=True))
        with pytest.raises(TargetUnreachable):
            client.tomar(TOMAR)
        assert len(server.received) == 1

    def test_secrets_appear_nowhere_in_the_record(self, server):
        server.answer("GET", "/api/workers", Canned(200, {"workers": [], "total": 0}))
        record = []
        with ZeuesClient(server.url, headers={"Authorization": f"Bearer {SECRET}"},
                         on_exchange=record.append) as zeues:
            zeues.workers()
        assert SECRET not in repr(record) and "[REDACTED]" in repr(record)
        assert server.received[0]["headers"]["Authorization"] == f"Bearer {SECRET}"
