"""History: A.6's algorithm from the Metadata rows, true Santiago offsets, duration texts."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from standin.history import HistoryBuilder, duration_text
from standin.sheet import MetadataRow

from .conftest import unique_tag

START = datetime(2026, 12, 1, 9, 0, 0, tzinfo=timezone.utc)


def row(evento, operacion="ARM", worker=93, minutes=0, **details):
    return MetadataRow(evento, operacion, worker, f"W({worker})",
                       START + timedelta(minutes=minutes), details)


def served(sessions):
    """As the API serializes them."""
    return [{**s, "start_time": s["start_time"].isoformat(),
             "end_time": s["end_time"] and s["end_time"].isoformat()} for s in sessions]


@pytest.mark.parametrize("delta,text", [
    (timedelta(seconds=59), "0m"), (timedelta(minutes=59, seconds=59), "59m"),
    (timedelta(hours=1), "1h 0m"), (timedelta(hours=2, minutes=5, seconds=30), "2h 5m"),
    (timedelta(days=1, hours=1, minutes=2), "25h 2m"), (timedelta(days=3), "72h 0m"),
])
def test_duration_text_counts_whole_days_in_hours(delta, text):
    assert duration_text(START, START + delta) == text


def test_tomar_opens_pausar_closes_and_a_second_tomar_leaves_the_first_open():
    sessions = served(HistoryBuilder().sessions([
        row("TOMAR_SPOOL", minutes=0), row("PAUSAR_SPOOL", minutes=90),
        row("TOMAR_SPOOL", worker=94, minutes=100), row("TOMAR_SPOOL", worker=93, minutes=130),
        row("COMPLETAR_ARM", worker=93, minutes=131),
    ]))
    assert sessions == [
        {"worker_nombre": "W(93)", "worker_id": 93, "operacion": "ARM",
         "start_time": "2026-12-01T06:00:00-03:00", "end_time": "2026-12-01T07:30:00-03:00",
         "duration": "1h 30m"},
        {"worker_nombre": "W(94)", "worker_id": 94, "operacion": "ARM",
         "start_time": "2026-12-01T07:40:00-03:00", "end_time": None, "duration": None},
        {"worker_nombre": "W(93)", "worker_id": 93, "operacion": "ARM",
         "start_time": "2026-12-01T08:10:00-03:00", "end_time": "2026-12-01T08:11:00-03:00",
         "duration": "1m"},
    ]


def test_a_completion_closes_only_its_own_operation_and_verdicts_never_appear():
    sessions = HistoryBuilder().sessions([
        row("TOMAR_SPOOL", "SOLD", 94), row("COMPLETAR_ARM", "ARM", 94, 5),
        row("COMPLETAR_SOLD", "SOLD", 94, 7),
        row("COMPLETAR_METROLOGIA", "METROLOGIA", 95, 9, resultado="APROBADO"),
    ])
    assert [(s["operacion"], s["duration"]) for s in sessions] == [("SOLD", "7m")]


def test_a_verdict_does_not_close_an_open_metrologia_session():
    sessions = HistoryBuilder().sessions([
        row("TOMAR_SPOOL", "METROLOGIA", 95),
        row("COMPLETAR_METROLOGIA", "METROLOGIA", 95, 3, resultado="APROBADO"),
    ])
    assert sessions[0]["end_time"] is None


def test_winter_times_carry_minus_four():
    winter = MetadataRow("TOMAR_SPOOL", "ARM", 93, "MR(93)",
                         datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc))
    (session,) = served(HistoryBuilder().sessions([winter]))
    assert session["start_time"] == "2026-07-01T08:00:00-04:00"


def test_served_history_is_oldest_first_with_the_true_offset(api, spool):
    api.tomar(spool, 93)
    api.pausar(spool, 93)
    api.tomar(spool, 94)
    body = api.get(f"/api/history/{spool}").json()
    assert list(body) == ["tag_spool", "sessions"] and body["tag_spool"] == spool
    first, second = body["sessions"]
    assert (first["worker_id"], first["duration"], second["worker_id"]) == (93, "0m", 94)
    assert (second["end_time"], second["duration"]) == (None, None)
    start = datetime.fromisoformat(first["start_time"])
    assert start.microsecond == 0
    assert start.utcoffset() == start.astimezone(ZoneInfo("America/Santiago")).utcoffset()
    assert abs(start - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_a_welding_session_ends_when_welding_completes(api, spool):
    api.complete(spool, 93, "ARM")
    api.complete(spool, 94, "SOLD")
    sessions = api.history(spool)
    assert [(s["operacion"], s["worker_nombre"]) for s in sessions] == [
        ("ARM", "MR(93)"), ("SOLD", "JP(94)")]
    assert all(s["end_time"] and s["duration"] for s in sessions)


def test_a_fresh_spool_has_no_sessions_and_an_unknown_one_is_404(api, spool):
    assert api.get(f"/api/history/{spool}").json() == {"tag_spool": spool, "sessions": []}
    tag = unique_tag("NOPE")
    response = api.get(f"/api/history/{tag}")
    assert (response.status_code, response.json()) == (404, {
        "success": False, "error": "SPOOL_NO_ENCONTRADO",
        "message": f"Spool '{tag}' no encontrado en hoja Operaciones", "data": {"tag_spool": tag}})


def test_a_reset_empties_the_history(api, spool):
    api.tomar(spool, 93)
    api.fresh_spool(spool)
    assert api.history(spool) == []
    assert api.tomar(spool, 94).status_code == 200
