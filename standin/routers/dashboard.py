"""The floor dashboard: who holds what."""

from fastapi import APIRouter, Depends

from ..dependencies import get_listings
from ..listings import Listings
from ..response_models import OccupiedSpoolResponse

router = APIRouter(prefix="/api/dashboard", tags=["Dashboard"])


@router.get("/occupied", response_model=list[OccupiedSpoolResponse])
def get_occupied_spools(listings: Listings = Depends(get_listings)):
    """Held spools, last sheet row first."""
    return listings.occupied()
