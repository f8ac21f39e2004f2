"""Counting article page views in the cache, with no database write on the request path.

Per request, through the day's journal of viewed articles (``caching/journal.py``):

1. ``first_today(article, visitor)`` — one atomic ``add`` until the end of the local day. A visitor
   already seen today stops here (one cache call).
2. ``incr(pending:<day>:<article>)``. When the counter does not exist yet — the article's first
   counted view that day — it is created with ``add`` and the article is appended to the journal:
   that is how the flusher finds counters, since Django's cache cannot list keys.
3. ``incr(from:<day>:<article>:<source>)``, where the reader came from (``sources.py``): a counter per
   article, day and source. No second journal: the flusher asks for each journalled article's few
   possible source counters in the same ``get_many`` as its view counter.

Pending counters and journals carry the day in their key and live for two days, so a counter is
never expired while it is still being incremented, and the flusher has a whole day to drain it.
``views_flush.flush_views`` moves the counts into the database.

Any cache error is logged (at most once a minute) and swallowed; after one, counting pauses for
``PAUSE_SECONDS`` in this process so a Redis that went away costs one slow request, not every one.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from localwire.caching.journal import KEEP_SECONDS, DailyJournal, incr_or_create
from localwire.metrics.sources import source_of
from localwire.metrics.visitors import counts, visitor_id

log = logging.getLogger(__name__)

PREFIX = "lw:views"
PAUSE_SECONDS = 30.0
VIEWED = DailyJournal(PREFIX)  # each day's articles with a pending counter, once each


def pending_key(day: date, article_id: int) -> str:
    return f"{PREFIX}:pending:{day.isoformat()}:{article_id}"


def source_key(day: date, article_id: int, source: str) -> str:
    return f"{PREFIX}:from:{day.isoformat()}:{article_id}:{source}"


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


def count_view(article_id: int, visitor: str, now: datetime, source: str = "") -> bool:
    """Count this visitor's view of the article unless already counted today, and where it came
    from when ``source`` is given. Raises on cache errors."""
    if not VIEWED.first_today(now, article_id, visitor):
        return False
    day = timezone.localtime(now).date()
    _, created = incr_or_create(pending_key(day, article_id))
    if created:  # the article's first counted view today: journal it so the flusher finds the counter
        VIEWED.append(day, article_id)
    if source:  # after the view's own counter: a cache failure here costs the source, not the view
        incr_or_create(source_key(day, article_id, source))
    return True


def record_view(request, article_id: int, now: datetime | None = None) -> bool:
    """The article page's one call: True when this request was counted. Never raises."""
    if not settings.LOCALWIRE_COUNT_VIEWS or not guard.open() or not counts(request):
        return False
    try:
        local = timezone.localtime(now or timezone.now())
        return count_view(article_id, visitor_id(request, daily_salt(local.date())), local, source_of(request))
    except Exception:  # the page matters more than the count
        guard.failed(f"counting a view of article {article_id}")
        return False
