"""Spools for writing scenarios: fresh ones where the target can make them, designated ones
elsewhere; every spool touched is released at the end, even when a scenario fails."""

import itertools
from dataclasses import dataclass, field

from zeues_acceptance.client import ZeuesClient


class SpoolUnavailable(Exception):
    """No spool this run may use for the scenario: the scenario is skipped with this reason."""


@dataclass
class SpoolProvider:
    client: ZeuesClient
    test_support: bool
    designated: list[str]
    run_id: str
    touched: dict[str, str] = field(default_factory=dict)  # tag -> state left in
    _numbers: itertools.count = field(default_factory=itertools.count)
    _in_use: set[str] = field(default_factory=set)

    def fresh(self) -> str:
        """A spool with every operation PENDIENTE and nobody holding it."""
        if self.test_support:
            tag = f"ACC-{self.run_id}-{next(self._numbers)}"
            self.client.create_test_spool(tag).raise_for_environment()
            self.touched[tag] = "created"
            return tag
        if not self.designated:
            raise SpoolUnavailable(
                "the target cannot create spools and no designated test spools were given "
                "(-D test_spools=TEST-02,...)")
        for tag in self.designated:
            if tag not in self._in_use and self._is_fresh(tag):
                self._in_use.add(tag)
                self.touched[tag] = "taken by the suite"
                return tag
        raise SpoolUnavailable(
            f"none of the designated test spools {', '.join(self.designated)} is free with every "
            "operation PENDIENTE")

    def release(self, tag: str) -> None:
        """Free the spool if anyone still holds it (PAUSAR as its holder)."""
        self._in_use.discard(tag)
        state = self.client.spool(tag)
        holder = state.body.get("ocupado_por") if state.status == 200 else None
        if holder:
            self.client.pausar({
                "tag_spool": tag, "worker_id": holder["worker_id"],
                "worker_nombre": holder["worker_nombre"], "operacion": holder["operacion"],
            })
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
