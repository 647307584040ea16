"""The in-process fan-out: bounded per reader, nothing kept once a stream's response ends."""

import asyncio
import threading

from standin.routers.stream import EventStreamResponse, spool_update_frames
from standin.stream_hub import StreamHub


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 10))


def test_updates_published_from_other_threads_arrive_in_order():
    async def scenario():
        hub = StreamHub(backlog_limit=100)
        subscription = hub.subscribe()
        publisher = threading.Thread(target=lambda: [hub.publish({"n": n}) for n in range(50)])
        publisher.start()
        received = []
        while len(received) < 50:
            received += await subscription.next_updates(1.0)
        publisher.join()
        return received

    assert run(scenario()) == [{"n": n} for n in range(50)]


def test_a_reader_that_falls_behind_is_ended_with_bounded_memory():
    async def scenario():
        hub = StreamHub(backlog_limit=5)
        subscription = hub.subscribe()
        for n in range(1000):
            hub.publish({"timestamp": "01-12-2026 06:00:00", "n": n})
        await asyncio.sleep(0.05)  # let the loop run the deliveries
        frames = [frame async for frame in spool_update_frames(subscription, 60)]
        return subscription, frames

    subscription, frames = run(scenario())
    assert subscription.overflowed
    assert len(frames) == 5


def test_a_closed_response_leaves_no_subscription_behind():
    async def scenario():
        hub = StreamHub(backlog_limit=10)
        response = EventStreamResponse(hub.subscribe(), ping_interval=60)
        assert hub.subscriber_count == 1
        sent = []

        async def receive():
            await asyncio.sleep(0.05)
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        # 2.3, as uvicorn announces: the response listens for the disconnect
        await response({"type": "http", "asgi": {"spec_version": "2.3"}}, receive, send)
        return hub.subscriber_count, sent

    remaining, sent = run(scenario())
    assert remaining == 0
    assert sent[0]["type"] == "http.response.start"


def test_publishing_to_a_hub_without_streams_is_harmless():
    StreamHub(backlog_limit=1).publish({"n": 1})
