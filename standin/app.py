"""Build the FastAPI application and the services it shares, each once, on app.state."""

from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis import Redis

from .errors import install_error_handlers
from .events import SpoolEvents
from .history import HistoryBuilder
from .listings import Listings
from .locks import SpoolLocks
from .metrologia import Metrologia
from .occupation import Occupation
from .redis_pool import PoolStats, create_pool
from .reference import SEED_FECHA_MATERIALES, SEED_NV, SEED_TAGS
from .routers import (
    dashboard, health, history, metrologia, occupation, root, spools, stream, testing, workers,
)
from .settings import Settings
from .sheet import Sheet, SpoolRow
from .stream_hub import StreamHub


def seeded_sheet() -> Sheet:
    sheet = Sheet()
    for tag in SEED_TAGS:
        sheet.put_fresh(SpoolRow(tag, nv=SEED_NV, fecha_materiales=SEED_FECHA_MATERIALES))
    return sheet


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.redis_pool.disconnect()

    # The real API's title and versions: OpenAPI and GET / say 1.0.0, health says 3.0.0.
    app = FastAPI(title="ZEUES API", version="1.0.0", lifespan=lifespan,
                  docs_url="/api/docs", redoc_url="/api/redoc")
    pool = create_pool(settings)
    redis = Redis(connection_pool=pool)
    sheet = seeded_sheet()
    hub = StreamHub(settings.sse_backlog_limit)
    events = SpoolEvents(hub)
    locks = SpoolLocks(redis, settings.redis_lock_ttl_seconds)
    state = app.state
    state.settings, state.redis_pool, state.redis = settings, pool, redis
    state.pool_stats = PoolStats(pool)
    state.sheet, state.locks, state.stream_hub, state.events = sheet, locks, hub, events
    state.occupation = Occupation(sheet, locks, events)
    state.metrologia = Metrologia(sheet, events)
    state.history = HistoryBuilder()
    state.listings = Listings(sheet)

    install_error_handlers(app)
    for module in (health, workers, spools, occupation, history, stream, dashboard, metrologia,
                   root):
        app.include_router(module.router)
    if settings.testing:
        app.include_router(testing.router)
    return app
