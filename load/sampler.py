"""The Redis pool sampler: reads the connection stats every half second until told to stop.

An answer with the pool's use (active_connections, utilization_percent) is a sample; a 200
without them - ZEUES v3.0's static figures, known defect D9 - is counted as use not seen, so
the run can say the pool cannot be watched instead of failing on a missing key.
"""

import logging
import time

from gevent.event import Event

from load.ledger import PoolSample, RunLedger
from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem

POOL_SAMPLE_INTERVAL_S = 0.5
USAGE_KEYS = ("active_connections", "utilization_percent")

logger = logging.getLogger(__name__)


def sample_pool(host: str, ledger: RunLedger, stop: Event, longest_s: float) -> None:
    deadline = time.monotonic() + longest_s
    with ZeuesClient(host) as client:
        while not stop.is_set() and time.monotonic() < deadline:
            take_sample(client, ledger)
            stop.wait(POOL_SAMPLE_INTERVAL_S)


def take_sample(client: ZeuesClient, ledger: RunLedger) -> None:
    asked_at = time.time()
    try:
        answer = client.connection_stats()  # checked against its schema: always a 200
    except (EnvironmentProblem, ContractDriftError) as error:
        logger.warning("pool sample failed: %s", error)
        ledger.record_sampler_error(str(error).splitlines()[0])
        return
    if answer.is_server_error:  # the only status the client hands back unchecked
        ledger.record_sampler_error(
            f"Product defect: the connection stats answered a server error (500) "
            f"\"{answer.detail}\"")
        return
    figures = answer.body
    if not all(key in figures for key in USAGE_KEYS):
        ledger.record_sample_without_usage(figures)
        return
    ledger.record_pool_sample(PoolSample(
        at=asked_at,
        utilization_percent=figures["utilization_percent"],
        active_connections=figures["active_connections"],
        max_connections=figures["max_connections"],
    ))
