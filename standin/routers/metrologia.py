"""The instant METROLOGIA verdict (F2 errors)."""

from fastapi import APIRouter, Depends

from ..dependencies import get_metrologia
from ..metrologia import Metrologia
from ..request_models import CompletarMetrologiaRequest
from ..response_models import CompletarMetrologiaResponse

router = APIRouter(prefix="/api/metrologia", tags=["Metrologia"])


@router.post("/completar", response_model=CompletarMetrologiaResponse)
def completar_metrologia(request: CompletarMetrologiaRequest,
                         metrologia: Metrologia = Depends(get_metrologia)):
    """Record APROBADO or RECHAZADO on a spool with ARM and SOLD complete that nobody holds."""
    return metrologia.completar(request)
