"""The stand-in with exactly one fault, for proving the acceptance suite goes red for it.

`python -m tests.mutants --fault NAME --port P [--testing]` serves the stand-in with
FAULTS[NAME] applied. D0-D15 reproduce ZEUES v3.0's known defects (contract C) with what each
leaves behind; the others break the suite's other classes: contract drift, rules no known
defect breaks, and the environment. Faults are applied from outside `standin/`, so the
stand-in's own code path stays the one the suite normally runs against.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI

from . import occupation_defects as occupation
from . import rule_faults as rules
from . import service_defects as services

AREAS = frozenset({"occupation", "inspection", "history", "stream", "stats", "redis",
                   "concurrency", "drift", "environment"})

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    name: str
    area: str
    description: str
    apply: Callable[[FastAPI], None] | None  # None: the fault is in the environment, not the app

    def __post_init__(self) -> None:
        if self.area not in AREAS:
            raise ValueError(f"fault {self.name}: unknown area {self.area!r}")


_FAULTS = (
    Fault("D0", "occupation",
          "(b5acfc9) every COMPLETAR that passes validation answers 500 \"'CompletarRequest' "
          "object has no attribute 'operacion'\" before checking or writing anything",
          occupation.completar_without_operacion),
    Fault("D1", "occupation",
          "COMPLETAR ARM/SOLD records the work, frees the spool, then answers 500 \"Can't "
          "completar when in completado.\" (ARM) / \"... in pausado.\" (SOLD); no STATE_CHANGE",
          occupation.completion_answers_500),
    Fault("D2", "occupation",
          "COMPLETAR SOLD (and METROLOGIA) writes Fecha_Armado instead of its own date",
          occupation.completion_stamps_assembly),
    Fault("D3", "inspection",
          "every valid verdict answers 500 F2 INTERNAL_SERVER_ERROR before any check",
          services.verdict_crashes),
    Fault("D4", "occupation",
          "TOMAR of completed ARM/SOLD sends TOMAR, logs TOMAR_SPOOL, keeps the lock, leaves "
          "Ocupado_Por empty and answers 500 \"Cannot TOMAR ARM - operation already completed\"",
          occupation.finished_work_keeps_the_lock),
    Fault("D5", "stream",
          "PAUSAR and COMPLETAR events always say operacion ARM",
          services.events_say_arm),
    Fault("D6", "history",
          "every COMPLETAR is logged as COMPLETAR_ARM: the SOLD session never closes",
          occupation.completion_logged_as_assembly),
    Fault("D7", "history",
          "history times carry the fixed offset -04:43 on the right Santiago wall time",
          services.history_in_local_mean_time),
    Fault("D8", "stream",
          "every open stream holds a pool connection: 20 open streams exhaust the pool (TOMAR "
          "then gets the stand-in's 503 after its 5 s wait, not the real 500)",
          services.streams_hold_the_pool),
    Fault("D9", "stats",
          "connection stats and health's redis_pool_stats are static, without usage figures",
          services.static_pool_stats),
    Fault("D10", "redis",
          "a Redis error on an occupation route answers 500 \"Internal server error: <text>\"",
          services.redis_error_is_500),
    Fault("D11", "occupation",
          "PAUSAR naming the other operation by the holder is accepted and frees the spool",
          occupation.pause_of_the_other_operation_accepted),
    Fault("D12", "occupation",
          "TOMAR SOLD on a spool whose ARM never started is accepted",
          occupation.sold_before_arm_started),
    Fault("D13", "occupation",
          "a resume by another worker rewrites Armador (Soldador) with the new worker",
          occupation.resume_rewrites_the_worker),
    Fault("D14", "occupation",
          "COMPLETAR of an unknown spool answers 410 (the lock is read first)",
          occupation.unknown_spool_lock_expired),
    Fault("D15", "stream",
          "a stream keeps its pool connection after it closes: 20 openings exhaust the pool",
          services.streams_keep_the_pool),
    Fault("refusals_in_old_family", "drift",
          "occupation refusals answer the old contract's {\"error\", \"message\"} body",
          rules.refusals_in_old_family),
    Fault("history_as_list", "drift",
          "history answers the bare sessions list instead of {tag_spool, sessions}",
          rules.history_as_bare_list),
    Fault("openapi_lost_fecha", "drift",
          "/openapi.json no longer lists fecha_operacion as required; the API still requires it",
          rules.unrequire_fecha_in_openapi),
    Fault("openapi_lost_verdict", "drift",
          "/openapi.json drops RECHAZADO from ResultadoEnum; the API still accepts it",
          rules.drop_rechazado_from_openapi),
    Fault("racy_lock", "concurrency",
          "TOMAR checks the lock with GET, waits 50 ms, then SETs: concurrent TOMARs all win",
          rules.check_then_set_lock),
    Fault("non_owner_can_pause", "occupation",
          "PAUSAR and COMPLETAR by a worker who does not hold the spool succeed",
          rules.skip_ownership_check),
    # The app is the clean stand-in; the test stops its Redis (`running.redis.stop()`).
    Fault("redis_down", "environment",
          "Redis is stopped under a clean stand-in (done by the test, not by the app)",
          None),
)

FAULTS: dict[str, Fault] = {fault.name: fault for fault in _FAULTS}

# Every known defect of a release at once, as near as the stand-in comes to that release:
# stream faults first (the events are rebuilt on their hub), then the events, then the rest.
# D15 holds a connection per open stream and keeps it, so it includes D8. At b5acfc9 every
# COMPLETAR fails first (D0), so the completion defects D1, D2, D6 and D14 never show.
RELEASES = {
    "zeues-v3.0": ("D15", "D5", "D1", "D2", "D3", "D4", "D6", "D7", "D9", "D10", "D11", "D12",
                   "D13", "D14"),
    "zeues-b5acfc9": ("D15", "D5", "D0", "D3", "D4", "D7", "D9", "D10", "D11", "D12", "D13"),
}


def apply(name: str, app: FastAPI) -> FastAPI:
    """Break FAULTS[name] in `app` (or every defect of RELEASES[name]) and return it;
    environment faults leave it clean."""
    for fault_name in RELEASES.get(name, (name,)):
        fault = FAULTS[fault_name]
        if fault.apply is not None:
            fault.apply(app)
        log.warning("stand-in built with fault %s (%s): %s", fault.name, fault.area,
                    fault.description)
    return app
