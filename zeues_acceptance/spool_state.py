"""A spool's state as the real reads reveal it (contract section E): ZEUES v3.0 has no
single-spool read, so the state is assembled from the history (does it exist?) and the spool
listings (its whole record, and who holds it). None of these reads touches Redis, so the lock
itself is never visible: a refused TOMAR on a spool shown free is the only sign of one.
"""

from dataclasses import dataclass

from zeues_acceptance.client import ApiResponse, ZeuesClient
from zeues_acceptance.errors import EnvironmentProblem, ProductDefect

ARM, SOLD, METROLOGIA = "ARM", "SOLD", "METROLOGIA"
PENDING, IN_PROGRESS, PAUSED, COMPLETE = "pending", "in progress", "paused", "complete"
WORKER_KEY = {ARM: "armador", SOLD: "soldador"}
DATE_KEY = {ARM: "fecha_armado", SOLD: "fecha_soldadura", METROLOGIA: "fecha_qc_metrologia"}


@dataclass(frozen=True)
class SpoolView:
    tag: str
    exists: bool
    record: dict | None  # the Spool object of a listing; None: the spool is in no listing
    occupied_by: str | None = None  # for a spool in no listing: the dashboard's holder

    @property
    def readable(self) -> bool:
        return self.record is not None

    @property
    def holder(self) -> str | None:
        """The display name the sheet shows in Ocupado_Por, or None."""
        return self.record.get("ocupado_por") if self.record else self.occupied_by

    @property
    def free(self) -> bool:
        return self.exists and self.holder is None

    def worker(self, operacion: str) -> str | None:
        return self.record.get(WORKER_KEY[operacion]) if self.record else None

    def date(self, operacion: str) -> str | None:
        return self.record.get(DATE_KEY[operacion]) if self.record else None

    @property
    def has_materials(self) -> bool:
        return bool(self.record and self.record.get("fecha_materiales"))

    @property
    def held_operation(self) -> str | None:
        """The operation the holder works on, as far as the record tells: the first started
        and unfinished one; None when the holder works on something the record cannot show."""
        if self.holder is None:
            return None
        for operacion in (ARM, SOLD):
            if self.worker(operacion) and not self.date(operacion):
                return operacion
        return None

    def state(self, operacion: str) -> str:
        if operacion == METROLOGIA:
            return COMPLETE if self.date(METROLOGIA) else PENDING
        if self.date(operacion):
            return COMPLETE
        if not self.worker(operacion):
            return PENDING
        return IN_PROGRESS if self.held_operation == operacion else PAUSED

    @property
    def untouched(self) -> bool:
        """Materials in, nobody holds it, nobody ever worked on it."""
        record = self.record or {}
        return (self.free and self.has_materials
                and not any(record.get(key) for key in (*WORKER_KEY.values(), *DATE_KEY.values())))

    def describe(self) -> str:
        """The state in one line, e.g. "held by MR(93); ARM in progress by MR(93), SOLD pending"."""
        if not self.exists:
            return "not in the sheet"
        if not self.readable:
            held = f"held by {self.holder}" if self.holder else "free"
            return (f"{held}, in no spool listing (without materials, or held for an operation "
                    f"the listings do not show)")
        who = f"held by {self.holder}" if self.holder else "free"
        parts = []
        for operacion in (ARM, SOLD):
            state = self.state(operacion)
            detail = ""
            if state != PENDING and self.worker(operacion):
                detail = f" by {self.worker(operacion)}"
            if state == COMPLETE:
                detail += f" on {self.date(operacion)}"
            parts.append(f"{operacion} {state}{detail}")
        inspected = self.date(METROLOGIA)
        parts.append(f"inspected on {inspected}" if inspected else "not inspected")
        return f"{who}; " + ", ".join(parts)


def read_spool(client: ZeuesClient, tag: str, *, someone: str = "MR(93)") -> SpoolView:
    """The spool's state through the real reads (see read_spools)."""
    return read_spools(client, [tag], someone=someone)[tag]


def read_spools(client: ZeuesClient, tags, *, someone: str = "MR(93)") -> dict[str, SpoolView]:
    """The spools' states through the real reads: the listings (spools to start ARM: the free
    ones; to complete ARM or SOLD: the started ones, held or not; to start METROLOGIA: the
    welded ones), then the history of any spool in none of them, to tell whether it exists.
    `someone` fills the listings' worker_nombre, which the API ignores."""
    wanted = list(dict.fromkeys(tags))
    records: dict[str, dict] = {}
    reads = (
        lambda: client.spools_to_start(ARM),
        lambda: client.spools_to_complete(ARM, someone),
        lambda: client.spools_to_complete(SOLD, someone),
        lambda: client.spools_to_start(METROLOGIA),
    )
    for read in reads:
        if all(tag in records for tag in wanted):
            break
        for spool in read_listing(read(), "reading the spool listings").body["spools"]:
            records.setdefault(spool["tag_spool"], spool)
    views, occupied = {}, None
    for tag in wanted:
        if tag in records:
            views[tag] = SpoolView(tag, True, records[tag])
            continue
        history = read_listing(client.history(tag), "reading the spool's history", allowed=(200, 404))
        if history.status == 404:
            views[tag] = SpoolView(tag, False, None)
            continue
        if occupied is None:  # e.g. no materials, or held for METROLOGIA: the dashboard tells
            occupied = {row["tag_spool"]: row["worker_nombre"]
                        for row in read_listing(client.occupied(), "reading the occupied spools").body}
        views[tag] = SpoolView(tag, True, None, occupied.get(tag))
    return views


def read_listing(response: ApiResponse, what: str, allowed=(200,)) -> ApiResponse:
    """The answer of a read, or the verdict on it: a read never touches Redis."""
    if response.status in allowed:
        return response
    if response.is_server_error:
        raise ProductDefect(f"{what} ({response.request_line}) answered a server error (500): "
                            f"{response.detail} - reads never touch Redis, so no outage excuses it")
    raise EnvironmentProblem(f"Environment: {what} ({response.request_line}) answered "
                             f"{response.status}: {response.detail}")
