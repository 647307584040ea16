"""The spool pick-lists (F1 errors); see listings.py for cancelar and reparacion."""

from fastapi import APIRouter, Depends, Query

from ..dependencies import get_listings
from ..listings import Listings
from ..response_models import SpoolListResponse

router = APIRouter(prefix="/api/spools", tags=["Spools"])


@router.get("/iniciar", response_model=SpoolListResponse)
def get_spools_para_iniciar(operacion: str = Query(...),
                            listings: Listings = Depends(get_listings)):
    """Spools one can start the operation on."""
    return listings.iniciar(operacion)


@router.get("/completar", response_model=SpoolListResponse)
def get_spools_para_completar(operacion: str = Query(...), worker_nombre: str = Query(...),
                              listings: Listings = Depends(get_listings)):
    """Spools whose operation was started and not finished (any worker's)."""
    return listings.completar(operacion)


@router.get("/cancelar", response_model=SpoolListResponse)
def get_spools_para_cancelar(operacion: str = Query(...), worker_id: int = Query(...),
                             listings: Listings = Depends(get_listings)):
    """Spools whose operation this worker started and has not finished."""
    return listings.cancelar(operacion, worker_id)


@router.get("/reparacion", response_model=dict)
def get_spools_reparacion(listings: Listings = Depends(get_listings)):
    """Rejected (or blocked) spools nobody holds."""
    return listings.reparacion()
