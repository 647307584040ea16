"""Local stand-in for the real ZEUES v3.0 API: FastAPI on a real Redis, sheets in memory."""

__version__ = "3.0.0"
