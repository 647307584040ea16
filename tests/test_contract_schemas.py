"""The schemas in schemas/ say what the contract says, and contract.py reports breaches well."""

import pytest
from jsonschema import Draft202012Validator

from zeues_acceptance import contract
from zeues_acceptance.contract import (
    ContractValidator,
    load_schema,
    request_breaks_contract,
    schema_names,
    validate_request,
    validate_response,
)
from zeues_acceptance.errors import ContractDriftError, RequestContractError, SuiteError

REQUEST_SCHEMAS = ["tomar-request", "pausar-request", "completar-request", "testing-spool-request"]
RESPONSE_SCHEMAS = [
    "occupation-response",
    "history-response",
    "spool-response",
    "workers-response",
    "health-response",
    "redis-health-response",
    "redis-health-unhealthy-response",
    "connection-stats-response",
    "error-response",
    "validation-error-response",
    "spool-update-event",
]
CONTRACT_ERROR_CODES = {
    "SPOOL_NOT_FOUND",
    "WORKER_NOT_FOUND",
    "NOT_OWNER",
    "SPOOL_OCCUPIED",
    "SPOOL_NOT_OCCUPIED",
    "OPERATION_COMPLETED",
    "DEPENDENCY_NOT_MET",
    "REDIS_UNAVAILABLE",
}


def completar(**changes):
    body = {
        "tag_spool": "TEST-02",
        "worker_id": 93,
        "worker_nombre": "MR(93)",
        "operacion": "SOLD",
        "fecha_operacion": "2026-03-14",
    }
    body.update(changes)
    return {name: value for name, value in body.items() if value is not ...}


def tomar(**changes):
    body = {"tag_spool": "TEST-02", "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
    body.update(changes)
    return {name: value for name, value in body.items() if value is not ...}


def session(**changes):
    closed = {
        "operacion": "ARM",
        "worker_id": 93,
        "worker_nombre": "MR(93)",
        "start_time": "2026-03-14T08:00:00+00:00",
        "end_time": "2026-03-14T08:30:00+00:00",
        "duration_minutes": 30,
        "estado": "COMPLETADO",
    }
    closed.update(changes)
    return {name: value for name, value in closed.items() if value is not ...}


def history(*sessions):
    return {"tag_spool": "TEST-02", "sessions": list(sessions)}


def examples_with_pointers(node, pointer=""):
    """(JSON pointer, example) for every `examples` keyword in a schema document."""
    if isinstance(node, dict):
        for example in node.get("examples", []):
            yield pointer, example
        for name, child in node.items():
            if name != "examples":
                yield from examples_with_pointers(child, f"{pointer}/{name}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from examples_with_pointers(child, f"{pointer}/{index}")


def all_examples():
    for name in [*schema_names(), "common"]:
        schema = load_schema(name)
        for pointer, example in examples_with_pointers(schema):
            yield pytest.param(schema["$id"], pointer, example, id=f"{name}#{pointer or '/'}")


class TestSchemaFiles:
    def test_every_contract_message_has_a_schema(self):
        assert sorted(schema_names()) == sorted(REQUEST_SCHEMAS + RESPONSE_SCHEMAS)

    @pytest.mark.parametrize("name", [*REQUEST_SCHEMAS, *RESPONSE_SCHEMAS, "common"])
    def test_schema_is_valid_draft_2020_12(self, name):
        schema = load_schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"https://zeues.example/schemas/{name}.json"
        Draft202012Validator.check_schema(schema)

    @pytest.mark.parametrize("name", [*REQUEST_SCHEMAS, *RESPONSE_SCHEMAS])
    def test_schema_documents_itself(self, name):
        schema = load_schema(name)
        assert schema["title"] and schema["description"]
        assert schema["examples"]
        assert schema["x-endpoint"]

    @pytest.mark.parametrize("name", RESPONSE_SCHEMAS)
    def test_response_schema_names_its_status(self, name):
        assert load_schema(name)["x-status"]

    @pytest.mark.parametrize("name", REQUEST_SCHEMAS)
    def test_request_schema_lists_its_errors_with_contract_codes(self, name):
        schema = load_schema(name)
        assert schema["additionalProperties"] is False
        for error in schema["x-errors"]:
            assert set(error) == {"status", "code", "when"}
            assert error["code"] is None or error["code"] in CONTRACT_ERROR_CODES

    def test_error_code_enum_is_the_contracts(self):
        assert set(load_schema("common")["$defs"]["error_code"]["enum"]) == CONTRACT_ERROR_CODES

    def test_schema_name_may_carry_the_json_suffix(self):
        assert load_schema("tomar-request.json") == load_schema("tomar-request")

    def test_load_schema_returns_a_copy(self):
        load_schema("tomar-request")["title"] = "changed"
        assert load_schema("tomar-request")["title"] != "changed"

    @pytest.mark.parametrize(("schema_id", "pointer", "example"), list(all_examples()))
    def test_every_example_is_valid(self, schema_id, pointer, example):
        validator = ContractValidator(
            {"$ref": f"{schema_id}#{pointer}"},
            registry=contract.registry(),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        assert list(validator.iter_errors(example)) == []


class TestCompletarRequest:
    def test_with_fecha_operacion_is_valid(self):
        assert request_breaks_contract("completar-request", completar()) == []

    def test_without_fecha_operacion_is_invalid(self):
        errors = request_breaks_contract("completar-request", completar(fecha_operacion=...))
        assert errors == ["$: required ('fecha_operacion' is a required property)"]

    @pytest.mark.parametrize("fecha", ["2026-02-30", "2026-13-01", "14/03/2026", "2026-3-14", "20260314"])
    def test_malformed_or_impossible_date_is_invalid(self, fecha):
        errors = request_breaks_contract("completar-request", completar(fecha_operacion=fecha))
        assert errors and all(error.startswith("$.fecha_operacion:") for error in errors)

    def test_metrologia_without_resultado_is_invalid(self):
        body = completar(operacion="METROLOGIA")
        assert request_breaks_contract("completar-request", body) == [
            "$: required ('resultado' is a required property)"
        ]

    @pytest.mark.parametrize("resultado", ["APROBADO", "RECHAZADO"])
    def test_metrologia_with_a_verdict_is_valid(self, resultado):
        body = completar(operacion="METROLOGIA", resultado=resultado)
        assert request_breaks_contract("completar-request", body) == []

    def test_resultado_on_sold_is_optional_and_a_valid_one_is_allowed(self):
        assert request_breaks_contract("completar-request", completar(resultado="APROBADO")) == []

    def test_resultado_outside_the_enum_is_invalid_even_on_arm(self):
        errors = request_breaks_contract("completar-request", completar(operacion="ARM", resultado="OK"))
        assert errors[0].startswith("$.resultado: enum")


class TestOccupationRequests:
    @pytest.mark.parametrize("schema", ["tomar-request", "pausar-request", "completar-request"])
    @pytest.mark.parametrize("worker_id", ["93", 93.0, True, 0, -1, None])
    def test_worker_id_must_be_a_positive_json_integer(self, schema, worker_id):
        body = completar(worker_id=worker_id)
        if schema != "completar-request":
            body.pop("fecha_operacion")
        errors = request_breaks_contract(schema, body)
        assert errors and errors[0].startswith("$.worker_id:")

    @pytest.mark.parametrize("schema", ["tomar-request", "pausar-request"])
    def test_metrologia_cannot_be_taken_or_paused(self, schema):
        assert request_breaks_contract(schema, tomar(operacion="METROLOGIA"))[0].startswith(
            "$.operacion: enum"
        )

    @pytest.mark.parametrize("tag", ["", "TEST 02", "TEST/02", "X" * 65])
    def test_tag_spool_must_be_a_short_plain_tag(self, tag):
        assert request_breaks_contract("tomar-request", tomar(tag_spool=tag))[0].startswith(
            "$.tag_spool: pattern"
        )

    def test_worker_nombre_is_any_non_empty_string(self):
        assert request_breaks_contract("tomar-request", tomar(worker_nombre="Anyone at all")) == []
        assert request_breaks_contract("tomar-request", tomar(worker_nombre=""))

    def test_unknown_fields_are_refused(self):
        errors = request_breaks_contract("tomar-request", tomar(fecha_operacion="2026-03-14"))
        assert errors[0].startswith("$: additionalProperties")

    def test_validate_request_raises_a_test_defect_not_an_assertion(self):
        with pytest.raises(RequestContractError) as raised:
            validate_request("completar-request", completar(fecha_operacion=..., worker_id="93"))
        assert not isinstance(raised.value, AssertionError)
        assert isinstance(raised.value, SuiteError)
        message = str(raised.value)
        assert message.startswith("Test defect: request breaks completar-request: ")
        assert "$: required ('fecha_operacion' is a required property)" in message
        assert "$.worker_id: type ('93' is not of type 'integer')" in message

    def test_validate_request_accepts_a_valid_body(self):
        validate_request("tomar-request.json", tomar())


class TestHistoryResponse:
    def test_bare_list_is_contract_drift_naming_path_and_rule(self):
        with pytest.raises(AssertionError) as raised:
            validate_response("history-response", [session()])
        assert isinstance(raised.value, ContractDriftError)
        message = str(raised.value)
        assert message.startswith("Contract drift: response breaks history-response: $: type (")
        assert "is not of type 'object'" in message

    def test_open_session_has_null_end_and_duration(self):
        open_session = session(end_time=None, duration_minutes=None, estado="EN_PROGRESO")
        validate_response("history-response", history(open_session))

    def test_open_session_with_an_end_time_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"\$\.sessions\[0\]\.end_time: type"):
            validate_response("history-response", history(session(estado="EN_PROGRESO")))

    def test_closed_session_without_end_time_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"\$\.sessions\[0\]\.end_time: type"):
            validate_response("history-response", history(session(end_time=None)))

    @staticmethod
    def instant_metrologia(**changes):
        instant = {
            "operacion": "METROLOGIA",
            "end_time": "2026-03-14T08:00:00+00:00",
            "duration_minutes": 0,
            "resultado": "RECHAZADO",
        }
        return session(**(instant | changes))

    def test_instant_metrologia_carries_its_verdict(self):
        validate_response("history-response", history(self.instant_metrologia()))

    def test_instant_metrologia_without_verdict_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"\$\.sessions\[0\]: required"):
            validate_response("history-response", history(self.instant_metrologia(resultado=...)))

    def test_instant_metrologia_lasting_minutes_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"\$\.sessions\[0\]\.duration_minutes: const"):
            validate_response("history-response", history(self.instant_metrologia(duration_minutes=5)))

    @pytest.mark.parametrize("instant", ["2026-03-14T08:00:00", "2026-03-14 08:00", "yesterday"])
    def test_times_need_a_utc_offset(self, instant):
        with pytest.raises(ContractDriftError, match=r"\$\.sessions\[0\]\.start_time: format"):
            validate_response("history-response", history(session(start_time=instant)))

    def test_negative_duration_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"duration_minutes: minimum"):
            validate_response("history-response", history(session(duration_minutes=-1)))

    def test_all_errors_are_reported_best_match_first_then_by_path(self):
        body = history(session(worker_id="93", estado="LISTO"), session(start_time="now"))
        with pytest.raises(ContractDriftError) as raised:
            validate_response("history-response", body)
        reported = str(raised.value).split(": ", 2)[2].split("; ")
        paths = [entry.split(":")[0] for entry in reported]
        assert len(reported) >= 3
        assert paths[1:] == sorted(paths[1:])
        assert {"$.sessions[0].worker_id", "$.sessions[0].estado", "$.sessions[1].start_time"} <= set(paths)


class TestOtherResponses:
    def test_extra_fields_are_tolerated_in_responses(self):
        body = {"status": "healthy", "operational": True, "latency_ms": 2}
        validate_response("redis-health-response", body)

    def test_worker_id_in_a_response_must_be_an_integer(self):
        body = load_schema("occupation-response")["examples"][0] | {"worker_id": 93.0}
        with pytest.raises(ContractDriftError, match=r"\$\.worker_id: type"):
            validate_response("occupation-response", body)

    @pytest.mark.parametrize(
        ("operacion", "estado"), [("ARM", "APROBADO"), ("METROLOGIA", "COMPLETADO")]
    )
    def test_occupation_estado_fits_the_operation(self, operacion, estado):
        body = load_schema("occupation-response")["examples"][0] | {
            "operacion": operacion,
            "estado": estado,
        }
        with pytest.raises(ContractDriftError, match=r"\$\.estado: enum"):
            validate_response("occupation-response", body)

    def test_health_is_degraded_exactly_when_redis_is_unhealthy(self):
        body = {"status": "healthy", "version": "3.0.0", "redis": {"status": "unhealthy", "operational": False}}
        with pytest.raises(ContractDriftError, match=r"\$\.status: const"):
            validate_response("health-response", body)

    def test_unknown_error_code_is_drift(self):
        with pytest.raises(ContractDriftError, match=r"\$\.error: enum"):
            validate_response("error-response", {"error": "BUSY", "message": "try later"})

    def test_fastapi_default_not_found_is_not_a_contract_error(self):
        with pytest.raises(ContractDriftError, match=r"\$: required"):
            validate_response("error-response", {"detail": "Not Found"})

    def test_pydantic_v2_validation_error_is_accepted(self):
        body = {
            "detail": [
                {
                    "type": "missing",
                    "loc": ["body", "fecha_operacion"],
                    "msg": "Field required",
                    "input": {"tag_spool": "TEST-02"},
                    "url": "https://errors.pydantic.dev/2.14/v/missing",
                }
            ]
        }
        validate_response("validation-error-response", body)

    def test_free_spool_has_null_holder(self):
        validate_response("spool-response", load_schema("spool-response")["examples"][1])

    def test_metrologia_cannot_be_held(self):
        body = load_schema("spool-response")["examples"][0]
        body["ocupado_por"]["operacion"] = "METROLOGIA"
        with pytest.raises(ContractDriftError, match=r"\$\.ocupado_por\.operacion: enum"):
            validate_response("spool-response", body)

    def test_redis_unhealthy_shape_needs_the_error(self):
        with pytest.raises(ContractDriftError, match=r"\$: required"):
            validate_response("redis-health-unhealthy-response", {"status": "unhealthy", "operational": False})

    @pytest.mark.parametrize(
        ("accion", "operacion", "estado"),
        [
            ("TOMAR", "ARM", "PAUSADO"),
            ("PAUSAR", "SOLD", "EN_PROGRESO"),
            ("COMPLETAR", "ARM", "EN_PROGRESO"),
            ("TOMAR", "METROLOGIA", "EN_PROGRESO"),
            ("COMPLETAR", "METROLOGIA", "COMPLETADO"),
        ],
    )
    def test_event_estado_follows_the_action(self, accion, operacion, estado):
        event = load_schema("spool-update-event")["examples"][0] | {
            "accion": accion,
            "operacion": operacion,
            "estado": estado,
        }
        with pytest.raises(ContractDriftError):
            validate_response("spool-update-event", event)
