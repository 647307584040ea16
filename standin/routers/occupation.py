"""TOMAR, PAUSAR, COMPLETAR and batch TOMAR (F1 errors; Redis trouble is 503)."""

from fastapi import APIRouter, Depends

from ..dependencies import get_occupation
from ..occupation import Occupation
from ..request_models import BatchTomarRequest, CompletarRequest, PausarRequest, TomarRequest
from ..response_models import BatchOccupationResponse, OccupationResponse

router = APIRouter(prefix="/api/occupation", tags=["Occupation"])


@router.post("/tomar", response_model=OccupationResponse)
def tomar_spool(request: TomarRequest, occupation: Occupation = Depends(get_occupation)):
    """Take a spool for one operation: one holder at a time."""
    return occupation.tomar(request)


@router.post("/pausar", response_model=OccupationResponse)
def pausar_spool(request: PausarRequest, occupation: Occupation = Depends(get_occupation)):
    """Pause the operation held and free the spool."""
    return occupation.pausar(request)


@router.post("/completar", response_model=OccupationResponse)
def completar_spool(request: CompletarRequest, occupation: Occupation = Depends(get_occupation)):
    """Finish the operation held on the date given."""
    return occupation.completar(request)


@router.post("/batch-tomar", response_model=BatchOccupationResponse)
def batch_tomar_spools(request: BatchTomarRequest,
                       occupation: Occupation = Depends(get_occupation)):
    """TOMAR up to 50 spools; always 200 with one detail per spool."""
    return occupation.batch_tomar(request)
