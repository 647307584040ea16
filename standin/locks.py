"""Spool locks on Redis, as the real API keeps them: `spool_lock:<tag>` = `<worker_id>:<uuid4>`,
SET NX EX to take, compare-and-delete to release. Redis errors propagate (503 upstream)."""

import uuid
from dataclasses import dataclass

from redis import Redis

# Only the exact value taken may release the lock: a lapsed-and-retaken lock is not ours.
RELEASE_IF_HELD = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


def spool_lock_key(tag: str) -> str:
    return f"spool_lock:{tag}"


@dataclass(frozen=True)
class HeldLock:
    worker_id: int | str  # a str only for a value some other writer left in Redis
    value: str

    @classmethod
    def parse(cls, value: str) -> "HeldLock":
        worker_id, _, _ = value.partition(":")
        return cls(int(worker_id) if worker_id.isdecimal() else worker_id, value)


class SpoolLocks:
    def __init__(self, redis: Redis, ttl_seconds: int):
        self._redis = redis
        self.ttl_seconds = ttl_seconds
        self._release = redis.register_script(RELEASE_IF_HELD)

    def try_take(self, tag: str, worker_id: int) -> HeldLock | None:
        """The lock now held by worker_id, or None when someone holds it."""
        value = f"{worker_id}:{uuid.uuid4()}"
        if self._redis.set(spool_lock_key(tag), value, nx=True, ex=self.ttl_seconds):
            return HeldLock(worker_id, value)
        return None

    def holder(self, tag: str) -> HeldLock | None:
        value = self._redis.get(spool_lock_key(tag))
        return None if value is None else HeldLock.parse(value)

    def release(self, tag: str, lock: HeldLock) -> bool:
        """False when the lock lapsed (or was retaken) in the meantime."""
        return bool(self._release(keys=[spool_lock_key(tag)], args=[lock.value]))

    def clear(self, tag: str) -> None:
        self._redis.delete(spool_lock_key(tag))
