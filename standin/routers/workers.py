"""Active workers."""

from fastapi import APIRouter

from ..models import WorkersResponse
from ..reference import WORKERS

router = APIRouter(prefix="/api/workers", tags=["workers"])


@router.get("", response_model=WorkersResponse)
def workers():
    """Active workers only, with their INITIALS(id) display name."""
    active = [
        {"id": w.id, "nombre": w.nombre, "apellido": w.apellido,
         "nombre_completo": w.nombre_completo, "roles": list(w.roles), "activo": w.activo}
        for w in WORKERS if w.activo
    ]
    return {"workers": active, "total": len(active)}
