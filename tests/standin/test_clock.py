"""Time formats: Santiago local for the sheet and events, real offsets in history, UTC stamps."""

from datetime import datetime, timezone

from standin.clock import (
    iso_santiago, sheet_date, sheet_timestamp, utc_stamp, whole_seconds,
)

SUMMER = datetime(2026, 12, 1, 9, 12, 48, 994537, tzinfo=timezone.utc)
WINTER = datetime(2026, 7, 1, 9, 12, 48, tzinfo=timezone.utc)


def test_sheet_timestamp_is_santiago_local_without_offset():
    assert sheet_timestamp(SUMMER) == "01-12-2026 06:12:48"
    assert sheet_timestamp(WINTER) == "01-07-2026 05:12:48"


def test_history_times_carry_the_true_santiago_offset_in_whole_seconds():
    assert iso_santiago(SUMMER).isoformat() == "2026-12-01T06:12:48-03:00"
    assert iso_santiago(WINTER).isoformat() == "2026-07-01T05:12:48-04:00"


def test_utc_stamp_prints_like_utcnow_isoformat_plus_z():
    assert utc_stamp(SUMMER) == "2026-12-01T09:12:48.994537Z"
    assert utc_stamp(SUMMER.replace(microsecond=0)) == "2026-12-01T09:12:48Z"


def test_sheet_date_and_whole_seconds():
    assert sheet_date(SUMMER.date()) == "01-12-2026"
    assert whole_seconds(SUMMER).microsecond == 0
