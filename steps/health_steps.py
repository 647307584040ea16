"""Steps for service health, Redis health, the connection pool and the workers list."""

from behave import given, then, when

from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.errors import EnvironmentProblem

PRODUCTION_POOL_SIZE = 20


@when("the service health is read")
def step_read_health(context):
    context.response = context.client.health()


@when("Redis health is read")
def step_read_redis_health(context):
    context.response = context.client.redis_health()


@when("the connection pool figures are read")
def step_read_pool_figures(context):
    context.response = context.client.connection_stats()
    assert context.response.status == 200, context.response.text[:300]
    context.stats = context.response.body


@given("worker {worker_id:d} is not among the active workers")
def step_worker_not_active(context, worker_id):
    """The contract names 96 inactive on the stand-in; elsewhere only the list can tell."""
    if worker_id in context.shop.names:
        skip_scenario(context.scenario, f"worker {worker_id} is an active worker on this target")


@when("the workers list is read")
def step_read_workers(context):
    context.response = context.client.workers()
    assert context.response.status == 200, context.response.text[:300]


@then("the service reports its version")
def step_service_reports_version(context):
    assert context.response.status == 200, f"health answered {context.response.status}"
    assert context.response.body["version"].startswith("3."), context.response.body["version"]


@then("the service health includes the Redis status")
def step_health_includes_redis(context):
    redis = context.response.body.get("redis")
    assert isinstance(redis, dict) and "status" in redis and "operational" in redis, (
        f"health does not report Redis: {context.response.body}")
    degraded = context.response.body["status"] == "degraded"
    assert degraded == (redis["status"] == "unhealthy"), (
        f"health is {context.response.body['status']} while Redis is {redis['status']}")


@then("the service is healthy")
def step_service_is_healthy(context):
    body = context.response.body
    if body["redis"]["status"] != "healthy":
        raise EnvironmentProblem(f"Environment: Redis unavailable per service health: {body}")
    assert body["status"] == "healthy", body


@then("the service reports itself degraded")
def step_service_degraded(context):
    body = context.client.health().body
    assert body["status"] == "degraded" and body["redis"]["status"] == "unhealthy", body


@then("Redis is reported healthy")
def step_redis_reported_healthy(context):
    body = context.response.body
    if context.response.status == 503:
        raise EnvironmentProblem(f"Environment: Redis unavailable: {body.get('error')}")
    assert context.response.status == 200 and body["status"] == "healthy", body


@then("active and available connections add up to the pool size")
def step_connections_add_up(context):
    stats = context.stats
    assert stats["active_connections"] + stats["available_connections"] == stats["max_connections"], stats


@then("the utilization is the active share of the pool, in percent")
def step_utilization_is_share(context):
    stats = context.stats
    expected = round(100 * stats["active_connections"] / stats["max_connections"], 1)
    assert stats["utilization_percent"] == expected, f"{stats}; expected {expected} %"


@then("the pool holds at most {size:d} connections")
def step_pool_size(context, size):
    assert context.stats["max_connections"] <= size, (
        f"the pool allows {context.stats['max_connections']} connections; the Redis plan allows "
        f"about 20-30 and production runs with {PRODUCTION_POOL_SIZE}")


@then("every worker listed is active")
def step_workers_active(context):
    inactive = [w for w in context.response.body["workers"] if not w["activo"]]
    assert not inactive, f"inactive workers listed: {inactive}"


@then("every worker is shown by initials and number")
def step_workers_display_names(context):
    for worker in context.response.body["workers"]:
        assert worker["nombre_completo"].endswith(f"({worker['id']})"), worker


@then("the total is the number of workers listed")
def step_workers_total(context):
    body = context.response.body
    assert body["total"] == len(body["workers"]), body
