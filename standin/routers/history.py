"""A spool's work sessions (F2 errors); answers while Redis is down."""

from fastapi import APIRouter, Depends

from .. import errors
from ..dependencies import get_history, get_sheet
from ..history import HistoryBuilder
from ..response_models import HistoryResponse
from ..sheet import Sheet

router = APIRouter(prefix="/api/history", tags=["History"])


@router.get("/{tag_spool}", response_model=HistoryResponse,
            responses={404: {"description": "Spool no encontrado"}})
def get_occupation_history(tag_spool: str, sheet: Sheet = Depends(get_sheet),
                           history: HistoryBuilder = Depends(get_history)):
    """Sessions oldest first, from the spool's Metadata rows."""
    if sheet.row(tag_spool) is None:
        raise errors.zeus_spool_not_found(tag_spool)
    return {"tag_spool": tag_spool, "sessions": history.sessions(sheet.metadata(tag_spool))}
