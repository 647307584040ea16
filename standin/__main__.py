"""`python -m standin --port 8000 [--testing]`: the stand-in, with its own Redis unless
REDIS_URL names one, until interrupted."""

import argparse
import os

import uvicorn

from .app import create_app
from .redis_server import RedisServer
from .settings import Settings


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m standin", description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--testing", action="store_true",
                        help="serve the test-support endpoint POST /api/testing/spools")
    return parser.parse_args(argv)


def serve(app_factory=create_app, argv=None) -> None:
    """Run `app_factory(settings)` on uvicorn; start a private Redis unless REDIS_URL (or
    ZEUES_REDIS_URL) names one."""
    args = parse_args(argv)
    named = os.environ.get("ZEUES_REDIS_URL") or os.environ.get("REDIS_URL")
    redis = None if named else RedisServer().start()
    try:
        overrides = {"testing": args.testing} if args.testing else {}
        if redis is not None:
            overrides["redis_url"] = redis.url
        settings = Settings(**overrides)
        uvicorn.run(app_factory(settings), host=args.host, port=args.port,
                    log_level="warning", timeout_graceful_shutdown=2)
    finally:
        if redis is not None:
            redis.stop()


if __name__ == "__main__":
    serve()
