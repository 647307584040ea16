"""Swap one of the stand-in's services on app.state, rebuilding those built around it.

Routes read their service from app.state on every request, but Occupation and Metrologia are
given the sheet, locks and events when built, and SpoolEvents its stream hub: a fault that
replaces one of those must rebuild what holds it. Faults compose (a release's defects
together): a subclass swapped in joins the fault subclass already there, and a rebuild keeps
the class it finds.
"""

from fastapi import FastAPI

from standin.events import SpoolEvents
from standin.metrologia import Metrologia
from standin.occupation import Occupation
from standin.stream_hub import StreamHub


def _joined(kind: type, current: type) -> type:
    """`kind` with the fault subclass already in place, so both defects stay."""
    if issubclass(kind, current):
        return kind
    if issubclass(current, kind):
        return current
    return type(f"{kind.__name__}And{current.__name__}", (kind, current), {})


def occupation(app: FastAPI, kind: type[Occupation] = Occupation) -> None:
    state = app.state
    state.occupation = _joined(kind, type(state.occupation))(state.sheet, state.locks, state.events)


def metrologia(app: FastAPI, kind: type[Metrologia] = Metrologia) -> None:
    state = app.state
    state.metrologia = _joined(kind, type(state.metrologia))(state.sheet, state.events)


def events(app: FastAPI, replacement: SpoolEvents) -> None:
    app.state.events = replacement
    occupation(app)
    metrologia(app)


def stream_hub(app: FastAPI, replacement: StreamHub) -> None:
    """Streams subscribe to the new hub, and every action publishes to it."""
    app.state.stream_hub = replacement
    events(app, type(app.state.events)(replacement))
