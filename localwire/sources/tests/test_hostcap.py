"""The per-host cap shared through Redis: several processes, each with several threads, never have
more than the cap in flight to one host; a killed holder's slot comes back when its lease ends; and
with Redis away each process keeps to its own cap."""

import multiprocessing
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from localwire.sources.hostcap import LocalSlots, RedisSlots
from localwire.sources.http import Fetcher
from localwire.sources.tests.serving import LOCAL

REDIS_URL = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


class InFlight:
    """A route that holds each request a moment and notes the most it ever held at once."""

    def __init__(self, hold: float = 0.15):
        self.hold, self.now, self.most, self.served = hold, 0, 0, 0
        self._lock = threading.Lock()

    def __call__(self, request):
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.hold)
        with self._lock:
            self.now -= 1
            self.served += 1
        return 200, {"Content-Type": "text/plain"}, b"ok"


def fetch_from_one_process(url: str, prefix: str, per_host: int, fetches: int) -> int:
    """In a child process: four threads fetching ``url`` through the shared slots."""
    slots = RedisSlots(REDIS_URL, per_host, prefix=prefix)
    with Fetcher(allow_private=LOCAL, per_host=per_host, slots=slots) as fetcher:
        with ThreadPoolExecutor(4) as pool:
            return sum(r.status == 200 for r in pool.map(lambda _: fetcher.get(url), range(fetches)))


def hold_a_slot_forever(prefix: str, taken) -> None:
    slots = RedisSlots(REDIS_URL, 1, prefix=prefix, margin=0)
    assert slots.acquire("publisher.example", timeout=2, lease=3.0) is not None
    taken.set()
    time.sleep(600)


@pytest.mark.redis
@pytest.mark.slow
def test_processes_sharing_redis_never_exceed_the_cap_to_one_host(server):
    route = InFlight()
    server.route("/page", route)
    prefix = f"test-fetch-slots-{secrets.token_hex(4)}:"
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(4) as pool:
        results = [pool.apply_async(fetch_from_one_process, (server.url("/page"), prefix, 2, 6)) for _ in range(4)]
        fetched = sum(result.get(timeout=120) for result in results)
    assert fetched == route.served == 24
    # Sixteen threads wanted the host at once; the cap held, and was used.
    assert route.most == 2


@pytest.mark.redis
def test_a_killed_holders_slot_comes_back_when_its_lease_ends():
    prefix = f"test-fetch-slots-{secrets.token_hex(4)}:"
    taken = multiprocessing.get_context("spawn").Event()
    holder = multiprocessing.get_context("spawn").Process(target=hold_a_slot_forever, args=(prefix, taken))
    holder.start()
    try:
        assert taken.wait(60)
        os.kill(holder.pid, 9)
        holder.join(10)
        slots = RedisSlots(REDIS_URL, 1, prefix=prefix, margin=0)
        assert slots.acquire("publisher.example", timeout=0.1) is None  # still leased
        started = time.monotonic()
        token = slots.acquire("publisher.example", timeout=10)
        assert token is not None and time.monotonic() - started < 4
        slots.release("publisher.example", token)
    finally:
        holder.kill()


def test_with_redis_away_each_process_keeps_its_own_cap(server):
    route = InFlight(hold=0.1)
    server.route("/page", route)
    away = RedisSlots("redis://127.0.0.1:1/0", 2, fallback=LocalSlots(2))
    with Fetcher(allow_private=LOCAL, per_host=2, slots=away) as fetcher:
        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(lambda _: fetcher.get(server.url("/page")).status, range(6)))
    assert statuses == [200] * 6
    assert route.most == 2
