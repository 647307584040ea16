"""Subscribe to the stand-in's live stream with the suite's own client, events schema-checked."""

from zeues_acceptance.client import SpoolUpdateStream, ZeuesClient


def open_stream(base_url: str) -> SpoolUpdateStream:
    """An open subscription: returns once the stream's first ping arrived."""
    return ZeuesClient(base_url).open_stream().open()
