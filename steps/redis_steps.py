"""Steps that break the embedded stand-in's Redis on purpose (tag @local-only)."""

import time

from behave import given, then

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


@given("Redis has come back")
def step_redis_came_back(context):
    embedded_redis(context).start()


@then("the service reports itself healthy within the health-check interval")
def step_healthy_within_interval(context):
    deadline = time.monotonic() + HEALTH_CHECK_INTERVAL_S
    while context.client.health().body["status"] != "healthy":
        assert time.monotonic() < deadline, "no recovery within the health-check interval"
        time.sleep(0.2)


@then("the spool's history can still be read")
def step_history_still_readable(context):
    response = context.client.history(context.spool)
    assert response.status == 200, f"history answered {response.status} with Redis down"


@then("the workers list can still be read")
def step_workers_still_readable(context):
    response = context.client.workers()
    assert response.status == 200, f"workers answered {response.status} with Redis down"


@then("every answer is a success or a refusal because Redis is unavailable")
def step_success_or_redis_unavailable(context):
    seen = [(a.status, a.error_code) for a in context.answers]
    assert all(status == 200 or (status, code) == (503, "REDIS_UNAVAILABLE")
               for status, code in seen), seen


@then("at least one answer is a refusal because Redis is unavailable")
def step_some_redis_unavailable(context):
    assert any(a.status == 503 for a in context.answers), [a.status for a in context.answers]
