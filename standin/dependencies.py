"""FastAPI dependencies: the services create_app built once, read from app.state per request,
so a fault build can swap any of them after the app is made."""

from fastapi import Request
from redis import Redis

from .events import SpoolEvents
from .history import HistoryBuilder
from .listings import Listings
from .locks import SpoolLocks
from .metrologia import Metrologia
from .occupation import Occupation
from .redis_pool import PoolStats
from .settings import Settings
from .sheet import Sheet
from .stream_hub import StreamHub


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def get_pool_stats(request: Request) -> PoolStats:
    return request.app.state.pool_stats


def get_sheet(request: Request) -> Sheet:
    return request.app.state.sheet


def get_locks(request: Request) -> SpoolLocks:
    return request.app.state.locks


def get_occupation(request: Request) -> Occupation:
    return request.app.state.occupation


def get_metrologia(request: Request) -> Metrologia:
    return request.app.state.metrologia


def get_history(request: Request) -> HistoryBuilder:
    return request.app.state.history


def get_listings(request: Request) -> Listings:
    return request.app.state.listings


def get_events(request: Request) -> SpoolEvents:
    return request.app.state.events


def get_stream_hub(request: Request) -> StreamHub:
    return request.app.state.stream_hub
