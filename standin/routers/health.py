"""Service health, Redis health and the pool's connection stats."""

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from redis import BlockingConnectionPool, Redis
from redis.exceptions import RedisError

from ..dependencies import get_pool, get_redis, get_settings
from ..models import ConnectionStatsResponse, HealthResponse, RedisHealthResponse
from ..redis_store import connection_stats
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["health"])


def redis_error(redis: Redis) -> str | None:
    """None when Redis answers PING, else the error text."""
    try:
        redis.ping()
    except RedisError as error:
        return str(error) or type(error).__name__
    return None


@router.get("/health", response_model=HealthResponse)
def health(redis: Redis = Depends(get_redis), settings: Settings = Depends(get_settings)):
    """Always 200 while the process runs; degraded exactly when Redis is unhealthy."""
    healthy = redis_error(redis) is None
    return {
        "status": "healthy" if healthy else "degraded",
        "version": settings.version,
        "redis": {"status": "healthy" if healthy else "unhealthy", "operational": healthy},
    }


@router.get("/redis-health", response_model=RedisHealthResponse,
            response_model_exclude_none=True,
            responses={503: {"model": RedisHealthResponse, "description": "Redis unhealthy"}})
def redis_health(redis: Redis = Depends(get_redis)):
    """Redis PING through the shared pool: 200 healthy, 503 with the error text."""
    error = redis_error(redis)
    if error is None:
        return {"status": "healthy", "operational": True}
    return JSONResponse(status_code=503,
                        content={"status": "unhealthy", "operational": False, "error": error})


@router.get("/redis-connection-stats", response_model=ConnectionStatsResponse)
def redis_connection_stats(pool: BlockingConnectionPool = Depends(get_pool)):
    """Connections in use in the shared pool versus its maximum."""
    return connection_stats(pool)
