"""Work sessions of a spool, from the audit trail."""

from fastapi import APIRouter, Depends

from .. import errors
from ..audit import AuditTrail
from ..dependencies import get_audit
from ..history import sessions_from
from ..models import HistoryResponse

router = APIRouter(prefix="/api/history", tags=["history"])


@router.get("/{tag_spool:path}", response_model=HistoryResponse,
            responses=errors.error_responses(errors.SpoolNotFound))
def history(tag_spool: str, audit: AuditTrail = Depends(get_audit)):
    """Sessions of a spool, oldest first; answers while Redis is down."""
    if audit.generation(tag_spool) is None:
        raise errors.SpoolNotFound(f"Spool {tag_spool} not found")
    return {"tag_spool": tag_spool, "sessions": sessions_from(audit.actions(tag_spool))}
