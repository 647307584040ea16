"""Steps that break the embedded stand-in's Redis on purpose (scenarios tagged @local-only)."""

import time

from behave import given, then
from redis import Redis

from zeues_acceptance.errors import ProductDefect
from zeues_acceptance.spool_state import read_spool

LAPSE_WAIT_S = 5


def embedded_redis(context):
    return context.target.embedded.redis


@given("Redis has stopped")
def step_redis_stopped(context):
    redis = embedded_redis(context)
    redis.stop()
    context.floor.situation.redis_stopped_on_purpose = True
    context.add_cleanup(lambda: None if redis.running else redis.start())


@given("Redis has come back")
def step_redis_came_back(context):
    embedded_redis(context).start()
    context.floor.situation.redis_stopped_on_purpose = False


@given("the lock on the spool has lapsed")
def step_lock_lapsed(context):
    """As if its hour had passed: the lock's time to live is cut to a millisecond."""
    key = f"spool_lock:{context.floor.spool}"
    with Redis.from_url(embedded_redis(context).url, socket_timeout=5) as admin:
        admin.pexpire(key, 1)
        deadline = time.monotonic() + LAPSE_WAIT_S
        while admin.exists(key) and time.monotonic() < deadline:
            time.sleep(0.01)
    context.floor.spools.freed(context.floor.spool)


@then("the spool's history can still be read")
def step_history_still_readable(context):
    response = context.floor.shop.client.history(context.floor.spool)
    if response.status != 200:
        raise ProductDefect(f"with Redis down the history answered {response.status} "
                            f"\"{response.detail}\"; history does not need Redis")


@then("the workers list can still be read")
def step_workers_still_readable(context):
    response = context.floor.shop.client.workers()
    if response.status != 200:
        raise ProductDefect(f"with Redis down the workers list answered {response.status} "
                            f"\"{response.detail}\"; it does not need Redis")
    read_spool(context.floor.shop.client, context.floor.spool)  # and the listings answer too
