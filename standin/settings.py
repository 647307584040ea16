"""Stand-in configuration: one pydantic-settings class, environment prefix ZEUES_."""

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from . import __version__


class Settings(BaseSettings):
    """Everything the stand-in can be told; defaults are production's Redis settings."""

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
    redis_client_name: str = "zeues-standin"
    testing: bool = False
    audit_db: str = ":memory:"
    sse_ping_interval: float = Field(15.0, gt=0)
    version: str = __version__
