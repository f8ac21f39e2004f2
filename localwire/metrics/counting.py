"""Counting article page views in the cache, with no database write on the request path.

Per request:

1. ``add(seen:<day>:<article>:<visitor>)`` with a timeout at the end of the local day — atomic on
   Redis and locmem, so of two simultaneous requests from one visitor exactly one wins. A visitor
   already seen today stops here (one cache call).
2. ``incr(pending:<day>:<article>)``. When the counter does not exist yet — the article's first
   counted view that day — it is created with ``add`` and the article is written into that day's
   journal (``incr`` a sequence, ``set`` the slot): that is how the flusher finds counters, since
   Django's cache cannot list keys.

Pending counters and journals carry the day in their key and live for two days, so a counter is
never expired while it is still being incremented, and the flusher has a whole day to drain it.
``flush.flush_views`` moves the counts into the database.

Any cache error is logged (at most once a minute) and swallowed; after one, counting pauses for
``PAUSE_SECONDS`` in this process so a Redis that went away costs one slow request, not every one.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from localwire.metrics.visitors import counts, visitor_id

log = logging.getLogger(__name__)

PREFIX = "lw:views"
KEEP_SECONDS = 2 * 24 * 3600  # pending counters, journals and salts: the day itself and one more
PAUSE_SECONDS = 30.0


def seen_key(day: date, article_id: int, visitor: str) -> str:
    return f"{PREFIX}:seen:{day.isoformat()}:{article_id}:{visitor}"


def pending_key(day: date, article_id: int) -> str:
    return f"{PREFIX}:pending:{day.isoformat()}:{article_id}"


def journal_seq_key(day: date) -> str:
    return f"{PREFIX}:journal:{day.isoformat()}"


def journal_slot_key(day: date, slot: int) -> str:
    return f"{PREFIX}:journal:{day.isoformat()}:{slot}"


def seconds_left_in_day(now: datetime) -> int:
    local = timezone.localtime(now) if timezone.is_aware(now) else now
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - local).total_seconds()) + 1)


class _Guard:
    """Remembers a recent cache failure so this process stops trying for a while, and logs sparingly."""

    def __init__(self):
        self._lock = threading.Lock()
        self.paused_until = 0.0
        self._logged_at = 0.0

    def open(self) -> bool:
        return time.monotonic() >= self.paused_until

    def failed(self, what: str) -> None:
        now = time.monotonic()
        with self._lock:
            self.paused_until = now + PAUSE_SECONDS
            quiet = now - self._logged_at < 60
            if not quiet:
                self._logged_at = now
        if not quiet:
            log.warning("view counting paused for %ss: %s failed", int(PAUSE_SECONDS), what, exc_info=True)


guard = _Guard()
_salts: dict[date, bytes] = {}


def daily_salt(day: date) -> bytes:
    """A random salt for the day, shared through the cache by every process that shares the cache;
    nothing derived from it outlives it, so yesterday's hashes cannot be tied to an address."""
    salt = _salts.get(day)
    if salt is None:
        key = f"{PREFIX}:salt:{day.isoformat()}"
        cache.add(key, secrets.token_hex(32), timeout=KEEP_SECONDS)
        salt = (cache.get(key) or secrets.token_hex(32)).encode()
        _salts.clear()  # only today's is kept in memory
        _salts[day] = salt
    return salt


def incr_or_create(key: str, delta: int = 1, timeout: int = KEEP_SECONDS) -> tuple[int, bool]:
    """``incr`` that starts a missing counter (Django's raises ValueError for a missing key);
    returns the new value and whether this call created the counter."""
    try:
        return cache.incr(key, delta), False
    except ValueError:
        if cache.add(key, delta, timeout=timeout):
            return delta, True
        return cache.incr(key, delta), False  # another request created it in between


def count_view(article_id: int, visitor: str, now: datetime) -> bool:
    """Count this visitor's view of the article unless already counted today. Raises on cache errors."""
    local = timezone.localtime(now)
    day = local.date()
    if not cache.add(seen_key(day, article_id, visitor), 1, timeout=seconds_left_in_day(local)):
        return False
    _, created = incr_or_create(pending_key(day, article_id))
    if created:  # the article's first counted view today: journal it so the flusher finds the counter
        slot, _ = incr_or_create(journal_seq_key(day))
        cache.set(journal_slot_key(day, slot), article_id, timeout=KEEP_SECONDS)
    return True


def record_view(request, article_id: int, now: datetime | None = None) -> bool:
    """The article page's one call: True when this request was counted. Never raises."""
    if not settings.LOCALWIRE_COUNT_VIEWS or not guard.open() or not counts(request):
        return False
    try:
        local = timezone.localtime(now or timezone.now())
        return count_view(article_id, visitor_id(request, daily_salt(local.date())), local)
    except Exception:  # the page matters more than the count
        guard.failed(f"counting a view of article {article_id}")
        return False
