"""The pool is built from the one settings class, with production's values by default."""

from standin.redis_store import create_pool
from standin.settings import Settings


def test_pool_defaults_are_productions():
    pool = create_pool(Settings(redis_url="redis://127.0.0.1:1/0"))
    kwargs = pool.connection_kwargs
    assert pool.max_connections == 20 and pool.timeout == 5.0
    assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (5.0, 5.0)
    assert kwargs["health_check_interval"] == 30
    assert kwargs["client_name"] == "zeues-standin"
    assert kwargs["retry"]._retries == 2


def test_settings_come_from_zeues_prefixed_environment(monkeypatch):
    monkeypatch.setenv("ZEUES_REDIS_MAX_CONNECTIONS", "7")
    monkeypatch.setenv("ZEUES_TESTING", "true")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    settings = Settings()
    assert (settings.redis_max_connections, settings.testing) == (7, True)
    assert settings.redis_url == "redis://127.0.0.1:6390/0"
    assert create_pool(settings).max_connections == 7
