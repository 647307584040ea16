"""TOMAR, PAUSAR and COMPLETAR."""

from fastapi import APIRouter, Depends

from .. import errors
from ..dependencies import get_occupation
from ..models import CompletarRequest, OccupationResponse, PausarRequest, TomarRequest
from ..occupation import Occupation

router = APIRouter(prefix="/api/occupation", tags=["occupation"])

COMMON = (errors.SpoolNotFound, errors.WorkerNotFound, errors.RedisUnavailable)


@router.post(
    "/tomar", response_model=OccupationResponse,
    responses=errors.error_responses(*COMMON, errors.SpoolOccupied, errors.DependencyNotMet,
                                     errors.OperationCompleted),
)
def tomar(body: TomarRequest, occupation: Occupation = Depends(get_occupation)):
    """Take a spool for ARM or SOLD: exactly one worker holds it."""
    return occupation.tomar(body.tag_spool, body.worker_id, body.worker_nombre, body.operacion).body()


@router.post(
    "/pausar", response_model=OccupationResponse,
    responses=errors.error_responses(*COMMON, errors.NotOwner, errors.SpoolNotOccupied),
)
def pausar(body: PausarRequest, occupation: Occupation = Depends(get_occupation)):
    """Pause the operation held and free the spool."""
    return occupation.pausar(body.tag_spool, body.worker_id, body.worker_nombre, body.operacion).body()


@router.post(
    "/completar", response_model=OccupationResponse,
    responses=errors.error_responses(*COMMON, errors.NotOwner, errors.SpoolNotOccupied,
                                     errors.SpoolOccupied, errors.DependencyNotMet,
                                     errors.OperationCompleted),
)
def completar(body: CompletarRequest, occupation: Occupation = Depends(get_occupation)):
    """Complete ARM or SOLD held by the worker, or record an instant METROLOGIA verdict."""
    return occupation.completar(
        body.tag_spool, body.worker_id, body.worker_nombre, body.operacion,
        body.fecha_operacion, body.resultado,
    ).body()
