"""What a run learns about its target before and between scenarios.

Before the scenarios: does the target serve ZEUES v3 at all, does it offer test support,
which workers does it list, how is Redis. Between them: Redis again at each scenario's
start - a 500 with Redis already unhealthy is the Environment's, not the product's (R0) -
and whether the run's own ordinary use broke a Redis that was healthy when it began: the
scenarios after that are blocked by that product defect, not failed as Environment.
"""

from dataclasses import dataclass

from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.drift import NOT_V3, serves_v3
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem
from zeues_acceptance.judge import RedisReading

INFORMATIONAL = (EnvironmentProblem, ContractDriftError)
BLOCKED = "Blocked by a product defect"
# Scenarios that need no Redis to be judged: their reads never touch it.
NEEDS_NO_REDIS = {"R4", "R5", "R25", "drift"}


def read_redis(client: ZeuesClient) -> RedisReading:
    """Redis as /api/redis-health tells it; an unreadable answer is an unhealthy reading."""
    try:
        response = client.redis_health()
    except INFORMATIONAL as problem:
        return RedisReading(False, f"redis-health unreadable: {str(problem).splitlines()[0]}")
    if response.status != 200 or not isinstance(response.body, dict):
        return RedisReading(False, f"redis-health answered {response.status}")
    body = response.body
    return RedisReading(body.get("status") == "healthy", body.get("message", body.get("status", "")))


def serves_zeues_v3(client: ZeuesClient) -> tuple[bool, str]:
    """(True, "") when the target serves the v3 occupation routes; else why not. Its own
    description decides; without one, an empty TOMAR tells: 422 where the route exists, 404
    where it does not (nothing is written either way)."""
    try:
        description = client.openapi()
        if description.status == 200 and isinstance(description.body, dict) and \
                "paths" in description.body:
            if serves_v3(description.body):
                return True, ""
            v4 = sorted(path for path in description.body["paths"] if path.startswith("/api/v4/"))
            seen = f" (it serves {', '.join(v4[:3])} ...)" if v4 else ""
            return False, f"{NOT_V3}: its description has no /api/occupation/tomar{seen}"
        probe = client.request("POST", "/api/occupation/tomar", json={}, route=None)
    except EnvironmentProblem:
        return True, ""  # unreachable: the scenarios will say so, one by one, as Environment
    if probe.status == 404:
        return False, f"{NOT_V3}: POST /api/occupation/tomar answered 404 {probe.detail!r}"
    return True, ""


def has_test_support(client: ZeuesClient, probe_tag: str) -> bool:
    """True when the target serves POST /api/testing/spools (never production: 404 there);
    with Redis down the stand-in's route answers 503, and is there all the same."""
    try:
        return client.create_test_spool(probe_tag).status != 404
    except INFORMATIONAL:
        return False


def worker_names(client: ZeuesClient) -> dict[int, str]:
    """Display names by worker id, exactly as the target lists its active workers."""
    try:
        response = client.workers()
    except INFORMATIONAL:
        return {}
    if response.status != 200:
        return {}
    return {worker["id"]: worker["nombre_completo"] for worker in response.body["workers"]}


@dataclass
class RedisWatch:
    """Redis at the run's start and at each scenario's start, and who broke it."""

    at_run_start: RedisReading
    last: RedisReading | None = None
    last_scenario: str = ""
    broken_by: str | None = None  # the scenario during which ordinary use exhausted Redis

    def scenario_starts(self, name: str, reading: RedisReading) -> None:
        if (self.broken_by is None and self.at_run_start.healthy and not reading.healthy
                and reading.exhausted and self.last is not None and self.last.healthy):
            self.broken_by = self.last_scenario
        if reading.healthy:
            self.broken_by = None
        self.last, self.last_scenario = reading, name

    def blocked_reason(self, tags, reading: RedisReading) -> str | None:
        if self.broken_by is None or reading.healthy or NEEDS_NO_REDIS & set(tags):
            return None
        return (f"{BLOCKED}: Redis has been exhausted (\"{reading.text}\") since the scenario "
                f"\"{self.broken_by}\" - the run's own ordinary use used up the service's Redis "
                f"connections, so this scenario cannot be judged")
