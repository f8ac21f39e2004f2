"""How many fetches one host may have in flight at once: per process, or shared through Redis.

``LocalSlots`` is a semaphore per host inside one process: right for ``localwire serve``, whose
crawler threads are the only ones fetching. With Celery, every worker process on every machine
fetches, and N processes with 4 slots each would hit one publisher N × 4 times at once.
``RedisSlots`` keeps the count in Redis instead, so the cap holds across all of them.

A slot in Redis is a member of a sorted set per host, scored by when its lease ends; taking one
first drops the members whose lease ran out, all in one script, timed by the Redis server's clock so
machines whose clocks differ agree. A worker killed mid-fetch (``kill -9``, a lost machine) never
releases its slot, and none is needed: its lease, the fetch's deadline plus a margin, runs out and
the slot comes back by itself. While Redis cannot be reached the process falls back to its own
slots, so fetching goes on, less tightly capped, until Redis answers again.

No Django here, like ``http.py``: ``context.py`` picks the kind from settings.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid

log = logging.getLogger(__name__)

LEASE_MARGIN = 5.0  # seconds past the fetch's own deadline before a slot is taken as abandoned
KEY_PREFIX = "localwire:fetch-slots:"

# KEYS[1]: the host's slots; ARGV: the cap, the lease in ms, this holder's token. 1 if taken.
TAKE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
"""


class LocalSlots:
    """A bounded semaphore per host, for the threads of one process."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def acquire(self, host: str, timeout: float, lease: float = 0.0) -> object | None:
        """A token to give back to ``release``, or None when no slot came free within ``timeout``."""
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        return slot if slot.acquire(timeout=max(0.0, timeout)) else None

    def release(self, host: str, token: object) -> None:
        token.release()


class RedisSlots:
    """``per_host`` slots per host shared by every process using the same Redis."""

    def __init__(self, url: str, per_host: int, fallback: LocalSlots | None = None,
                 margin: float = LEASE_MARGIN, prefix: str = KEY_PREFIX):
        self.url, self.per_host, self.margin, self.prefix = url, per_host, margin, prefix
        self.fallback = fallback or LocalSlots(per_host)
        self._client = None
        self._script = None
        self._lock = threading.Lock()
        self._warned_at = 0.0

    def _take_script(self):
        with self._lock:
            if self._script is None:
                import redis

                # Short socket timeouts: Redis away costs a fetch half a second, then the fallback.
                self._client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5, socket_timeout=0.5)
                self._script = self._client.register_script(TAKE)
            return self._script

    def acquire(self, host: str, timeout: float, lease: float = 30.0) -> object | None:
        from redis.exceptions import RedisError

        end = time.monotonic() + max(0.0, timeout)
        token = uuid.uuid4().hex
        lease_ms = max(1, int((lease + self.margin) * 1000))
        pause = 0.02
        while True:
            try:
                if self._take_script()(keys=[self.prefix + host], args=[self.per_host, lease_ms, token]):
                    return ("redis", token)
            except RedisError as exc:
                self._warn(exc)
                local = self.fallback.acquire(host, end - time.monotonic())
                return ("local", local) if local is not None else None
            left = end - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, 0.25)

    def release(self, host: str, token: object) -> None:
        kind, value = token
        if kind == "local":
            self.fallback.release(host, value)
            return
        from redis.exceptions import RedisError

        try:
            self._client.zrem(self.prefix + host, value)
        except RedisError as exc:  # the lease gives the slot back by itself
            self._warn(exc)

    def _warn(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at > 60:
            self._warned_at = now
            log.warning("fetch slots: Redis not answering (%s); capping fetches per process until it does", exc)
