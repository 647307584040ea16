"""Production-scale concurrency on the real pool: one winner per race, no errors under load,
streams that never take a pool connection."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from .conftest import NAMES, TODAY
from .sse import StreamReader

CYCLE = [(operacion, action) for operacion in ("ARM", "SOLD")
         for action in ("tomar", "pausar", "tomar", "completar")]
EVENTS_PER_CYCLE = 10  # each half: TOMAR, PAUSAR, TOMAR, COMPLETAR, STATE_CHANGE


def test_twenty_workers_race_for_one_spool_fifty_times(api):
    barrier = threading.Barrier(20)
    sessions = [requests.Session() for _ in range(20)]

    def take(tag_and_racer):
        tag, racer = tag_and_racer
        barrier.wait()
        return sessions[racer].post(f"{api.base_url}/api/occupation/tomar", timeout=30, json={
            "tag_spool": tag, "worker_id": 100 + racer, "worker_nombre": f"R({100 + racer})",
            "operacion": "ARM"})

    with ThreadPoolExecutor(max_workers=20) as executor:
        for _ in range(50):
            tag = api.fresh_spool()
            responses = list(executor.map(take, [(tag, racer) for racer in range(20)]))
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200] + [409] * 19, statuses
            winner = next(r for r in responses if r.status_code == 200).json()["message"]
            winner_id = winner.rsplit("(", 1)[1].rstrip(")")
            assert all(f"ocupado por Worker {winner_id} " in r.json()["detail"]
                       for r in responses if r.status_code == 409)


def test_fifty_workers_cycling_while_twenty_streams_watch(api, standin):
    tags = [api.fresh_spool() for _ in range(50)]
    readers = [StreamReader(standin.base_url) for _ in range(20)]
    peak = {"utilization": 0.0}
    stop = threading.Event()

    def watch_pool():
        session = requests.Session()
        while not stop.wait(0.01):
            stats = session.get(f"{api.base_url}/api/redis-connection-stats", timeout=10).json()
            peak["utilization"] = max(peak["utilization"], stats["utilization_percent"])

    def cycle(index):
        session, tag, worker = requests.Session(), tags[index], 93 + index % 3
        failures = []
        for operacion, action in CYCLE:
            body = {"tag_spool": tag, "worker_id": worker, "worker_nombre": NAMES[worker],
                    "operacion": operacion}
            if action == "completar":
                body["fecha_operacion"] = TODAY
            response = session.post(f"{api.base_url}/api/occupation/{action}", json=body,
                                    timeout=30)
            if response.status_code != 200:
                failures.append((tag, action, operacion, response.status_code, response.text))
        return failures

    watcher = threading.Thread(target=watch_pool, daemon=True)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=50) as executor:
            failures = [f for result in executor.map(cycle, range(50)) for f in result]
        assert failures == []
        expected = EVENTS_PER_CYCLE * len(tags)
        wanted = set(tags)
        for reader in readers:
            assert reader.wait_until(
                lambda r=reader: len([e for e in r.events if e["tag_spool"] in wanted])
                >= expected, 10), "a stream missed updates"
            for tag in tags[:5]:
                kinds = [(e["event_type"], e["operacion"]) for e in reader.events
                         if e["tag_spool"] == tag]
                assert kinds == [(kind, operacion) for operacion in ("ARM", "SOLD") for kind in
                                 ("TOMAR", "PAUSAR", "TOMAR", "COMPLETAR", "STATE_CHANGE")]
    finally:
        stop.set()
        watcher.join()
        for reader in readers:
            reader.close()
    assert 0 < peak["utilization"] <= 80


def test_two_hundred_streams_opened_and_closed_leave_the_pool_as_it_was(api, standin):
    before = api.get("/api/redis-connection-stats").json()["active_connections"]
    for _ in range(200):
        reader = StreamReader(standin.base_url)
        assert reader.response.status == 200
        reader.close()
    time.sleep(0.2)
    assert api.get("/api/redis-connection-stats").json()["active_connections"] == before
    assert api.get("/api/health").json()["status"] == "healthy"
    assert api.tomar(api.fresh_spool(), 93).status_code == 200


def test_a_holder_pausing_and_completing_at_once_succeeds_once(api):
    with ThreadPoolExecutor(max_workers=2) as executor:
        for _ in range(20):
            tag = api.fresh_spool()
            api.tomar(tag, 93)
            barrier = threading.Barrier(2)

            def send(action, tag=tag, barrier=barrier):
                body = {"tag_spool": tag, "worker_id": 93, "worker_nombre": "MR(93)",
                        "operacion": "ARM", "fecha_operacion": TODAY}
                barrier.wait()
                return requests.post(f"{api.base_url}/api/occupation/{action}", json=body,
                                     timeout=30)

            answers = list(executor.map(send, ["pausar", "completar"]))
            statuses = sorted(a.status_code for a in answers)
            assert statuses[0] == 200 and statuses[1] in (400, 410), [a.text for a in answers]
            assert len(api.history(tag)) == 1 and api.history(tag)[0]["end_time"]
