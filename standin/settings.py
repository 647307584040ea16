"""Stand-in configuration: one pydantic-settings class, environment prefix ZEUES_."""

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the stand-in can be told, at start-up only; defaults are production's."""

    model_config = SettingsConfigDict(env_prefix="ZEUES_", extra="ignore")

    redis_url: str = Field(
        "redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("ZEUES_REDIS_URL", "REDIS_URL", "redis_url"),
    )
    redis_max_connections: int = Field(20, ge=1)
    redis_socket_timeout: float = Field(5.0, gt=0)
    redis_socket_connect_timeout: float = Field(5.0, gt=0)
    redis_health_check_interval: int = Field(30, ge=0)
    redis_pool_timeout: float = Field(5.0, ge=0)
    # A refused connection is retried this many times, 20 ms then 40 ms apart.
    redis_retries: int = Field(2, ge=0, le=5)
    redis_client_name: str = "zeues-standin"
    # The real app's own name for it is REDIS_LOCK_TTL_SECONDS; both are honoured.
    redis_lock_ttl_seconds: int = Field(
        3600, ge=1,
        validation_alias=AliasChoices("ZEUES_REDIS_LOCK_TTL_SECONDS", "REDIS_LOCK_TTL_SECONDS",
                                      "redis_lock_ttl_seconds"),
    )
    testing: bool = False
    environment: str = "local"
    sse_ping_interval: float = Field(15.0, gt=0)
    # Updates a stream may fall behind by before it is ended (the browser reconnects).
    sse_backlog_limit: int = Field(1000, ge=1)
