"""Test support: create or reset a spool. Mounted only when testing is switched on."""

from fastapi import APIRouter, Depends

from ..dependencies import get_locks, get_sheet
from ..listings import spool_object
from ..locks import SpoolLocks
from ..reference import SEED_NV
from ..request_models import SpoolResetRequest
from ..response_models import Spool
from ..sheet import Sheet, SpoolRow

router = APIRouter(prefix="/api/testing", tags=["Testing"])


@router.post("/spools", response_model=Spool, status_code=201)
def create_test_spool(request: SpoolResetRequest, sheet: Sheet = Depends(get_sheet),
                      locks: SpoolLocks = Depends(get_locks)):
    """A fresh spool: no lock, holder, workers, dates but materials, verdict or history.
    The lock goes first: with Redis down this answers 503 and changes nothing."""
    row = SpoolRow(request.tag_spool, nv=SEED_NV, fecha_materiales=request.fecha_materiales)
    with sheet.guard(request.tag_spool):
        locks.clear(request.tag_spool)
        sheet.put_fresh(row)
    return spool_object(row)
