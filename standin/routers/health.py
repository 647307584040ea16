"""Service health, Redis health and the pool's figures: always 200, the trouble in the body."""

from fastapi import APIRouter, Depends
from redis import Redis
from redis.exceptions import RedisError

from .. import __version__
from ..clock import utc_now, utc_stamp
from ..dependencies import get_pool_stats, get_redis, get_settings
from ..redis_pool import PoolStats
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["Health"])


def ping_error(redis: Redis) -> str | None:
    """None when Redis answers PING, else why not."""
    try:
        redis.ping()
    except RedisError as error:
        return str(error) or type(error).__name__
    return None


@router.get("/health")
def health_check(redis: Redis = Depends(get_redis), pool_stats: PoolStats = Depends(get_pool_stats),
                 settings: Settings = Depends(get_settings)):
    """healthy, or degraded while Redis fails (the audit store is in-process: always ok)."""
    error = ping_error(redis)
    body = {"status": "healthy" if error is None else "degraded", "operational": error is None,
            "timestamp": utc_stamp(utc_now()), "environment": settings.environment,
            "sheets_connection": "ok", "redis_connection": "ok" if error is None else "error",
            "version": __version__}
    if error is None:
        body["redis_pool_stats"] = pool_stats.figures()
    else:
        body["details"] = {"redis_error": error}
    return body


@router.get("/redis-connection-stats")
def redis_connection_stats(pool_stats: PoolStats = Depends(get_pool_stats)):
    """The pool's real use: connections checked out, available, utilization and alert."""
    return pool_stats.body()


@router.get("/redis-health")
def redis_health(redis: Redis = Depends(get_redis)):
    """PING and INFO through the shared pool; unhealthy says why."""
    error = ping_error(redis)
    if error is not None:
        return {"status": "unhealthy", "message": f"Redis not responding: {error}",
                "operational": False}
    try:
        info = redis.info()
    except RedisError:
        return {"status": "healthy", "message": "Redis connected and responding (info unavailable)",
                "operational": True}
    return {"status": "healthy", "message": "Redis connected and responding", "operational": True,
            "version": info["redis_version"], "connected_clients": info["connected_clients"],
            "used_memory_human": info["used_memory_human"],
            "uptime_in_seconds": info["uptime_in_seconds"]}
