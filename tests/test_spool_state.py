"""A spool's state as the real reads reveal it, the states scenarios ask for, and which scenarios
a target lets run (production safety)."""

import pytest

from zeues_acceptance.needs import NEEDS
from zeues_acceptance.shop import Shop, work_date_besides, today
from zeues_acceptance.spool_state import SpoolView
from zeues_acceptance.target import Target, unknown_settings

FRESH = {"tag_spool": "TEST-02", "nv": "NV-TEST", "arm": "PENDIENTE", "sold": "PENDIENTE",
         "fecha_materiales": "2026-01-20", "fecha_armado": None, "fecha_soldadura": None,
         "fecha_qc_metrologia": None, "armador": None, "soldador": None, "proyecto": None,
         "ocupado_por": None, "fecha_ocupacion": None, "version": 0, "estado_detalle": None}


def view(**changes) -> SpoolView:
    return SpoolView("TEST-02", True, {**FRESH, **changes})


def test_states_come_from_dates_workers_and_holder():
    held = view(armador="MR(93)", ocupado_por="MR(93)")
    assert (held.state("ARM"), held.held_operation, held.free) == ("in progress", "ARM", False)
    paused = view(armador="MR(93)")
    assert (paused.state("ARM"), paused.free) == ("paused", True)
    welding = view(armador="MR(93)", fecha_armado="2026-02-02", soldador="JP(94)", ocupado_por="JP(94)")
    assert (welding.state("ARM"), welding.state("SOLD"), welding.held_operation) == (
        "complete", "in progress", "SOLD")
    assert view().untouched and not paused.untouched


def test_the_description_says_who_holds_it_and_each_operation():
    assert view(armador="MR(93)", ocupado_por="MR(93)").describe() == (
        "held by MR(93); ARM in progress by MR(93), SOLD pending, not inspected")
    assert SpoolView("NOPE", False, None).describe() == "not in the sheet"


@pytest.mark.parametrize("record, worker, fits", [
    (FRESH, "MR(93)", True),
    ({**FRESH, "armador": "MR(93)"}, "MR(93)", True),  # paused by this worker: may resume
    ({**FRESH, "armador": "MR(93)"}, "JP(94)", False),  # resuming it would make JP(94) its assembler (D13)
    ({**FRESH, "armador": "MR(93)", "ocupado_por": "MR(93)"}, "MR(93)", False),  # held
    ({**FRESH, "fecha_armado": "2026-02-02", "armador": "MR(93)"}, "MR(93)", False),  # done
    ({**FRESH, "fecha_materiales": None}, "MR(93)", False),
])
def test_ready_for_arm(record, worker, fits):
    assert NEEDS["ready for ARM"].fits(SpoolView("TEST-02", True, record), worker) is fits


def test_routes_from_an_untouched_spool_use_the_workers_actions():
    steps = NEEDS["inspected"].route_from_untouched()
    assert [str(step) for step in steps] == [
        "TOMAR ARM", "COMPLETAR ARM", "TOMAR SOLD", "COMPLETAR SOLD", "VERDICT APROBADO"]
    assert [step.irreversible for step in steps] == [False, True, False, True, True]


def test_a_completion_is_dated_apart_from_the_other_operation():
    assert work_date_besides(None) == today()
    assert work_date_besides(today()) < today()


def test_workers_a_scenario_names_must_be_listed():
    shop = Shop(client=None, names={93: "MR(93)", 95: "CG(95)"})
    assert shop.unlisted_worker(["worker 93 takes the spool for ARM"]) is None
    assert "worker 94 is not an active worker" in shop.unlisted_worker(["worker 94 pauses ARM"])
    assert shop.unlisted_worker(["worker 96 is not an active worker",
                                 "worker 96 records the verdict APROBADO"]) is None


def test_an_unknown_setting_stops_the_run_listing_the_known_ones():
    why = unknown_settings({"allow_irreversibel": "yes", "AllureFormatter.hide_excluded": "true"})
    assert why.startswith("unknown -D key allow_irreversibel; the known keys are:")
    assert "-D allow_irreversible=" in why and "-D test_spools=" in why
    assert unknown_settings({"base_url": "http://x", "test_spools": "TEST-02"}) is None


PRODUCTION = Target("https://zeues.example", designated_spools=["TEST-02"])


@pytest.mark.parametrize("tags, says", [
    (["writes", "R1", "irreversible"], "-D allow_irreversible=yes"),
    (["writes", "stream", "R20"], "-D allow_disruptive=yes"),
    (["writes", "disruptive", "R24"], "-D allow_disruptive=yes"),
    (["local-only", "R22"], "needs control of the embedded stand-in"),
    (["load"], "needs a target with test support"),
    (["needs-test-support", "R12"], "only test support can make"),
])
def test_a_target_without_test_support_runs_only_what_it_allows(tags, says):
    assert says in PRODUCTION.skip_reason(tags)


def test_what_is_allowed_runs():
    allowing = Target("https://zeues.example", allow_irreversible=True, allow_disruptive=True)
    assert allowing.skip_reason(["irreversible", "stream", "disruptive"]) is None
    assert PRODUCTION.skip_reason(["writes", "R2"]) is None


def test_a_target_that_is_not_v3_runs_only_the_drift_check():
    v4 = Target("https://zeues.example", serves_v3=False, not_v3_reason="this target does not serve ZEUES v3")
    assert v4.skip_reason(["R1"]) == "this target does not serve ZEUES v3"
    assert v4.skip_reason(["drift", "R0"]) is None
