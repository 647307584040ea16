"""Test support: create or reset a spool. Mounted only when testing is switched on."""

from fastapi import APIRouter, Depends
from redis.exceptions import RedisError

from ..audit import AuditTrail
from ..dependencies import get_audit, get_locks
from ..models import SpoolResponse, TestSpoolRequest
from ..redis_store import SpoolLocks
from .spools import spool_state

router = APIRouter(prefix="/api/testing", tags=["testing"])


@router.post("/spools", response_model=SpoolResponse, status_code=201)
def create_test_spool(body: TestSpoolRequest, audit: AuditTrail = Depends(get_audit),
                      locks: SpoolLocks = Depends(get_locks)):
    """Create a fresh spool, or reset one: all PENDIENTE, lock cleared, history emptied."""
    audit.reset_spool(body.tag_spool)
    try:
        locks.clear(body.tag_spool)
    except RedisError:
        pass  # the lock is stale by generation and is cleared on next use
    return spool_state(audit, body.tag_spool)
