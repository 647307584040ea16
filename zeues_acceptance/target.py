"""Which ZEUES deployment a run talks to, and what it lets the suite do there."""

import os
import uuid
from dataclasses import dataclass, field

# The contract names production; load runs there only when asked for explicitly.
PRODUCTION_URL = "https://zeues-backend-mvp-production.up.railway.app"


@dataclass
class Target:
    base_url: str
    embedded: object | None = None  # the RunningStandin the run started, if any
    test_support: bool | None = False  # serves POST /api/testing/spools; None: unreachable
    designated_spools: list[str] = field(default_factory=list)
    allow_load: bool = False
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def description(self) -> str:
        return "embedded stand-in" if self.embedded else self.base_url

    @property
    def controls_standin(self) -> bool:
        return self.embedded is not None

    @property
    def is_production(self) -> bool:
        return self.base_url.rstrip("/") == PRODUCTION_URL


def configured_base_url(userdata) -> str | None:
    """`-D base_url=URL` wins over ZEUES_BASE_URL; neither means the embedded stand-in."""
    return (userdata.get("base_url") or os.environ.get("ZEUES_BASE_URL") or "").rstrip("/") or None


def designated_spools(userdata) -> list[str]:
    """`-D test_spools=TEST-02,TEST-03`: the only spools writing scenarios may touch."""
    raw = userdata.get("test_spools") or os.environ.get("ZEUES_TEST_SPOOLS") or ""
    return [tag.strip() for tag in raw.split(",") if tag.strip()]


def auth_headers(userdata) -> dict[str, str]:
    """`-D auth_token=...` or ZEUES_AUTH_TOKEN, sent as a bearer token (redacted in reports)."""
    token = userdata.get("auth_token") or os.environ.get("ZEUES_AUTH_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def load_allowed(userdata) -> bool:
    return (userdata.get("allow_load") or "").lower() in {"yes", "true", "1"}
