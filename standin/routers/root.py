"""The API root."""

from fastapi import APIRouter

router = APIRouter(tags=["Root"])


@router.get("/")
def root():
    """Where the docs and health are."""
    return {"message": "ZEUES API - Manufacturing Traceability System", "version": "1.0.0",
            "docs": "/api/docs", "redoc": "/api/redoc", "health": "/api/health"}
