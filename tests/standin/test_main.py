"""`python -m standin` uses the Redis REDIS_URL or ZEUES_REDIS_URL names, else starts its own."""

import os
import subprocess
import sys

import pytest
from redis import Redis

from standin.redis_server import RedisServer, free_port
from standin.runner import PROJECT_ROOT, wait_until_healthy


@pytest.mark.parametrize("variable", ["REDIS_URL", "ZEUES_REDIS_URL"])
def test_a_named_redis_is_used_instead_of_a_private_one(variable):
    redis, port = RedisServer().start(), free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("REDIS_URL", "ZEUES_REDIS_URL")}
    process = subprocess.Popen([sys.executable, "-m", "standin", "--port", str(port)],
                               cwd=PROJECT_ROOT, env={**env, variable: redis.url},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", process, 30)
        names = [client.get("name") for client in Redis.from_url(redis.url).client_list()]
        assert "zeues-standin" in names
    finally:
        process.terminate()
        process.wait(10)
        redis.stop()
