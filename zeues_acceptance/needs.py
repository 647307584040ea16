"""The spool states scenarios ask for, how to recognise them in the real reads, and how the
workers' own actions bring an untouched spool there.

Builders act as "the assembler", "the welder" and "the inspector": the first, second and
third active worker the target lists (the embedded stand-in: 93, 94 and 95).
"""

from collections.abc import Callable
from dataclasses import dataclass

from zeues_acceptance.spool_state import (
    ARM, COMPLETE, METROLOGIA, PAUSED, PENDING, SOLD, SpoolView,
)

ASSEMBLER, WELDER, INSPECTOR = 0, 1, 2  # positions in the target's list of active workers


@dataclass(frozen=True)
class Step:
    verb: str  # TOMAR, COMPLETAR or VERDICT
    who: int  # ASSEMBLER, WELDER or INSPECTOR
    what: str  # the operation, or the verdict
    irreversible: bool = False

    def __str__(self) -> str:
        return f"{self.verb} {self.what}"


TAKE_ARM = Step("TOMAR", ASSEMBLER, ARM)
COMPLETE_ARM = Step("COMPLETAR", ASSEMBLER, ARM, irreversible=True)
TAKE_SOLD = Step("TOMAR", WELDER, SOLD)
COMPLETE_SOLD = Step("COMPLETAR", WELDER, SOLD, irreversible=True)
APPROVE = Step("VERDICT", INSPECTOR, "APROBADO", irreversible=True)


@dataclass(frozen=True)
class Need:
    key: str
    words: str  # "ready for ARM by {worker}", for skip reasons
    fits: Callable[[SpoolView, str], bool]
    routes: tuple[tuple[str, tuple[Step, ...]], ...] = ()  # (from need, steps)
    empty_history: bool = False
    test_support_only: bool = False
    without_materials: bool = False

    def route_from_untouched(self) -> tuple[Step, ...]:
        """The steps from a freshly made spool to this state."""
        if self.key == "untouched" or not self.routes:
            return ()
        base, steps = self.routes[-1]
        return NEEDS[base].route_from_untouched() + steps


def _untouched(view: SpoolView, _worker: str) -> bool:
    return view.untouched


def _ready_for_arm(view: SpoolView, worker: str) -> bool:
    """Free, ARM pending - or paused by this very worker, who may resume it (known defect D13
    makes anyone else who resumes it its assembler) - and nothing after ARM started."""
    return (view.free and view.has_materials and view.worker(SOLD) is None
            and not view.date(METROLOGIA)
            and (view.state(ARM) == PENDING
                 or (view.state(ARM) == PAUSED and view.worker(ARM) == worker)))


def _arm_complete(view: SpoolView, _worker: str) -> bool:
    return (view.free and view.state(ARM) == COMPLETE and view.state(SOLD) == PENDING
            and not view.date(METROLOGIA))


def _arm_and_sold_complete(view: SpoolView, _worker: str) -> bool:
    return (view.free and view.state(ARM) == COMPLETE and view.state(SOLD) == COMPLETE
            and not view.date(METROLOGIA))


def _inspected(view: SpoolView, _worker: str) -> bool:
    return view.free and bool(view.date(METROLOGIA))


NEEDS = {need.key: need for need in (
    Need("untouched", "untouched (materials in, nobody ever worked on it, empty history)",
         _untouched, empty_history=True),
    Need("ready for ARM", "ready for ARM by {worker} (free, ARM not started or paused by "
         "{worker}, SOLD not started)", _ready_for_arm, (("untouched", ()),)),
    Need("ARM complete", "ready for SOLD (ARM complete, SOLD not started, free)", _arm_complete,
         (("untouched", (TAKE_ARM, COMPLETE_ARM)),)),
    Need("ARM and SOLD complete", "ready for inspection (ARM and SOLD complete, not inspected, "
         "free)", _arm_and_sold_complete,
         (("ARM complete", (TAKE_SOLD, COMPLETE_SOLD)),)),
    Need("inspected", "already inspected", _inspected,
         (("ARM and SOLD complete", (APPROVE,)),)),
    Need("without materials", "without materials", lambda view, _w: False,
         test_support_only=True, without_materials=True),
)}
