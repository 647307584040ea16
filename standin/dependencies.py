"""FastAPI dependencies: the objects create_app built once, read from app.state."""

from fastapi import Request
from redis import BlockingConnectionPool, Redis

from .audit import AuditTrail
from .events import SpoolUpdates
from .occupation import Occupation
from .redis_store import SpoolLocks
from .settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def get_pool(request: Request) -> BlockingConnectionPool:
    return request.app.state.redis_pool


def get_audit(request: Request) -> AuditTrail:
    return request.app.state.audit


def get_updates(request: Request) -> SpoolUpdates:
    return request.app.state.updates


def get_occupation(request: Request) -> Occupation:
    return request.app.state.occupation


def get_locks(request: Request) -> SpoolLocks:
    return request.app.state.locks
