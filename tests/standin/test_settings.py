"""The stand-in's one settings class: production's Redis values by default, set at start-up."""

import pytest
from redis.exceptions import ConnectionError, TimeoutError

from standin.redis_pool import create_pool
from standin.settings import Settings


def test_pool_defaults_are_productions():
    pool = create_pool(Settings(redis_url="redis://127.0.0.1:1/0"))
    kwargs = pool.connection_kwargs
    assert pool.max_connections == 20 and pool.timeout == 5.0
    assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (5.0, 5.0)
    assert kwargs["health_check_interval"] == 30
    assert kwargs["client_name"] == "zeues-standin"


def test_retries_are_explicit_and_bounded_well_under_the_pool_timeout():
    settings = Settings(redis_url="redis://127.0.0.1:1/0")
    retry = create_pool(settings).connection_kwargs["retry"]
    assert retry.get_retries() == settings.redis_retries == 2
    # A timeout is not retried (it already took socket_timeout); a refused connection is.
    assert ConnectionError in retry._supported_errors
    assert TimeoutError not in retry._supported_errors
    worst_backoff = sum(retry._backoff.compute(failures) for failures in range(1, 3))
    assert worst_backoff < 1.0


def test_settings_come_from_zeues_prefixed_environment(monkeypatch):
    monkeypatch.setenv("ZEUES_REDIS_MAX_CONNECTIONS", "7")
    monkeypatch.setenv("ZEUES_TESTING", "true")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    settings = Settings()
    assert (settings.redis_max_connections, settings.testing) == (7, True)
    assert settings.redis_url == "redis://127.0.0.1:6390/0"
    assert create_pool(settings).max_connections == 7


def test_lock_ttl_is_an_hour_unless_set(monkeypatch):
    monkeypatch.delenv("ZEUES_REDIS_LOCK_TTL_SECONDS", raising=False)
    monkeypatch.delenv("REDIS_LOCK_TTL_SECONDS", raising=False)
    assert Settings().redis_lock_ttl_seconds == 3600


@pytest.mark.parametrize("variable", ["ZEUES_REDIS_LOCK_TTL_SECONDS", "REDIS_LOCK_TTL_SECONDS"])
def test_lock_ttl_honours_both_names(monkeypatch, variable):
    monkeypatch.setenv(variable, "2")
    assert Settings().redis_lock_ttl_seconds == 2


def test_the_ping_comes_every_fifteen_seconds_and_the_environment_is_local():
    settings = Settings()
    assert settings.sse_ping_interval == 15.0
    assert settings.environment == "local"
