"""What one load run saw, kept apart from Locust so that it merges, sums up and tests plainly.

The ledger holds the spool updates the shop workers caused (each successful
TOMAR, PAUSAR and COMPLETAR), the failures sorted by kind, what every
dashboard received on its event stream, and the Redis pool samples. In
Locust's distributed mode each worker process sends `take_report()` to the
master with its stats and the master `merge()`s them into its own ledger.
"""

from collections import Counter
from dataclasses import dataclass, field

TAG_PREFIX = "LOAD-"
MISSING_EXAMPLES = 5

REDIS_ERROR = "redis_error"
SERVER_ERROR = "server_error"
CONTRACT_DRIFT = "contract_drift"
UNREACHABLE = "unreachable"
UNEXPECTED_ANSWER = "unexpected_answer"


def failure_kind(status: int, error_code: str | None) -> str:
    """Sort a non-success answer: Redis trouble and other server errors are counted apart."""
    if status == 503 and error_code == "REDIS_UNAVAILABLE":
        return REDIS_ERROR
    if status >= 500:
        return SERVER_ERROR
    return UNEXPECTED_ANSWER


def update_key(tag: str, operacion: str, accion: str) -> str:
    """One spool update as the workers and the dashboards both name it."""
    return f"{tag} {operacion} {accion}"


@dataclass
class DashboardLog:
    """One dashboard's stream: when its subscription was confirmed and the updates it received."""

    name: str
    subscribed_at: float | None = None
    error: str | None = None
    seen: list[str] = field(default_factory=list)

    @property
    def opening(self) -> bool:
        return self.subscribed_at is None and self.error is None


@dataclass(frozen=True)
class DashboardVerdict:
    name: str
    expected: int
    received: int
    missing: int
    missing_examples: tuple[str, ...]
    error: str | None

    @property
    def saw_all(self) -> bool:
        return self.error is None and self.missing == 0


@dataclass(frozen=True)
class PoolSample:
    at: float
    utilization_percent: float
    active_connections: int
    max_connections: int


class RunLedger:
    """Everything one process (or, merged, the whole run) recorded besides Locust's own stats."""

    def __init__(self) -> None:
        # (wall-clock time the request was sent, update key) of every successful action.
        self.updates: list[tuple[float, str]] = []
        self.failures: dict[str, Counter] = {}
        self.dashboards: dict[str, DashboardLog] = {}
        self.pool_samples: list[PoolSample] = []
        self.sampler_errors = 0
        self._updates_reported = 0
        self._seen_reported: dict[str, int] = {}
        self._failures_unreported: dict[str, Counter] = {}

    def record_update(self, sent_at: float, tag: str, operacion: str, accion: str) -> None:
        self.updates.append((sent_at, update_key(tag, operacion, accion)))

    def record_failure(self, call_name: str, kind: str) -> None:
        self.failures.setdefault(call_name, Counter())[kind] += 1
        self._failures_unreported.setdefault(call_name, Counter())[kind] += 1

    def new_dashboard(self, name: str) -> DashboardLog:
        log = self.dashboards[name] = DashboardLog(name)
        return log

    def dashboards_opening(self) -> int:
        return sum(log.opening for log in self.dashboards.values())

    def failure_count(self, kind: str, call_name: str | None = None) -> int:
        names = [call_name] if call_name is not None else list(self.failures)
        return sum(self.failures.get(name, Counter())[kind] for name in names)

    def take_report(self) -> dict:
        """What was recorded since the last report, in plain types a Locust message carries."""
        report = {
            "updates": [list(update) for update in self.updates[self._updates_reported :]],
            "failures": {name: dict(kinds) for name, kinds in self._failures_unreported.items()},
            "dashboards": {},
        }
        self._updates_reported = len(self.updates)
        self._failures_unreported = {}
        for name, log in self.dashboards.items():
            start = self._seen_reported.get(name, 0)
            report["dashboards"][name] = {
                "subscribed_at": log.subscribed_at,
                "error": log.error,
                "seen": log.seen[start:],
            }
            self._seen_reported[name] = len(log.seen)
        return report

    def merge(self, report: dict) -> None:
        """Add another process's report to this ledger."""
        self.updates.extend((sent_at, key) for sent_at, key in report.get("updates", []))
        for name, kinds in report.get("failures", {}).items():
            self.failures.setdefault(name, Counter()).update(kinds)
        for name, part in report.get("dashboards", {}).items():
            log = self.dashboards.setdefault(name, DashboardLog(name))
            log.subscribed_at = part["subscribed_at"]
            log.error = part["error"]
            log.seen.extend(part["seen"])

    def dashboard_verdicts(self) -> list[DashboardVerdict]:
        """Per dashboard: the updates caused after its subscription was confirmed that it never got.

        A request sent after a stream's first ping must show up on that stream;
        one sent before may or may not, so it is not held against the dashboard.
        """
        verdicts = []
        for log in self.dashboards.values():
            expected = Counter(
                key
                for sent_at, key in self.updates
                if log.subscribed_at is None or sent_at >= log.subscribed_at
            )
            missing = expected - Counter(log.seen)
            verdicts.append(
                DashboardVerdict(
                    name=log.name,
                    expected=sum(expected.values()),
                    received=len(log.seen),
                    missing=sum(missing.values()),
                    missing_examples=tuple(sorted(missing)[:MISSING_EXAMPLES]),
                    error=log.error,
                )
            )
        return verdicts

    def record_pool_sample(self, sample: PoolSample) -> None:
        self.pool_samples.append(sample)
