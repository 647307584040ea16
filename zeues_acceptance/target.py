"""Which ZEUES deployment a run talks to, what the person running it allows there, and which
scenarios that lets run.

`-D` keys are checked: behave silently ignores one it does not know, so a misspelt
`-D allow_irreversibel=yes` would quietly skip everything it was meant to allow.
"""

import os
import uuid
from dataclasses import dataclass, field

PRODUCTION_URL = "https://zeues-backend-mvp-production.up.railway.app"
YES = {"yes", "true", "1"}

KNOWN_KEYS = {
    "base_url": "the deployment to test (default: start the embedded stand-in)",
    "test_spools": "designated test spools a target without test support may write on",
    "allow_irreversible": "yes: also run what cannot be undone there (COMPLETAR, verdicts...)",
    "allow_disruptive": "yes: also run what opens live streams or loads the target",
    "auth_token": "a bearer token sent with every request (redacted in every report)",
    "list_spools": "yes: list every spool touched at the end, not only those worth knowing",
    "load_duration": "seconds the @load run lasts (default 60)",
    "load_p95_ms": "the @load run's 95th-percentile bound in ms (default 1000)",
}
# behave's own userdata keys (from behave.ini) are not the suite's to judge.
FOREIGN_PREFIXES = ("AllureFormatter.", "behave.")


def unknown_settings(userdata) -> str | None:
    """Why the run must stop before any scenario: a -D key the suite does not know."""
    unknown = sorted(key for key in userdata
                     if key not in KNOWN_KEYS and not key.startswith(FOREIGN_PREFIXES))
    if not unknown:
        return None
    known = "\n".join(f"  -D {key}=...  {what}" for key, what in KNOWN_KEYS.items())
    return f"unknown -D key {', '.join(unknown)}; the known keys are:\n{known}"


@dataclass
class Target:
    base_url: str
    embedded: object | None = None  # the RunningStandin the run started, if any
    test_support: bool = False  # serves POST /api/testing/spools (never production)
    designated_spools: list[str] = field(default_factory=list)
    allow_irreversible: bool = False
    allow_disruptive: bool = False
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    serves_v3: bool = True
    not_v3_reason: str = ""

    @property
    def description(self) -> str:
        return "embedded stand-in" if self.embedded else self.base_url

    @property
    def stream_grace(self) -> float:
        """Seconds a dashboard waits after the stream's headers before relying on it: ZEUES
        v3.0 subscribes just after sending them; the stand-in (the only target with test
        support) before."""
        return 0.0 if self.embedded or self.test_support else 1.0

    @property
    def controls_standin(self) -> bool:
        return self.embedded is not None

    def skip_reason(self, tags) -> str | None:
        """Why a scenario with these tags may not run against this target, if it may not."""
        tags = set(tags)
        if not self.serves_v3 and "drift" not in tags:
            return self.not_v3_reason
        if "local-only" in tags and not self.controls_standin:
            return ("needs control of the embedded stand-in's Redis; the target is "
                    f"{self.base_url}")
        if self.test_support:
            return None
        if "load" in tags:
            return "the load run makes its own spools: it needs a target with test support"
        if tags & {"stream", "disruptive"} and not self.allow_disruptive:
            return ("opens live streams, and at ZEUES v3.0 every stream keeps one of the 20 Redis "
                    "connections even after it closes (known defect D15): run with "
                    "-D allow_disruptive=yes to allow it")
        if "irreversible" in tags and not self.allow_irreversible:
            return ("does what cannot be undone on a designated spool (a completion, a verdict, "
                    "or what a known defect makes permanent): run with -D allow_irreversible=yes "
                    "to allow it")
        if "needs-test-support" in tags:
            return "needs a spool only test support can make (one without materials)"
        return None


def configured_base_url(userdata) -> str | None:
    """`-D base_url=URL` wins over ZEUES_BASE_URL; neither means the embedded stand-in."""
    return (userdata.get("base_url") or os.environ.get("ZEUES_BASE_URL") or "").rstrip("/") or None


def designated_spools(userdata) -> list[str]:
    """`-D test_spools=TEST-01,TEST-02`: the only spools scenarios may use there."""
    raw = userdata.get("test_spools") or os.environ.get("ZEUES_TEST_SPOOLS") or ""
    return [tag.strip() for tag in raw.split(",") if tag.strip()]


def auth_headers(userdata) -> dict[str, str]:
    """`-D auth_token=...` or ZEUES_AUTH_TOKEN, sent as a bearer token (redacted in reports)."""
    token = userdata.get("auth_token") or os.environ.get("ZEUES_AUTH_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def allowed(userdata, key: str) -> bool:
    return (userdata.get(key) or "").strip().lower() in YES
