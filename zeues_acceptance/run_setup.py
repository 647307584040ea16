"""What a run learns about its target before the scenarios, and what it reports at the end."""

import sys

from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import ContractDriftError, EnvironmentProblem
from zeues_acceptance.spools import NO_DESIGNATED_SPOOLS
from zeues_acceptance.target import Target

# Reads done before and after the scenarios only inform; the scenarios judge.
INFORMATIONAL_ERRORS = (EnvironmentProblem, ContractDriftError)


def console(line: str) -> None:
    """Say something to the person running the suite; behave captures hook output."""
    print(line, file=sys.__stderr__, flush=True)


def redis_precheck(client: ZeuesClient) -> str:
    """The seed's pre-check: read redis-health, say what it found, never block the run."""
    try:
        response = client.redis_health()
        body = response.body if isinstance(response.body, dict) else {}
        status = body.get("status", f"unknown (answered {response.status})")
        if status == "unhealthy":
            status = f"unhealthy: {body.get('error', '')}"
    except INFORMATIONAL_ERRORS as problem:
        status = f"unknown ({_first_line(problem)})"
    marker = "ok" if status == "healthy" else "WARNING"
    console(f"Redis pre-check [{marker}]: {status}")
    if marker != "ok":
        console("  Occupation scenarios (TOMAR/PAUSAR/COMPLETAR) will fail as Environment.")
    return status


def worker_names(client: ZeuesClient) -> dict[int, str]:
    """Display names by worker id, as the target lists them."""
    try:
        response = client.workers()
    except INFORMATIONAL_ERRORS:
        return {}
    if response.status != 200:
        return {}
    return {worker["id"]: worker["nombre_completo"] for worker in response.body["workers"]}


def skip_reason(target: Target, tags) -> str | None:
    """Why a scenario with these tags cannot run against this target, if it cannot."""
    if "local-only" in tags and not target.controls_standin:
        return "needs control of the embedded stand-in (its Redis); the target is " + target.base_url
    if target.test_support is None:
        return None  # unreachable: let the scenario fail as Environment, not skip
    if "writes" in tags and not (target.test_support or target.designated_spools):
        return NO_DESIGNATED_SPOOLS
    if "load" in tags and target.is_production and not target.allow_load:
        return "load against production runs only with -D allow_load=yes"
    if "load" in tags and not target.test_support:
        return "the load run makes its own spools: it needs a target with the test-support endpoint"
    return None


def run_properties(client: ZeuesClient, target: Target, redis_at_start: str,
                   touched: dict[str, str]) -> dict:
    """Allure's environment.properties: target, API version, Redis at start, pool, spools."""
    properties = {
        "target": target.description,
        "target.url": target.base_url,
        "api.version": _api_version(client),
        "redis.at_start": redis_at_start,
        "test_support": {True: "yes", False: "no", None: "unknown (unreachable)"}[target.test_support],
        "run.id": target.run_id,
    }
    try:
        stats = client.connection_stats()
        if stats.status == 200:
            properties.update({f"pool.{key}": value for key, value in stats.body.items()})
    except INFORMATIONAL_ERRORS:
        pass
    if touched:
        properties["spools.touched"] = "; ".join(f"{tag}: {state}" for tag, state in sorted(touched.items()))
    return properties


def report_touched_spools(touched: dict[str, str]) -> None:
    if touched:
        console("\nSpools this run touched, and the state it left them in:")
        for tag, state in sorted(touched.items()):
            console(f"  {tag}: {state}")


def _api_version(client: ZeuesClient) -> str:
    try:
        response = client.health()
    except INFORMATIONAL_ERRORS as problem:
        return f"unknown ({_first_line(problem)})"
    return response.body.get("version", "unknown") if response.status == 200 else "unknown"


def _first_line(problem: Exception) -> str:
    return str(problem).splitlines()[0][:160]
