"""Time as ZEUES writes it: Santiago local in the sheet and events, UTC stamps in health.

Every instant is kept as an aware UTC datetime; these helpers only format it.
"""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

SANTIAGO = ZoneInfo("America/Santiago")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def santiago_today() -> date:
    return utc_now().astimezone(SANTIAGO).date()


def whole_seconds(instant: datetime) -> datetime:
    return instant.replace(microsecond=0)


def sheet_timestamp(instant: datetime) -> str:
    """`DD-MM-YYYY HH:MM:SS`, Santiago local, no offset (Fecha_Ocupacion, SSE id/timestamp)."""
    return instant.astimezone(SANTIAGO).strftime("%d-%m-%Y %H:%M:%S")


def sheet_date(day: date) -> str:
    """`DD-MM-YYYY`, as the sheet stores dates (the SSE COMPLETAR fecha_operacion)."""
    return day.strftime("%d-%m-%Y")


def iso_santiago(instant: datetime) -> datetime:
    """The instant in Santiago time with its true offset (-03:00 summer, -04:00 winter)."""
    return whole_seconds(instant.astimezone(SANTIAGO))


def utc_stamp(instant: datetime) -> str:
    """As `datetime.utcnow().isoformat() + "Z"` prints it: no fraction when it is zero."""
    return instant.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"
