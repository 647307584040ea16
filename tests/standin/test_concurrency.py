"""Production-scale concurrency on the real pool: one winner per race, no errors under load."""

import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from .conftest import NAMES, TODAY
from .sse import open_stream


def test_twenty_workers_race_for_one_spool_fifty_times(api):
    barrier = threading.Barrier(20)

    def take(tag_and_racer):
        tag, racer = tag_and_racer
        barrier.wait()
        return requests.post(f"{api.base_url}/api/occupation/tomar", timeout=30, json={
            "tag_spool": tag, "worker_id": 93 + racer % 3, "worker_nombre": "RACER",
            "operacion": "ARM"})

    with ThreadPoolExecutor(max_workers=20) as executor:
        for round_number in range(50):
            tag = f"RACE-{round_number}"
            api.post("/api/testing/spools", {"tag_spool": tag})
            responses = list(executor.map(take, [(tag, racer) for racer in range(20)]))
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200] + [409] * 19, statuses
            assert all(r.json()["error"] == "SPOOL_OCCUPIED" for r in responses if r.status_code == 409)


def test_fifty_clients_cycling_with_twenty_streams_open(api, standin):
    workers = [93, 94, 95]
    tags = [f"LOAD-{n}" for n in range(50)]
    for tag in tags:
        api.post("/api/testing/spools", {"tag_spool": tag})
    readers = [open_stream(standin.base_url) for _ in range(20)]
    peak = {"active": 0}
    stop = threading.Event()

    def watch_pool():
        session = requests.Session()
        while not stop.wait(0.02):
            stats = session.get(f"{api.base_url}/api/redis-connection-stats", timeout=10).json()
            peak["active"] = max(peak["active"], stats["active_connections"])

    def cycle(index):
        session = requests.Session()
        tag, worker = tags[index], workers[index % 3]
        body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker]}
        failures = []
        for operacion in ("ARM", "SOLD"):
            for action, extra in (("tomar", {}), ("pausar", {}), ("tomar", {}),
                                  ("completar", {"fecha_operacion": TODAY})):
                response = session.post(f"{api.base_url}/api/occupation/{action}", timeout=30,
                                        json={**body, "operacion": operacion, **extra})
                if response.status_code != 200:
                    failures.append((action, operacion, response.status_code, response.text))
        return failures

    watcher = threading.Thread(target=watch_pool, daemon=True)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=50) as executor:
            failures = [f for result in executor.map(cycle, range(50)) for f in result]
        assert failures == []
        for reader in readers:
            for tag in tags:
                assert reader.wait_for(
                    lambda e, tag=tag: e["tag_spool"] == tag and e["operacion"] == "SOLD"
                    and e["accion"] == "COMPLETAR", 5), tag
            assert len([e for e in reader.events if e["tag_spool"] in tags]) == 50 * 8
    finally:
        stop.set()
        watcher.join()
        for reader in readers:
            reader.close()
    assert 0 < peak["active"] <= 20


def test_holder_pausing_and_completing_at_once_succeeds_only_once(api):
    """Both calls see the holder; only the first to act may release, the other finds it free."""
    body = {"worker_id": 93, "worker_nombre": "MR(93)", "operacion": "ARM"}
    with ThreadPoolExecutor(max_workers=2) as executor:
        for round_number in range(20):
            tag = f"DOUBLE-{round_number}"
            api.post("/api/testing/spools", {"tag_spool": tag})
            assert api.tomar(tag, 93).status_code == 200
            barrier = threading.Barrier(2)

            def send(action, tag=tag, barrier=barrier):
                barrier.wait()
                extra = {"fecha_operacion": TODAY} if action == "completar" else {}
                return requests.post(f"{api.base_url}/api/occupation/{action}", timeout=30,
                                     json={"tag_spool": tag, **body, **extra})

            answers = list(executor.map(send, ["pausar", "completar"]))
            statuses = sorted(a.status_code for a in answers)
            assert statuses == [200, 409], [a.text for a in answers]
            winner = next(a for a in answers if a.status_code == 200).json()["estado"]
            state = api.get(f"/api/spools/{tag}").json()["operaciones"]["ARM"]["estado"]
            assert state == winner
