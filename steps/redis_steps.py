"""Steps that break the embedded stand-in's Redis on purpose (tag @local-only)."""

import time
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from behave import given, then, when

from zeues_acceptance import actions
from zeues_acceptance.errors import RedisUnavailable
from zeues_acceptance.reporting import classify

HEALTH_CHECK_INTERVAL_S = 30
UNLIMITED_CLIENTS = 10000


def embedded_redis(context):
    return context.target.embedded.redis


@given("Redis has stopped")
def step_redis_stopped(context):
    redis = embedded_redis(context)
    redis.stop()
    context.add_cleanup(lambda: None if redis.running else redis.start())


@given("Redis accepts only {count:d} connection from the service")
def step_redis_maxclients_low(context, count):
    redis = embedded_redis(context)
    redis.allow_only(count)
    context.add_cleanup(redis.set_maxclients, UNLIMITED_CLIENTS)


@given("{count:d} fresh spools")
def step_fresh_spools(context, count):
    context.spools_for_race = [context.spools.fresh() for _ in range(count)]
    for tag in context.spools_for_race:
        context.add_cleanup(context.spools.release, tag)


@when("Redis comes back")
def step_redis_comes_back(context):
    embedded_redis(context).start()


@when("{count:d} workers take their own spool for ARM at the same moment")
def step_workers_take_own_spools(context, count):
    start_line = Barrier(count)
    clients = [context.new_client() for _ in range(count)]

    def take(index):
        start_line.wait()
        return actions.take(clients[index], context.worker_names, context.spools_for_race[index],
                            93, "ARM")

    with ThreadPoolExecutor(max_workers=count) as pool:
        context.answers = list(pool.map(take, range(count)))
    for client in clients:
        client.close()


@then("the report would class that refusal as an {category} problem")
def step_report_classes_refusal(context, category):
    try:
        context.response.raise_for_environment()
    except RedisUnavailable as refusal:
        found = classify("broken", f"{type(refusal).__name__}: {refusal}")
        assert found == category, f"a scenario meeting this refusal would be classed {found}"
    else:
        raise AssertionError(f"not recognised as Redis unavailable: {context.response.text[:200]}")


@then("the spool's history can still be read")
def step_history_still_readable(context):
    response = context.client.history(context.spool)
    assert response.status == 200, f"history answered {response.status} with Redis down"


@then("the workers list can still be read")
def step_workers_still_readable(context):
    response = context.client.workers()
    assert response.status == 200, f"workers answered {response.status} with Redis down"


@then("within the health-check interval worker {worker_id:d} can take the spool for ARM again")
def step_recovers_within_interval(context, worker_id):
    deadline = time.monotonic() + HEALTH_CHECK_INTERVAL_S
    while context.client.health().body["status"] != "healthy":
        assert time.monotonic() < deadline, "no recovery within the health-check interval"
        time.sleep(0.2)
    actions.succeeded(actions.take(context.client, context.worker_names, context.spool,
                                   worker_id, "ARM"), "TOMAR after Redis came back")


@then('every answer is a success or "Redis unavailable"')
def step_success_or_redis_unavailable(context):
    seen = [(a.status, a.error_code) for a in context.answers]
    assert all(status == 200 or (status, code) == (503, "REDIS_UNAVAILABLE")
               for status, code in seen), seen


@then('at least one answer is "Redis unavailable"')
def step_some_redis_unavailable(context):
    assert any(a.status == 503 for a in context.answers), [a.status for a in context.answers]
