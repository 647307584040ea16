"""Swap one of the stand-in's services on app.state, rebuilding those built around it.

Routes read their service from app.state on every request, but Occupation and Metrologia are
given the sheet, locks and events when built, and SpoolEvents its stream hub: a fault that
replaces one of those must rebuild what holds it.
"""

from fastapi import FastAPI

from standin.events import SpoolEvents
from standin.metrologia import Metrologia
from standin.occupation import Occupation
from standin.stream_hub import StreamHub


def occupation(app: FastAPI, kind: type[Occupation] = Occupation) -> None:
    state = app.state
    state.occupation = kind(state.sheet, state.locks, state.events)


def metrologia(app: FastAPI, kind: type[Metrologia]) -> None:
    app.state.metrologia = kind(app.state.sheet, app.state.events)


def events(app: FastAPI, replacement: SpoolEvents) -> None:
    app.state.events = replacement
    occupation(app)
    metrologia(app, Metrologia)


def stream_hub(app: FastAPI, replacement: StreamHub) -> None:
    """Streams subscribe to the new hub, and every action publishes to it."""
    app.state.stream_hub = replacement
    events(app, SpoolEvents(replacement))
