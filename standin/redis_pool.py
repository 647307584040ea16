"""The process's one Redis pool and what it can tell about its own use."""

from redis import BlockingConnectionPool
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError
from redis.retry import Retry

from .clock import utc_now, utc_stamp
from .settings import Settings

UTILIZATION_ALERT_PERCENT = 80


def create_pool(settings: Settings) -> BlockingConnectionPool:
    """One blocking pool per process. redis-py 8 changed its retry defaults, so they are set
    here: only a refused or dropped connection is retried (a restarted Redis), twice, 20 ms
    and 40 ms apart; a timeout already took socket_timeout and is not tripled."""
    return BlockingConnectionPool.from_url(
        settings.redis_url,
        max_connections=settings.redis_max_connections,
        timeout=settings.redis_pool_timeout,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_connect_timeout,
        health_check_interval=settings.redis_health_check_interval,
        client_name=settings.redis_client_name,
        retry=Retry(ExponentialBackoff(cap=0.2, base=0.01), retries=settings.redis_retries,
                    supported_errors=(ConnectionError,)),
        retry_on_error=[ConnectionError],
        retry_on_timeout=False,
        decode_responses=True,
    )


class PoolStats:
    """The connection-stats body: the real API's keys plus the pool's actual use."""

    def __init__(self, pool: BlockingConnectionPool):
        self._pool = pool

    def active_connections(self) -> int:
        return len(self._pool._get_in_use_connections())

    def figures(self) -> dict:
        """The keys /api/health repeats as redis_pool_stats."""
        maximum = self._pool.max_connections
        active = self.active_connections()
        utilization = round(100 * active / maximum, 1)
        return {
            "status": "ok",
            "max_connections": maximum,
            "pool_created": True,
            "alert": "WARNING" if utilization > UTILIZATION_ALERT_PERCENT else None,
            "active_connections": active,
            "available_connections": maximum - active,
            "utilization_percent": utilization,
        }

    def body(self) -> dict:
        return {**self.figures(), "timestamp": utc_stamp(utc_now())}
