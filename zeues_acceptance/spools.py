"""Spools for the scenarios: made fresh where the target has test support, chosen from the
designated test spools elsewhere - by their state as the real reads show it, never a fixed tag.

A scenario asks for a spool in the state it needs ("ready for ARM by worker 93", "with ARM
complete"). Where no designated spool is in that state, one is brought there from an untouched
spool with the workers' own actions - when those are allowed (completing work cannot be
undone: it needs -D allow_irreversible=yes on a target without test support). Every spool a
scenario took is freed when it ends, by the worker who holds it.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem
from zeues_acceptance.needs import NEEDS, Need, Step
from zeues_acceptance.spool_state import SpoolView, read_spool, read_spools

ALLOW_IRREVERSIBLE = "-D allow_irreversible=yes"


class SpoolUnavailable(Exception):
    """No spool this run may use in the state the scenario needs: it is skipped with this."""


@dataclass
class Touched:
    state: str = "not read back"
    lock_until: datetime | None = None  # a lock the API left that the run could not free
    locked_before_run: bool = False  # a lock found on it that this run did not take


@dataclass
class SpoolProvider:
    client: ZeuesClient
    run_id: str
    test_support: bool
    designated: list[str]
    allow_irreversible: bool
    touched: dict[str, Touched] = field(default_factory=dict)
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    _in_use: set[str] = field(default_factory=set)
    _taken: dict[str, tuple[int, str]] = field(default_factory=dict)  # tag -> (worker, op)

    def unknown_tag(self) -> str:
        return f"NOPE-{self.run_id}-{next(self._numbers)}"

    def choose(self, need_key: str, *, worker_name: str = "") -> tuple[str, tuple[Step, ...]]:
        """A spool for the scenario, reserved, and the workers' actions that bring it to the
        needed state (none when it is there already)."""
        need = NEEDS[need_key]
        if self.test_support:
            return self._reserve(self._create(need)), need.route_from_untouched()
        if need.test_support_only:
            raise SpoolUnavailable(f"needs {need.words}: only a target with test support can make one")
        if not self.designated:
            raise SpoolUnavailable(
                "no designated test spools were given (-D test_spools=TEST-01,TEST-02,...): this "
                f"scenario needs {need.words.format(worker=worker_name)}")
        return self._from_designated(need, worker_name)

    def took(self, tag: str, worker_id: int, operacion: str) -> None:
        """A TOMAR of the scenario succeeded: the spool is freed by that worker at its end."""
        self._taken[tag] = (worker_id, operacion)

    def freed(self, tag: str) -> None:
        self._taken.pop(tag, None)

    def lock_left(self, tag: str, until: datetime) -> None:
        self.touched.setdefault(tag, Touched()).lock_until = until

    def locked_before(self, tag: str) -> None:
        """A lock the run did not take and cannot see: the spool is left alone from now on."""
        self.touched.setdefault(tag, Touched()).locked_before_run = True

    def release(self, tag: str, pause: Callable[[str, int, str], int]) -> None:
        """Free the spool if the scenario still holds it (PAUSAR by its holder); read it back."""
        self._in_use.discard(tag)
        held = self._taken.pop(tag, None)
        if held is not None:
            status = pause(tag, *held)
            if status not in (200, 400, 410):
                self.touched.setdefault(tag, Touched()).state = (
                    f"could not be freed: PAUSAR {held[1]} by worker {held[0]} answered {status}")
                return
        touched = self.touched.setdefault(tag, Touched())
        touched.state = read_spool(self.client, tag).describe()
        if touched.locked_before_run:
            touched.state += ("; yet locked by a lock this run did not take: a TOMAR is refused "
                              "as occupied (known defect D4 leaves such locks for an hour)")

    # -- choosing -------------------------------------------------------------------------

    def _create(self, need: Need) -> str:
        tag = f"ACC-{self.run_id}-{next(self._numbers)}"
        materials = {"fecha_materiales": None} if need.without_materials else {}
        response = self.client.create_test_spool(tag, **materials)
        if response.is_redis_refusal:
            raise EnvironmentProblem(f"Environment: the target could not make a spool for the "
                                     f"scenario: {response.status} \"{response.detail}\"")
        if response.status != 201:
            raise SpoolUnavailable(f"the target did not create spool {tag}: {response.status} "
                                   f"{response.detail}")
        self.touched[tag] = Touched("created")
        return tag

    def _from_designated(self, need: Need, worker_name: str) -> tuple[str, tuple[Step, ...]]:
        views = read_spools(self.client, [tag for tag in self.designated if tag not in self._in_use],
                            someone=worker_name or "MR(93)")
        usable = {tag: view for tag, view in views.items() if not self._locked(tag)}
        plan = self._plan(need, usable, worker_name, direct=True)
        if plan is None:
            raise SpoolUnavailable(self._why_none(need, views, worker_name))
        tag, steps = plan
        if any(step.irreversible for step in steps) and not self.allow_irreversible:
            raise SpoolUnavailable(
                f"not runnable: spool state - no designated spool is "
                f"{need.words.format(worker=worker_name)}, and bringing {tag} there "
                f"({', '.join(map(str, steps))}) cannot be undone: run with {ALLOW_IRREVERSIBLE} "
                f"to allow it")
        return self._reserve(tag), steps

    def _plan(self, need: Need, usable: dict[str, SpoolView], worker_name: str,
              direct: bool = False) -> tuple[str, tuple[Step, ...]] | None:
        """A spool in this state, or the closest one and the steps that bring it there."""
        for tag, view in usable.items():
            if need.fits(view, worker_name) and not (
                    direct and need.empty_history and not self._no_history(tag)):
                return tag, ()
        for base, steps in need.routes:
            planned = self._plan(NEEDS[base], usable, worker_name) if steps else None
            if planned is not None:
                return planned[0], planned[1] + steps
        return None

    def _why_none(self, need: Need, views: dict[str, SpoolView], worker_name: str) -> str:
        states = "; ".join(
            f"{tag}: {'locked by a lock the API left' if self._locked(tag) else view.describe()}"
            for tag, view in views.items()) or "every one is in use"
        return (f"not runnable: spool state - no designated spool is "
                f"{need.words.format(worker=worker_name)}; {states}")

    def _reserve(self, tag: str) -> str:
        self._in_use.add(tag)
        self.touched.setdefault(tag, Touched())
        return tag

    def _locked(self, tag: str) -> bool:
        touched = self.touched.get(tag)
        if touched is None:
            return False
        return touched.locked_before_run or bool(
            touched.lock_until and touched.lock_until > datetime.now(touched.lock_until.tzinfo))

    def _no_history(self, tag: str) -> bool:
        response = self.client.history(tag)
        return response.status == 200 and response.body["sessions"] == []

