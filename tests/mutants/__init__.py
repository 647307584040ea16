"""The stand-in with exactly one rule broken, for proving the acceptance suite goes red.

`python -m tests.mutants --fault NAME --port P [--testing]` serves the stand-in with
FAULTS[NAME] applied. Faults are applied from outside `standin/`, so the stand-in's own
code path stays the one the suite normally runs against.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI

from . import faults

AREAS = frozenset({"occupation", "history", "health", "stats", "stream", "validation",
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
    Fault("fecha_not_required", "validation",
          "COMPLETAR without fecha_operacion is accepted (today's date is filled in)",
          faults.fill_in_missing_fecha),
    Fault("bad_date_500", "validation",
          "a malformed fecha_operacion such as 2026-02-30 crashes with 500 instead of 422",
          faults.parse_fecha_unguarded),
    Fault("history_as_list", "history",
          "history answers the bare sessions list instead of {tag_spool, sessions}",
          faults.history_as_bare_list),
    Fault("history_newest_first", "history",
          "history lists sessions newest first",
          faults.history_newest_first),
    Fault("open_session_closed", "history",
          "the open session is reported with an end_time and estado COMPLETADO",
          faults.close_open_session),
    Fault("non_owner_can_pause", "occupation",
          "PAUSAR and COMPLETAR by a worker who does not hold the spool succeed",
          faults.skip_ownership_check),
    Fault("sold_before_arm", "occupation",
          "SOLD can be taken before ARM is COMPLETADO",
          faults.skip_arm_dependency),
    Fault("second_verdict_accepted", "occupation",
          "a second METROLOGIA verdict on the same spool is accepted",
          faults.forget_verdicts),
    Fault("inactive_worker_accepted", "occupation",
          "an inactive worker (96) may TOMAR",
          faults.accept_inactive_workers),
    Fault("racy_lock", "concurrency",
          "TOMAR checks the lock with GET, waits 50 ms, then SETs: concurrent TOMARs all win",
          faults.check_then_set_lock),
    Fault("health_hides_redis", "health",
          "/api/health has no redis object",
          faults.drop_redis_from_health),
    Fault("stats_off_by_one", "stats",
          "available_connections is max - active - 1",
          faults.available_one_short),
    Fault("stats_wrong_max", "stats",
          "connection stats claim max_connections 50 although the pool holds 20",
          faults.claim_fifty_connections),
    Fault("stream_silent", "stream",
          "no spool_update event is ever published; pings are still sent",
          faults.publish_nothing),
    Fault("stream_late", "stream",
          "spool_update events are published 2 s after the action",
          faults.publish_late),
    Fault("openapi_lost_fecha", "drift",
          "/openapi.json no longer lists fecha_operacion as required; the API still requires it",
          faults.unrequire_fecha_in_openapi),
    Fault("openapi_lost_verdict", "drift",
          "/openapi.json drops RECHAZADO from the resultado enum; the API still accepts it",
          faults.drop_rechazado_from_openapi),
    # Environment fault: the app is the clean stand-in; the test stops the stand-in's
    # Redis through the runner handle (`running.redis.stop()`).
    Fault("redis_down", "environment",
          "Redis is stopped under a clean stand-in (done by the test, not by the app)",
          None),
)

FAULTS: dict[str, Fault] = {fault.name: fault for fault in _FAULTS}


def apply(name: str, app: FastAPI) -> FastAPI:
    """Break FAULTS[name]'s rule in `app` and return it; environment faults leave it clean."""
    fault = FAULTS[name]
    if fault.apply is not None:
        fault.apply(app)
    log.warning("stand-in built with fault %s (%s): %s", fault.name, fault.area, fault.description)
    return app
