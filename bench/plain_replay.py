"""`python -m bench.plain_replay PLAN.json BASE_URL OLD_RUN_ID NEW_RUN_ID`: the plain script.

Sends a recorded sequence of calls with one bare requests.Session and nothing else: no
schemas, no reporting, no retries. Every spool tag carries the recording run's id, so
renaming that id makes the replay create and use spools of its own. A live-update
stream is opened (its headers read: the stand-in subscribes before it sends them) and kept
open until the next spool is created, as a scenario keeps its stream until its end.
Prints the statuses as JSON.
"""

import json
import sys
import time

import requests

TIMEOUT = (3.05, 10)
NEW_SPOOL_PATH = "/api/testing/spools"


def open_stream(session: requests.Session, url: str) -> requests.Response:
    return session.get(url, stream=True, timeout=TIMEOUT)


def replay(plan: list[dict], base_url: str, old_id: str, new_id: str) -> list[int]:
    session = requests.Session()
    streams: list[requests.Response] = []
    statuses = []
    for call in plan:
        url = base_url + call["path"].replace(old_id, new_id)
        if call["stream"]:
            response = open_stream(session, url)
            streams.append(response)
        else:
            if call["path"] == NEW_SPOOL_PATH:
                while streams:
                    streams.pop().close()
            body = call["body"]
            if body is not None:
                body = json.loads(body.replace(old_id, new_id))
            response = session.request(call["method"], url, json=body, timeout=TIMEOUT)
            response.content  # noqa: B018 - read the whole answer, as a client must
        statuses.append(response.status_code)
    for response in streams:
        response.close()
    session.close()
    return statuses


def main(argv: list[str]) -> int:
    plan_file, base_url, old_id, new_id = argv
    with open(plan_file) as plan:
        calls = json.load(plan)
    started = time.perf_counter()
    statuses = replay(calls, base_url, old_id, new_id)
    seconds = time.perf_counter() - started
    json.dump({"seconds": seconds, "statuses": statuses}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
