"""Totals of what every process counted (``localwire.tally``), kept where all of them can add and read.

Several web processes serve one port and Prometheus scrapes whichever answers, so a process's own
counts are not enough: each moves its counts into shared totals every ``FLUSH_SECONDS``, from a
thread of its own (a page never waits on it), and the process answering a scrape moves its own
first. Where the totals live follows the cache setting:

- ``CACHE_URL=redis://…``: one Redis hash, added to with ``HINCRBYFLOAT`` in one round trip. It is
  shared by every process and machine and keeps answering while the database is away, which is
  when the 503 count matters most.
- otherwise (a cache in each process): rows of ``CounterTotal`` in the database, the one thing the
  processes of ``localwire serve --processes N`` share, added to by an upsert every few seconds.

A move that fails gives its counts back to the process to try again later, and is logged at most
once a minute; at worst a process killed before its next move loses ``FLUSH_SECONDS`` of counts.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections.abc import Mapping

from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connection, transaction

from localwire import tally
from localwire.metrics.models import CounterTotal

log = logging.getLogger(__name__)

FLUSH_SECONDS = 10.0
REDIS_KEY = "lw:metrics:totals"
_flushing = False  # this process's flushing thread runs (a forked child's does not: it has none)
_starting = threading.Lock()
_failed_logged_at = 0.0


def uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


class RedisTotals:
    def __init__(self):
        cache = caches["default"]
        self.client = cache._cache.get_client(write=True)  # Django's RedisCache has no hash commands
        self.key = cache.make_key(REDIS_KEY)

    def add(self, counts: Mapping[str, float]) -> None:
        pipe = self.client.pipeline(transaction=True)  # MULTI/EXEC: a dropped connection adds none, not some
        for name, amount in counts.items():
            pipe.hincrbyfloat(self.key, name, amount)
        pipe.execute()

    def read(self) -> dict[str, float]:
        return {name.decode(): float(value) for name, value in self.client.hgetall(self.key).items()}


class DatabaseTotals:
    def add(self, counts: Mapping[str, float]) -> None:
        table = connection.ops.quote_name(CounterTotal._meta.db_table)
        # ON CONFLICT … DO UPDATE is spoken alike by SQLite (3.24+) and PostgreSQL; Django's
        # bulk_create can only overwrite on conflict, not add.
        sql = (f"INSERT INTO {table} (name, total) VALUES (%s, %s) "
               f"ON CONFLICT (name) DO UPDATE SET total = {table}.total + excluded.total")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, sorted(counts.items()))  # one order for all: no deadlock between processes

    def read(self) -> dict[str, float]:
        return dict(CounterTotal.objects.values_list("name", "total"))


def shared_totals() -> RedisTotals | DatabaseTotals:
    return RedisTotals() if uses_redis() else DatabaseTotals()


def flush() -> bool:
    """Move this process's counts into the shared totals. False when the store could not take them.
    With the metrics off (no ``LOCALWIRE_METRICS_TOKEN``) counts are dropped: nobody reads them."""
    global _failed_logged_at
    counts = tally.take()
    if not counts or not settings.LOCALWIRE_METRICS_TOKEN:
        return True
    try:
        shared_totals().add(counts)
        return True
    except Exception:
        tally.give_back(counts)
        now = time.monotonic()
        if now - _failed_logged_at >= 60:
            _failed_logged_at = now
            log.warning("request metrics not moved to the shared totals; kept to try again", exc_info=True)
        return False


def read() -> dict[str, float]:
    """Every process's totals, this one's counts moved in first."""
    flush()
    return shared_totals().read()


def keep_flushing() -> None:
    """Start this process's flushing thread unless it runs already (a forked child starts its own)."""
    global _flushing
    if _flushing or not FLUSH_SECONDS:
        return
    with _starting:  # the first requests of a process arrive on several threads at once
        if not _flushing:
            _flushing = True
            threading.Thread(target=_flush_forever, name="localwire-metrics-flusher", daemon=True).start()


def _flush_forever() -> None:
    while True:
        time.sleep(FLUSH_SECONDS)
        flush()
        close_old_connections()


def _forget_the_thread() -> None:
    global _flushing, _starting
    _flushing, _starting = False, threading.Lock()


atexit.register(flush)  # a clean stop keeps its last counts
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_the_thread)
