"""Local stand-in for the ZEUES v3 API: FastAPI on a real Redis, audit trail in SQLite."""

__version__ = "3.0.0"
