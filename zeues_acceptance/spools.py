"""Spools for writing scenarios: fresh ones where the target can make them, designated ones
elsewhere; every spool touched is released at the end, even when a scenario fails."""

import itertools
from dataclasses import dataclass, field

from zeues_acceptance.client import ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem


NO_DESIGNATED_SPOOLS = ("the target cannot create spools and no designated test spools were "
                        "given (-D test_spools=TEST-02,...)")


class SpoolUnavailable(Exception):
    """No spool this run may use for the scenario: the scenario is skipped with this reason."""


@dataclass
class SpoolProvider:
    client: ZeuesClient
    test_support: bool | None  # None: the target did not answer, so try and let it fail
    designated: list[str]
    run_id: str
    touched: dict[str, str] = field(default_factory=dict)  # tag -> state left in
    _numbers: itertools.count = field(default_factory=itertools.count)
    _in_use: set[str] = field(default_factory=set)

    def detect_test_support(self) -> bool | None:
        """True when the target serves the contract's test-support endpoint (never production),
        None when it cannot be reached at all. The probe spool it makes is reported as touched."""
        probe = f"ACC-{self.run_id}-probe"
        try:
            self.test_support = self.client.create_test_spool(probe).status == 201
        except EnvironmentProblem:
            self.test_support = None
        if self.test_support:
            self.touched[probe] = "created"
        return self.test_support

    def fresh(self) -> str:
        """A spool with every operation PENDIENTE and nobody holding it."""
        if self.test_support is not False:
            return self.create(f"ACC-{self.run_id}-{next(self._numbers)}")
        if not self.designated:
            raise SpoolUnavailable(NO_DESIGNATED_SPOOLS)
        for tag in self.designated:
            if tag not in self._in_use and self._is_fresh(tag):
                self._in_use.add(tag)
                self.touched[tag] = "taken by the suite"
                return tag
        raise SpoolUnavailable(
            f"none of the designated test spools {', '.join(self.designated)} is free with every "
            "operation PENDIENTE")

    def create(self, tag: str) -> str:
        """Make (or reset) a spool through the test-support endpoint."""
        response = self.client.create_test_spool(tag)
        response.raise_for_environment()
        if response.status != 201:
            raise SpoolUnavailable(f"the target did not create spool {tag}: {response.status} "
                                   f"{response.text[:200]}")
        self.touched[tag] = "created"
        return tag

    def release(self, tag: str) -> None:
        """Free the spool if anyone still holds it (PAUSAR as its holder)."""
        self._in_use.discard(tag)
        state = self.client.spool(tag)
        holder = state.body.get("ocupado_por") if state.status == 200 else None
        if holder:
            paused = self.client.pausar({
                "tag_spool": tag, "worker_id": holder["worker_id"],
                "worker_nombre": holder["worker_nombre"], "operacion": holder["operacion"],
            })
            if paused.status != 200:
                self.touched[tag] = f"release failed: {paused.status} {paused.error_code or ''}"
                return
        self.touched[tag] = self.describe(tag)

    def describe(self, tag: str) -> str:
        state = self.client.spool(tag)
        if state.status != 200:
            return f"unreadable ({state.status})"
        holder = state.body["ocupado_por"]
        who = f"held by worker {holder['worker_id']}" if holder else "free"
        operations = ", ".join(f"{op} {s['estado']}" for op, s in state.body["operaciones"].items())
        return f"{who}; {operations}"

    def _is_fresh(self, tag: str) -> bool:
        state = self.client.spool(tag)
        if state.status != 200:
            return False
        body = state.body
        return body["ocupado_por"] is None and all(
            op["estado"] == "PENDIENTE" for op in body["operaciones"].values())
