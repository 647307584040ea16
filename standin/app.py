"""Build the FastAPI application and the objects it shares: pool, audit trail, updates."""

from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis import Redis

from . import __version__
from .audit import AuditTrail
from .errors import install_error_handlers
from .events import SpoolUpdates
from .occupation import Occupation
from .redis_store import SpoolLocks, create_pool
from .reference import SEED_SPOOLS
from .routers import health, history, occupation, spools, stream, testing, workers
from .settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.redis_pool.disconnect()
        app.state.audit.close()

    app = FastAPI(title="ZEUES v3 API (local stand-in)", version=__version__, lifespan=lifespan)
    pool = create_pool(settings)
    audit = AuditTrail(settings.audit_db)
    audit.create_spools(SEED_SPOOLS)
    updates = SpoolUpdates()
    redis = Redis(connection_pool=pool)
    locks = SpoolLocks(redis)
    app.state.settings = settings
    app.state.redis_pool = pool
    app.state.redis = redis
    app.state.audit = audit
    app.state.updates = updates
    app.state.locks = locks
    app.state.occupation = Occupation(audit, locks, updates)

    install_error_handlers(app)
    for module in (occupation, history, spools, workers, health, stream):
        app.include_router(module.router)
    if settings.testing:
        app.include_router(testing.router)
    return app
