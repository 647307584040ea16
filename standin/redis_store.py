"""The process's one Redis pool, the occupation locks on it, and its connection stats."""

import json
from dataclasses import dataclass

from redis import BlockingConnectionPool, Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError
from redis.retry import Retry

from .settings import Settings

# Compare-and-delete: only the holder's exact value may release the lock.
RELEASE_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


def create_pool(settings: Settings) -> BlockingConnectionPool:
    """One blocking pool per process; every redis-py default that matters is set explicitly."""
    return BlockingConnectionPool.from_url(
        settings.redis_url,
        max_connections=settings.redis_max_connections,
        timeout=settings.redis_pool_timeout,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_connect_timeout,
        health_check_interval=settings.redis_health_check_interval,
        client_name=settings.redis_client_name,
        # Retry a dropped connection (Redis restarted); a timeout is already 5 s, not tripled.
        retry=Retry(ExponentialBackoff(cap=0.2, base=0.02), retries=2,
                    supported_errors=(ConnectionError,)),
        retry_on_error=[ConnectionError],
        decode_responses=True,
    )


def spool_lock_key(tag: str) -> str:
    return f"zeues:spool:{tag}:lock"


@dataclass(frozen=True)
class LockHolder:
    """What a lock's value says: who holds the spool, for which operation, since when."""

    worker_id: int
    worker_nombre: str
    operacion: str
    since: str
    generation: int

    def encode(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)

    @classmethod
    def decode(cls, raw: str) -> "LockHolder":
        return cls(**json.loads(raw))


class SpoolLocks:
    """Occupation locks: SET NX to take, ownership-checked delete to release. No expiry."""

    def __init__(self, redis: Redis):
        self._redis = redis
        self._release = redis.register_script(RELEASE_IF_OWNER)

    def try_take(self, tag: str, holder: LockHolder) -> bool:
        return bool(self._redis.set(spool_lock_key(tag), holder.encode(), nx=True))

    def current(self, tag: str) -> LockHolder | None:
        raw = self._redis.get(spool_lock_key(tag))
        return None if raw is None else LockHolder.decode(raw)

    def release(self, tag: str, holder: LockHolder) -> bool:
        return bool(self._release(keys=[spool_lock_key(tag)], args=[holder.encode()]))

    def clear(self, tag: str) -> None:
        self._redis.delete(spool_lock_key(tag))


def connection_stats(pool: BlockingConnectionPool) -> dict:
    """Connections checked out of the real pool versus its size."""
    active = len(pool._get_in_use_connections())
    maximum = pool.max_connections
    return {
        "max_connections": maximum,
        "active_connections": active,
        "available_connections": maximum - active,
        "utilization_percent": round(100 * active / maximum, 1),
    }
