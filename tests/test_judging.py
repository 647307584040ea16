"""How the suite judges answers it did not expect: R0 (a 500 is a Product defect unless Redis was
already unhealthy at the scenario's start), exhaustion by the run's own use, known defects named."""

import pytest

from zeues_acceptance.client import ApiResponse
from zeues_acceptance.errors import EnvironmentProblem, ProductDefect
from zeues_acceptance.judge import Action, RedisReading, Situation, expect_refusal, unexpected
from zeues_acceptance.refusals import REFUSALS
from zeues_acceptance.run_checks import BLOCKED, RedisWatch
from zeues_acceptance.spool_state import SpoolView

HEALTHY = RedisReading(True, "Redis connected and responding")
EXHAUSTED = RedisReading(False, "Redis not responding: Too many connections")
DOWN = RedisReading(False, "Redis not responding: Error 111 connecting to 127.0.0.1:6379. 111.")
COMPLETE_ARM = Action("COMPLETAR", "TEST-07", "MR(93)", "ARM")
SPOOL = {"tag_spool": "TEST-07", "nv": None, "arm": "PENDIENTE", "sold": "PENDIENTE",
         "fecha_materiales": "2026-01-20", "fecha_armado": "2026-02-02", "fecha_soldadura": None,
         "fecha_qc_metrologia": None, "armador": "MR(93)", "soldador": None, "proyecto": None,
         "ocupado_por": None, "fecha_ocupacion": None, "version": 0, "estado_detalle": None}


def answer(status: int, body) -> ApiResponse:
    return ApiResponse("POST", "http://zeues/api/occupation/completar", status, body, "", {}, 1.0)


def situation(reading=HEALTHY, **extra) -> Situation:
    return Situation(reading, read_back=lambda tag: SpoolView(tag, True, SPOOL), **extra)


def test_a_500_with_redis_healthy_at_the_start_is_a_product_defect_with_its_aftermath():
    verdict = unexpected(situation(), answer(500, {"detail": "Internal server error: Can't "
                                                   "completar when in completado."}),
                         COMPLETE_ARM, "succeed")
    assert isinstance(verdict, ProductDefect)
    assert str(verdict) == (
        "Product defect: COMPLETAR ARM on TEST-07 by MR(93) answered a server error (500) "
        "\"Internal server error: Can't completar when in completado.\" - yet the work was "
        "recorded: ARM shows complete and the spool is free (known defect D1 of ZEUES v3.0)")


def test_a_500_with_redis_already_unhealthy_is_the_environment():
    verdict = unexpected(situation(DOWN), answer(500, {"detail": "Internal server error: Error 111"}),
                         COMPLETE_ARM, "succeed")
    assert isinstance(verdict, EnvironmentProblem) and str(verdict).startswith("Environment:")


def test_a_redis_refusal_from_exhaustion_under_ordinary_use_is_a_product_defect():
    refusal = answer(503, {"detail": "Redis service unavailable: No connection available."})
    verdict = unexpected(situation(dashboards="watching"), refusal, COMPLETE_ARM, "succeed")
    assert isinstance(verdict, ProductDefect) and "known defect D8" in str(verdict)


def test_a_redis_refusal_because_redis_went_down_is_the_environment():
    refusal = answer(503, {"detail": "Redis service unavailable: Error 111 connecting"})
    assert isinstance(unexpected(situation(), refusal, COMPLETE_ARM, "succeed"), EnvironmentProblem)


def test_a_500_while_redis_was_stopped_on_purpose_names_d10():
    verdict = unexpected(situation(redis_stopped_on_purpose=True),
                         answer(500, {"detail": "Internal server error: Error 111 connecting to x"}),
                         Action("TOMAR", "TEST-07", "MR(93)", "ARM"), "be refused")
    assert isinstance(verdict, ProductDefect) and "known defect D10" in str(verdict)


def test_an_accepted_action_that_must_be_refused_names_its_defect():
    taken = answer(200, {"success": True, "tag_spool": "TEST-04", "message": "Spool TEST-04 tomado por JP(94)"})
    with pytest.raises(ProductDefect, match="must be refused because assembly has not started.*D12"):
        expect_refusal(situation(), taken, Action("TOMAR", "TEST-04", "JP(94)", "SOLD"),
                       REFUSALS["assembly has not started"])


def test_the_wrong_refusal_is_a_product_defect_saying_both():
    lapsed = answer(410, {"detail": "El lock del spool 'NOPE' expiró durante la operación."})
    with pytest.raises(ProductDefect, match=r"refused \(410\).*known defect D14"):
        expect_refusal(situation(), lapsed, Action("COMPLETAR", "NOPE", "MR(93)", "ARM"),
                       REFUSALS["the spool is unknown"])


@pytest.mark.parametrize("words, status, body", [
    ("the spool is occupied", 409, {"detail": "El spool 'X' ya está ocupado por Worker 93 (ID: 93)."}),
    ("the spool is occupied", 409, {"success": False, "error": "SPOOL_OCCUPIED",
                                    "message": "El spool 'X' ya está ocupado por MR(93)", "data": {}}),
    ("assembly is not complete", 400, {"success": False, "error": "DEPENDENCIAS_NO_SATISFECHAS",
                                       "message": "... falta ARM completado (...)", "data": {}}),
    ("the spool is unknown", 404, {"success": False, "error": "SPOOL_NO_ENCONTRADO",
                                   "message": "Spool 'Spool X not found' no encontrado en hoja "
                                              "Operaciones", "data": {}}),
])
def test_refusals_are_recognised_in_either_family(words, status, body):
    assert REFUSALS[words].matches(answer(status, body))


def test_welding_not_complete_is_not_assembly_not_complete():
    sold = answer(400, {"success": False, "error": "DEPENDENCIAS_NO_SATISFECHAS",
                        "message": "... falta SOLD completado (...)", "data": {}})
    assert not REFUSALS["assembly is not complete"].matches(sold)


def test_scenarios_after_the_runs_own_use_exhausted_redis_are_blocked():
    watch = RedisWatch(HEALTHY)
    watch.scenario_starts("dashboards come and go", HEALTHY)
    watch.scenario_starts("dashboards watching", EXHAUSTED)
    reason = watch.blocked_reason(["R24"], EXHAUSTED)
    assert reason.startswith(BLOCKED) and "dashboards come and go" in reason
    assert watch.blocked_reason(["R5"], EXHAUSTED) is None  # history needs no Redis


def test_redis_down_mid_run_is_not_blamed_on_the_run():
    watch = RedisWatch(HEALTHY)
    watch.scenario_starts("one", HEALTHY)
    watch.scenario_starts("two", DOWN)
    assert watch.blocked_reason(["R1"], DOWN) is None


def test_redis_unhealthy_from_the_start_blocks_nothing():
    watch = RedisWatch(EXHAUSTED)
    watch.scenario_starts("one", EXHAUSTED)
    assert watch.blocked_reason(["R1"], EXHAUSTED) is None
