"""What one load run saw, kept apart from Locust so that it merges, sums up and tests plainly.

The ledger holds the spool updates the shop workers caused (each successful TOMAR, PAUSAR
and COMPLETAR), the failures sorted by kind with a few examples each, what every dashboard
received on its live stream, and the Redis pool samples. In Locust's distributed mode each
worker process sends `take_report()` to the master with its stats and the master `merge()`s
it into its own ledger; only the master (or the one local process) samples the pool.
"""

from collections import Counter
from dataclasses import dataclass, field

TAG_PREFIX = "LOAD-"
EXAMPLES_KEPT = 3

SERVER_ERROR = "server_error"  # a 500
REDIS_REFUSAL = "redis_refusal"  # 503 "Redis service unavailable"
REFUSED = "refused"  # any other answer than the success the step needs
CONTRACT_DRIFT = "contract_drift"
UNREACHABLE = "unreachable"
FAILURE_KINDS = (SERVER_ERROR, REDIS_REFUSAL, REFUSED, CONTRACT_DRIFT, UNREACHABLE)


def update_key(tag: str, operacion: str, event_type: str) -> str:
    """One spool update as the workers and the dashboards both name it."""
    return f"{tag} {operacion} {event_type}"


@dataclass
class DashboardLog:
    """One dashboard's stream: when it was subscribed and the updates it received."""

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
        self.failure_examples: dict[str, dict[str, list[dict]]] = {}  # call -> kind -> examples
        self.dashboards: dict[str, DashboardLog] = {}
        self.pool_samples: list[PoolSample] = []
        # Answers of the connection stats that carried no use figures (ZEUES v3.0: D9).
        self.samples_without_usage = 0
        self.keys_without_usage: list[str] = []
        self.sampler_errors = 0
        self.sampler_error: str | None = None
        self._updates_reported = 0
        self._seen_reported: dict[str, int] = {}
        self._unreported: list[tuple[str, str, dict | None]] = []

    def record_update(self, sent_at: float, tag: str, operacion: str, event_type: str) -> None:
        self.updates.append((sent_at, update_key(tag, operacion, event_type)))

    def record_failure(self, call_name: str, kind: str, example: dict | None = None) -> None:
        """`example`: what was done and answered - {"what", "status", "detail", "known_defect"}."""
        self._add_failure(call_name, kind, example)
        self._unreported.append((call_name, kind, example))

    def _add_failure(self, call_name: str, kind: str, example: dict | None) -> None:
        self.failures.setdefault(call_name, Counter())[kind] += 1
        examples = self.failure_examples.setdefault(call_name, {}).setdefault(kind, [])
        if example is not None and len(examples) < EXAMPLES_KEPT:
            examples.append(example)

    def failure_count(self, kind: str, call_name: str | None = None) -> int:
        names = [call_name] if call_name is not None else list(self.failures)
        return sum(self.failures.get(name, Counter())[kind] for name in names)

    def new_dashboard(self, name: str) -> DashboardLog:
        log = self.dashboards[name] = DashboardLog(name)
        return log

    def dashboards_opening(self) -> int:
        return sum(log.opening for log in self.dashboards.values())

    def record_pool_sample(self, sample: PoolSample) -> None:
        self.pool_samples.append(sample)

    def record_sample_without_usage(self, keys) -> None:
        self.samples_without_usage += 1
        if not self.keys_without_usage:
            self.keys_without_usage = sorted(keys)

    def record_sampler_error(self, text: str) -> None:
        self.sampler_errors += 1
        self.sampler_error = self.sampler_error or text

    def take_report(self) -> dict:
        """What was recorded since the last report, in plain types a Locust message carries."""
        report = {
            "updates": [list(update) for update in self.updates[self._updates_reported:]],
            "failures": [list(failure) for failure in self._unreported],
            "dashboards": {},
        }
        self._updates_reported = len(self.updates)
        self._unreported = []
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
        for call_name, kind, example in report.get("failures", []):
            self._add_failure(call_name, kind, example)
        for name, part in report.get("dashboards", {}).items():
            log = self.dashboards.setdefault(name, DashboardLog(name))
            log.subscribed_at = part["subscribed_at"]
            log.error = part["error"]
            log.seen.extend(part["seen"])

    def dashboard_verdicts(self) -> list[DashboardVerdict]:
        """Per dashboard: the updates caused after it was subscribed that it never got.

        A request sent after a stream was subscribed must show up on that stream; one sent
        before may or may not, so it is not held against the dashboard. Updates it got that
        no worker recorded (an action that answered an error after publishing) are not
        counted against it either.
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
                    missing_examples=tuple(sorted(missing)[:EXAMPLES_KEPT]),
                    error=log.error,
                )
            )
        return verdicts
