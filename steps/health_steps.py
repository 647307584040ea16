"""Steps for service health, Redis health, the connection pool figures and the workers list."""

import time

from behave import then, when

from zeues_acceptance.errors import EnvironmentProblem, ProductDefect
from zeues_acceptance.judge import defect_note, known_defect_text

ALERT_ABOVE_PERCENT = 80
HEALTH_CHECK_INTERVAL_S = 30


@when("the service health is read")
def step_read_health(context):
    context.health = context.floor.shop.client.health().body


@when("Redis health is read")
def step_read_redis_health(context):
    context.redis_health = context.floor.shop.client.redis_health().body


@when("the connection pool figures are read")
def step_read_pool_figures(context):
    context.stats = context.floor.shop.client.connection_stats().body


@when("the workers list is read")
def step_read_workers(context):
    response = context.floor.shop.client.workers()
    if response.status != 200:
        raise EnvironmentProblem(f"Environment: the workers list answered {response.status}: "
                                 f"{response.detail}")
    context.workers = response.body


@then("the service reports version 3")
def step_service_reports_version(context):
    version = context.health["version"]
    if not version.startswith("3."):
        raise ProductDefect(f"the service reports version {version}, not 3")


@then("the service is healthy, with Redis working")
def step_service_healthy(context):
    """Read now: after the scenario's actions, health must still be healthy."""
    floor = context.floor
    health = floor.shop.client.health().body
    if health["status"] == "healthy" and health["redis_connection"] == "ok":
        return
    why = (health.get("details") or {}).get("redis_error", health["status"])
    start = floor.situation.redis_at_start
    if not start.healthy:
        raise EnvironmentProblem(f"Environment: Redis was already unhealthy when the scenario "
                                 f"started (\"{start.text}\"); health is {health['status']}: {why}")
    raise ProductDefect(f"the service reports itself {health['status']} (\"{why}\") although Redis "
                        f"was healthy when the scenario started{known_defect_text(floor.situation, why)}")


@then("Redis is reported healthy")
def step_redis_reported_healthy(context):
    body = context.redis_health
    if body["status"] != "healthy":
        raise EnvironmentProblem(f"Environment: Redis is {body['status']}: {body['message']}")


@then("the service reports itself degraded, with Redis failing")
def step_service_degraded(context):
    health = context.floor.shop.client.health().body
    if (health["status"], health["redis_connection"]) != ("degraded", "error"):
        raise ProductDefect(f"with Redis stopped the service reports itself {health['status']} "
                            f"with Redis {health['redis_connection']}: {health}")


@then("Redis is reported unhealthy, with the reason")
def step_redis_reported_unhealthy(context):
    body = context.floor.shop.client.redis_health().body
    if body["status"] != "unhealthy" or not body["message"].removeprefix("Redis not responding: "):
        raise ProductDefect(f"with Redis stopped, Redis health says {body}")


@then("the service is healthy again within the health-check interval")
def step_healthy_again(context):
    deadline = time.monotonic() + HEALTH_CHECK_INTERVAL_S
    while (health := context.floor.shop.client.health().body)["status"] != "healthy":
        if time.monotonic() > deadline:
            raise ProductDefect(f"{HEALTH_CHECK_INTERVAL_S} s after Redis came back the service "
                                f"still reports itself {health['status']}: {health}")
        time.sleep(0.2)


@then("the figures show the connections in use and available")
def step_pool_use_shown(context):
    stats = context.stats
    if "active_connections" not in stats:
        raise ProductDefect(f"the connection stats show no connections in use, none available and "
                            f"no utilization, so nobody sees the pool fill up: {stats}"
                            f"{defect_note('D9')}")


@then("the figures add up, with an alert only above 80 %")
def step_pool_figures_add_up(context):
    stats = context.stats
    if "active_connections" not in stats:
        return  # reported by the step before; nothing to add up
    active, maximum = stats["active_connections"], stats["max_connections"]
    utilization = round(100 * active / maximum, 1)
    problems = []
    if active + stats["available_connections"] != maximum:
        problems.append(f"{active} in use and {stats['available_connections']} available do not "
                        f"make the pool's {maximum}")
    if stats["utilization_percent"] != utilization:
        problems.append(f"utilization {stats['utilization_percent']} % is not {utilization} %")
    if (stats["alert"] == "WARNING") != (utilization > ALERT_ABOVE_PERCENT):
        problems.append(f"alert {stats['alert']} at {utilization} %")
    if problems:
        raise ProductDefect("the connection pool figures do not add up: " + "; ".join(problems))


@then("every worker listed is active")
def step_workers_active(context):
    inactive = [worker for worker in context.workers["workers"] if not worker["activo"]]
    if inactive:
        raise ProductDefect(f"the workers list shows inactive workers: {inactive}")


@then("every worker is shown by initials and number")
def step_workers_named(context):
    wrong = [worker for worker in context.workers["workers"] if worker["nombre_completo"] !=
             f"{worker['nombre'][:1]}{worker['apellido'][:1]}".upper() + f"({worker['id']})"]
    if wrong:
        raise ProductDefect(f"workers not shown as INITIALS(id): {wrong}")


@then("the total is the number of workers listed")
def step_workers_total(context):
    body = context.workers
    if body["total"] != len(body["workers"]):
        raise ProductDefect(f"the workers list says {body['total']} but lists {len(body['workers'])}")
