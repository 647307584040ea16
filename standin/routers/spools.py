"""State of one spool: its holder and each operation's estado."""

from fastapi import APIRouter, Depends

from .. import errors
from ..audit import AuditTrail
from ..dependencies import get_audit
from ..models import SpoolResponse

router = APIRouter(prefix="/api/spools", tags=["spools"])


def spool_state(audit: AuditTrail, tag: str) -> dict:
    holder = audit.holder(tag)
    return {
        "tag_spool": tag,
        "ocupado_por": None if holder is None else {
            "worker_id": holder.worker_id, "worker_nombre": holder.worker_nombre,
            "operacion": holder.operacion, "since": holder.timestamp,
        },
        "operaciones": {op: {"estado": estado} for op, estado in audit.operation_states(tag).items()},
    }


@router.get("/{tag_spool:path}", response_model=SpoolResponse,
            responses=errors.error_responses(errors.SpoolNotFound))
def spool(tag_spool: str, audit: AuditTrail = Depends(get_audit)):
    """Who holds the spool and where each operation stands."""
    if audit.generation(tag_spool) is None:
        raise errors.SpoolNotFound(f"Spool {tag_spool} not found")
    return spool_state(audit, tag_spool)
