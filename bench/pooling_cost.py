"""`python -m bench.pooling_cost [--rounds 3] [--seconds 10] [--clients 50]`: what the blocking
Redis pool of 20 costs in throughput, against a pool without a useful limit, in one run.

Two stand-ins run side by side, each with its own Redis: one with the production pool
(ZEUES_REDIS_MAX_CONNECTIONS=20), one with 10000. They take the load in turn, the order
swapped every round, so both see the same machine. In each turn every client thread
repeats a cycle on a spool of its own for a fixed time: TOMAR, PAUSAR, TOMAR, COMPLETAR
(ARM), then the test-support reset of the spool, five requests. Meanwhile a watcher reads
/api/redis-connection-stats and Redis's own client list every 0.1 s for the peaks.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from datetime import date
from statistics import median

import requests
from redis import Redis
from redis.exceptions import RedisError

from bench.common import PROJECT_ROOT, say, table, write_result
from standin.runner import running_standin

NAME = "pooling_cost"
CONFIGS = {"pool 20": "20", "unlimited (10000)": "10000"}
STANDIN_CLIENT_NAME = "zeues-standin"
TIMEOUT = (3.05, 10)
WATCH_INTERVAL_SECONDS = 0.1
JOIN_GRACE_SECONDS = 15


def cycle(tag: str) -> list[tuple[str, dict]]:
    worker = {"tag_spool": tag, "worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
    return [("/api/occupation/tomar", worker), ("/api/occupation/pausar", worker),
            ("/api/occupation/tomar", worker),
            ("/api/occupation/completar", {**worker, "fecha_operacion": date.today().isoformat()}),
            ("/api/testing/spools", {"tag_spool": tag})]


class Client(threading.Thread):
    """One worker's terminal: its own connection, its own spool, cycling until the deadline."""

    def __init__(self, base_url: str, tag: str, start_line: threading.Barrier, deadline: list):
        super().__init__(daemon=True)
        self.base_url, self.tag = base_url, tag
        self.start_line, self.deadline = start_line, deadline
        self.latencies: list[float] = []  # seconds, successful requests finished in time
        self.errors: Counter = Counter()

    def run(self) -> None:
        with requests.Session() as session:
            self.start_line.wait()
            while True:
                for path, body in cycle(self.tag):
                    if time.monotonic() >= self.deadline[0]:
                        return
                    self.send(session, path, body)

    def send(self, session: requests.Session, path: str, body: dict) -> None:
        started = time.monotonic()
        try:
            response = session.post(self.base_url + path, json=body, timeout=TIMEOUT)
            outcome = response.status_code
        except requests.RequestException as error:
            outcome = type(error).__name__
        finished = time.monotonic()
        if finished > self.deadline[0]:
            return  # outside the measured window
        if outcome in (200, 201):
            self.latencies.append(finished - started)
        else:
            self.errors[str(outcome)] += 1


class Watcher(threading.Thread):
    """Peaks of the pool's checked-out connections and of Redis's connected clients."""

    def __init__(self, base_url: str, redis_url: str):
        super().__init__(daemon=True)
        self.base_url, self.redis_url = base_url, redis_url
        self.stop = threading.Event()
        self.peak_active = self.peak_connected = self.peak_standin_clients = 0
        self.samples = self.failed_samples = 0

    def run(self) -> None:
        with requests.Session() as session, Redis.from_url(self.redis_url, socket_timeout=5) as redis:
            while not self.stop.wait(WATCH_INTERVAL_SECONDS):
                try:
                    stats = session.get(self.base_url + "/api/redis-connection-stats",
                                        timeout=TIMEOUT).json()
                    connected = redis.info("clients")["connected_clients"]
                    clients = redis.client_list()
                except (requests.RequestException, RedisError, ValueError):
                    self.failed_samples += 1
                    continue
                standin = sum(c.get("name") == STANDIN_CLIENT_NAME for c in clients)
                self.peak_active = max(self.peak_active, stats["active_connections"])
                self.peak_connected = max(self.peak_connected, connected)
                self.peak_standin_clients = max(self.peak_standin_clients, standin)
                self.samples += 1


def fresh_spools(base_url: str, prefix: str, count: int) -> list[str]:
    tags = [f"{prefix}-{number}" for number in range(count)]
    with requests.Session() as session:
        for tag in tags:
            session.post(base_url + "/api/testing/spools", json={"tag_spool": tag},
                         timeout=TIMEOUT).raise_for_status()
    return tags


def load_turn(standin, prefix: str, clients: int, seconds: float) -> dict:
    tags = fresh_spools(standin.base_url, prefix, clients)
    start_line = threading.Barrier(clients + 1)
    deadline = [float("inf")]
    threads = [Client(standin.base_url, tag, start_line, deadline) for tag in tags]
    watcher = Watcher(standin.base_url, standin.redis.url)
    for thread in threads:
        thread.start()
    watcher.start()
    deadline[0] = time.monotonic() + seconds
    start_line.wait()
    for thread in threads:
        thread.join(seconds + JOIN_GRACE_SECONDS)
    watcher.stop.set()
    watcher.join(JOIN_GRACE_SECONDS)
    latencies = sorted(latency for thread in threads for latency in thread.latencies)
    errors = sum((thread.errors for thread in threads), Counter())
    percentiles = statistics.quantiles(latencies, n=100)
    return {"successful": len(latencies), "per_second": len(latencies) / seconds,
            "errors": sum(errors.values()), "errors_by_kind": dict(errors),
            "p50_ms": percentiles[49] * 1000, "p95_ms": percentiles[94] * 1000,
            "peak_active_connections": watcher.peak_active,
            "peak_redis_connected_clients": watcher.peak_connected,
            "peak_standin_redis_clients": watcher.peak_standin_clients,
            "watch_samples": watcher.samples, "failed_watch_samples": watcher.failed_samples}


def measure(rounds: int, seconds: float, clients: int) -> dict:
    turns = {label: [] for label in CONFIGS}
    with ExitStack() as stack:
        logs = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-pool-"))
        standins = {label: stack.enter_context(running_standin(
                        testing=True, env={"ZEUES_REDIS_MAX_CONNECTIONS": size}, log_dir=logs))
                    for label, size in CONFIGS.items()}
        order = list(CONFIGS)
        for round_number in range(rounds):
            for label in order:
                turn = load_turn(standins[label], f"POOL-{round_number}", clients, seconds)
                turns[label].append(turn)
                say(f"  round {round_number + 1}, {label}: {turn['per_second']:.0f} req/s, "
                    f"{turn['errors']} errors, p95 {turn['p95_ms']:.0f} ms, "
                    f"peak active {turn['peak_active_connections']}")
            order.reverse()
    return turns


def summarize(turns: dict) -> dict:
    summary = {}
    for label, runs in turns.items():
        summary[label] = {
            "median_per_second": median([r["per_second"] for r in runs]),
            "errors": sum(r["errors"] for r in runs),
            "median_p50_ms": median([r["p50_ms"] for r in runs]),
            "median_p95_ms": median([r["p95_ms"] for r in runs]),
            "peak_active_connections": max(r["peak_active_connections"] for r in runs),
            "peak_redis_connected_clients": max(r["peak_redis_connected_clients"] for r in runs),
            "peak_standin_redis_clients": max(r["peak_standin_redis_clients"] for r in runs),
        }
    pooled, unlimited = (summary[label] for label in CONFIGS)
    summary["ratio_throughput_pool20_over_unlimited"] = (
        pooled["median_per_second"] / unlimited["median_per_second"])
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pooling_cost", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load turn")
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args(argv)
    say(f"pooling_cost: {args.clients} clients, {args.rounds} rounds of {args.seconds:g} s per pool")
    turns = measure(args.rounds, args.seconds, args.clients)
    summary = summarize(turns)
    say()
    say(table(["pool", "req/s (median)", "errors", "p50 ms", "p95 ms", "peak active",
               "peak Redis clients (all)", "peak stand-in clients"],
              [[label, s["median_per_second"], s["errors"], s["median_p50_ms"], s["median_p95_ms"],
                s["peak_active_connections"], s["peak_redis_connected_clients"],
                s["peak_standin_redis_clients"]]
               for label, s in ((label, summary[label]) for label in CONFIGS)]))
    say(f"\nthroughput, pool 20 / unlimited: {summary['ratio_throughput_pool20_over_unlimited']:.3f}")
    path = write_result(NAME, {"command": "python -m bench.pooling_cost", "rounds": args.rounds,
                               "seconds_per_turn": args.seconds, "clients": args.clients,
                               "configs": CONFIGS, "summary": summary, "turns": turns})
    say(f"written: {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
