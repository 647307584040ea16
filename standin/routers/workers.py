"""Active workers."""

from fastapi import APIRouter

from ..reference import active_workers
from ..response_models import WorkerListResponse

router = APIRouter(prefix="/api", tags=["Workers"])


@router.get("/workers", response_model=WorkerListResponse)
def get_workers():
    """Active workers only, each with its INITIALS(id) nombre_completo."""
    workers = [{"id": w.id, "nombre": w.nombre, "apellido": w.apellido, "rol": w.rol,
                "roles": list(w.roles), "activo": w.activo} for w in active_workers()]
    return {"workers": workers, "total": len(workers)}
