"""`python -m bench.record_calls OUT.json [behave args...]`: run behave in this process and
write every HTTP call it makes, in the order they were sent, for bench.plain_replay.

The calls are taken at requests' transport (HTTPAdapter.send), so the run's set-up and
clean-up calls are in the sequence too, not only those the Allure report attaches.
"""

import json
import sys
import threading
import time
from pathlib import Path

from behave.__main__ import main as behave_main
from requests.adapters import HTTPAdapter


def recorded_run(behave_args: list[str]) -> tuple[int, list[dict]]:
    """behave's exit status and the calls it made: method, url, body, stream, status."""
    calls: list[dict] = []
    lock = threading.Lock()
    send = HTTPAdapter.send

    def recording_send(adapter, request, **kwargs):
        started = time.perf_counter()
        response = send(adapter, request, **kwargs)
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        with lock:
            calls.append({"started": started, "method": request.method, "url": request.url,
                          "body": body, "stream": bool(kwargs.get("stream")),
                          "status": response.status_code})
        return response

    HTTPAdapter.send = recording_send
    try:
        status = behave_main(behave_args)
    finally:
        HTTPAdapter.send = send
    calls.sort(key=lambda call: call["started"])
    return status, calls


def main(argv: list[str]) -> int:
    out, behave_args = Path(argv[0]), argv[1:]
    status, calls = recorded_run(behave_args)
    out.write_text(json.dumps(calls, indent=1))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
