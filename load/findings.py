"""The @load Thens' judgement of a run's result.json, in the suite's categories.

Each function answers None when its Then holds, else the exception to raise: a Product defect
(an AssertionError), Contract drift (one too), the Environment or a Test defect. The run was
only started with Redis healthy (the Given checks), so any 500 is the product's (R0), and so
is a refusal as "Redis service unavailable" under this ordinary load - unless Redis itself
went away during the run, which redis-health read after it tells.
"""

from zeues_acceptance.errors import (
    ContractDriftError, EnvironmentProblem, ProductDefect, SuiteError,
)
from zeues_acceptance.judge import RedisReading, defect_note

from load.ledger import CONTRACT_DRIFT, REDIS_REFUSAL, REFUSED, SERVER_ERROR, UNREACHABLE
from load.result import SHOP_CALLS

# ZEUES v3.0's connection stats (known defect D9): the pool's size, never its use.
STATIC_STATS_KEYS = {"status", "max_connections", "pool_created", "alert", "timestamp"}


def failures_finding(result: dict, redis_after: RedisReading) -> Exception | None:
    """Every call must succeed: each worker works alone on a spool of its own."""
    counted = {kind: _per_call(result, kind) for kind in
               (SERVER_ERROR, REDIS_REFUSAL, REFUSED, CONTRACT_DRIFT, UNREACHABLE)}
    product, drift, environment = [], [], []
    if counted[SERVER_ERROR]:
        product.append(_sentence(result, counted, SERVER_ERROR, "answered a server error (500)"))
    if counted[REDIS_REFUSAL]:
        refused = _sentence(result, counted, REDIS_REFUSAL, "were refused as Redis unavailable")
        if redis_after.healthy or redis_after.exhausted:
            product.append(f"{refused}, although Redis was healthy when the run started: the "
                           f"service exhausted its own Redis connections under ordinary load")
        else:
            environment.append(f"Redis became unavailable during the load run (redis-health "
                               f"after it: \"{redis_after.text}\"), and {refused}")
    if counted[REFUSED]:
        product.append(_sentence(result, counted, REFUSED, "were refused although each worker "
                                 "works alone on a spool of its own"))
    if counted[CONTRACT_DRIFT]:
        drift.append(_sentence(result, counted, CONTRACT_DRIFT,
                               "were answered outside the contract"))
    if counted[UNREACHABLE]:
        environment.append(_sentence(result, counted, UNREACHABLE, "got no answer"))
    if product:
        return ProductDefect("under load, " + "; ".join(product + drift + environment))
    if drift:
        return ContractDriftError("Contract drift: under load, " + "; ".join(drift + environment))
    if environment:
        return EnvironmentProblem("Environment: " + "; ".join(environment))
    return None


def pool_finding(result: dict, limit: float) -> Exception | None:
    """The pool's use must be visible and stay at or below `limit` % (R23, R24)."""
    pool = result["pool"]
    answers = pool["samples"] + pool["samples_without_usage"]
    if pool["samples_without_usage"]:
        keys = ", ".join(pool["keys_without_usage"])
        known = defect_note("D9" if set(pool["keys_without_usage"]) <= STATIC_STATS_KEYS else None)
        return ProductDefect(
            f"the Redis pool's use cannot be seen: {pool['samples_without_usage']} of {answers} "
            f"answers of the connection stats carried only {keys} - no connections in use, none "
            f"available, no utilization, so nobody can see the pool filling up{known}")
    error = pool["sampler_error"]
    if error is not None and not error.startswith("Environment"):
        cause = ContractDriftError if error.startswith("Contract drift") else _product
        return cause(f"{error} (the pool was read {pool['sampler_errors'] + answers} times)")
    if not pool["samples"]:
        if error is not None:
            return EnvironmentProblem(f"{error} (the pool could not be sampled at all)")
        return SuiteError("Test defect: the pool was never sampled during the run")
    if pool["max_utilization_percent"] > limit:
        return ProductDefect(
            f"the Redis pool reached {pool['max_utilization_percent']} % "
            f"({pool['max_active_connections']} of {pool['max_connections']} connections) "
            f"{pool['peak_at_s']} s into the run, over the {limit:g} % the shop can afford")
    return None


def dashboards_finding(result: dict, planned: int) -> Exception | None:
    """Every dashboard keeps its stream and receives every update made after it subscribed."""
    streams = result["dashboard_streams"]
    count = streams["count"]
    if count != planned:
        return SuiteError(f"Test defect: {count} dashboards watched, {planned} were planned")
    if streams["errors"]:
        name, text = sorted(streams["errors"].items())[0]
        lost = f"{len(streams['errors'])} of {count} dashboards"
        if text.startswith("Contract drift"):
            return ContractDriftError(f"{text} ({lost}, {name} first)")
        if text.startswith("Environment"):
            return EnvironmentProblem(f"{text} ({lost}, {name} first)")
        return ProductDefect(f"{lost} lost their live stream during the run; {name}: {text}")
    missed = {name: missing for name, missing in streams["missing"].items() if missing}
    if missed:
        return ProductDefect(f"{len(missed)} of {count} dashboards missed updates: " + "; ".join(
            f"{name} missed {missing} of {streams['expected_updates'][name]} "
            f"(e.g. {', '.join(streams['missing_examples'][name])})"
            for name, missing in sorted(missed.items())))
    return None


def latency_finding(result: dict, bound_ms: float) -> Exception | None:
    """TOMAR, PAUSAR and COMPLETAR each answer within the bound at the 95th percentile."""
    calls = result["calls"]
    unsent = [name for name in SHOP_CALLS if not calls.get(name, {}).get("count")]
    if unsent:
        return SuiteError(f"Test defect: the run sent no {', '.join(unsent)}, so its latency "
                          f"was not measured")
    slow = [f"{name} {calls[name]['p95_ms']:g} ms" for name in SHOP_CALLS
            if calls[name]["p95_ms"] > bound_ms]
    if slow:
        return ProductDefect(f"the 95th percentile was over {bound_ms:g} ms under load: "
                             + ", ".join(slow))
    return None


def _product(text: str) -> ProductDefect:
    return ProductDefect(text.removeprefix("Product defect: "))


def _per_call(result: dict, kind: str) -> dict[str, int]:
    return {name: kinds[kind] for name, kinds in result["failures"].items() if kinds.get(kind)}


def _sentence(result: dict, counted: dict, kind: str, what_happened: str) -> str:
    """E.g. '5 requests were refused as Redis unavailable (TOMAR 4, PAUSAR 1), e.g. ...'."""
    per_call = counted[kind]
    total = sum(per_call.values())
    calls = ", ".join(f"{name} {count}" for name, count in per_call.items())
    return (f"{total} request{'s' if total != 1 else ''} {what_happened} ({calls})"
            f"{_example(result, kind)}")


def _example(result: dict, kind: str) -> str:
    """The first example of this kind of failure, with the known defect it shows."""
    for kinds in result["failure_examples"].values():
        for example in kinds.get(kind, []):
            if example["status"] is None:
                return f", e.g. {example['what']}: {example['detail']}"
            known = defect_note(example["known_defect"])
            return (f", e.g. {example['what']} answered {example['status']} "
                    f"\"{example['detail']}\"{known}")
    return ""
