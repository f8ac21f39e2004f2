"""Reading history: the articles a signed-in reader opened, noted in the cache by the article page
and moved into ``ArticleRead`` rows by the same flusher that moves view counts.

It is noted in a day's journal (``caching/journal.py``, the same one view counting keeps), so
opening an article still costs no database write:

1. ``first_today(user, article)``: a reader opening the same article again that day notes nothing
   more (one cache call).
2. ``append`` ``"<user>:<article>:<unix time>"`` to the day's journal (whole seconds, rounded
   down, so a read in the same second as a clear counts as before it).

``flush_reads`` walks each day's journal from its cursor and inserts with
``ON CONFLICT DO NOTHING``: a row records the *first* read, so a note written twice (two flushers,
a retry after a failed write) changes nothing. The cursor only moves after the write succeeded.

Clearing one's history leaves a mark in the cache, so notes taken before it and not yet flushed are
dropped instead of quietly coming back. Notes of deleted accounts or articles are dropped too.

Anonymous visitors, bots and prefetches are never noted, nor anyone with
``LOCALWIRE_READING_HISTORY`` off. Cache errors pause recording through view counting's guard and
never break the page.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone as dt_timezone

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from localwire.articles.models import Article
from localwire.caching.journal import KEEP_SECONDS, DailyJournal, flush_lock
from localwire.community.models import ArticleRead
from localwire.metrics.counting import guard
from localwire.metrics.visitors import counts

log = logging.getLogger(__name__)

PREFIX = "lw:reads"
BATCH = 500
IN_FLIGHT = 50  # a missing slot this close to the journal's end may still be being written
LOCK_SECONDS = 300
READS = DailyJournal(PREFIX)


def cleared_key(user_id: int) -> str:
    return f"{PREFIX}:cleared:{user_id}"


def note_read(user_id: int, article_id: int, now: datetime) -> bool:
    """Note the read unless this reader already opened the article today. Raises on cache errors."""
    if not READS.first_today(now, user_id, article_id):
        return False
    READS.append(timezone.localdate(now), f"{user_id}:{article_id}:{int(now.timestamp())}")
    return True


def record_read(request, article_id: int, now: datetime | None = None) -> bool:
    """The article page's one call: True when this read was noted. Never raises."""
    if not settings.LOCALWIRE_READING_HISTORY or not guard.open():
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not counts(request):
        return False
    try:
        return note_read(user.pk, article_id, now or timezone.now())
    except Exception:  # the page matters more than the history
        guard.failed(f"noting a read of article {article_id}")
        return False


def history_of(user, limit: int | None = 50):
    """A reader's reads, most recent first, with each article's publisher; ``None`` for all."""
    rows = (ArticleRead.objects.filter(user=user).select_related("article__publisher")
            .order_by("-first_read_at", "-id"))
    return rows if limit is None else rows[:limit]


def forget_pending(user_id: int, now: datetime | None = None) -> None:
    """Drop notes of this reader not yet flushed (called when they clear their history)."""
    try:
        cache.set(cleared_key(user_id), (now or timezone.now()).timestamp(), timeout=KEEP_SECONDS)
    except Exception:  # the rows are gone already; at worst a minute of reads comes back
        log.warning("could not mark reader %s's pending reads as cleared", user_id, exc_info=True)


def flush_reads(now: datetime | None = None, batch: int = BATCH) -> int:
    """Write the reads noted today and yesterday into ``ArticleRead``; returns the notes handled."""
    handled = 0
    with flush_lock(READS.lock_key, LOCK_SECONDS) as held:
        if not held:
            return 0
        today = timezone.localdate(now or timezone.now())
        for day in (today - timedelta(days=1), today):
            handled += _flush_day(day, batch)
    if handled:
        log.info("flushed %d reads", handled)
    return handled


def _flush_day(day: date, batch: int) -> int:
    last, done, handled = READS.length(day), READS.cursor(day), 0
    while done < last:
        numbers = range(done + 1, min(done + batch, last) + 1)
        slots = READS.read(day, numbers)
        notes, reached = [], done
        for n in numbers:
            note = slots.get(n)
            if note is None and last - n < IN_FLIGHT:
                break  # its writer may be between incr and set: read it on the next flush
            if note is not None:
                notes.append(note)
            reached = n
        handled += write_reads([_parse(n) for n in notes])
        READS.move_cursor(day, reached)
        if reached < numbers[-1]:
            break
        done = reached
    return handled


def _parse(note: str) -> tuple[int, int, float]:
    user_id, article_id, stamp = note.split(":")
    return int(user_id), int(article_id), float(stamp)


def write_reads(notes: list[tuple[int, int, float]]) -> int:
    """Insert (user, article, time) notes, keeping each pair's earliest; skips cleared and deleted ones."""
    if not notes:
        return 0
    users = {u for u, _, _ in notes}
    marks = cache.get_many([cleared_key(u) for u in users])
    cleared = {u: marks.get(cleared_key(u), 0.0) for u in users}
    live_users = set(get_user_model().objects.filter(pk__in=users).values_list("pk", flat=True))
    live_articles = set(Article.objects.filter(pk__in={a for _, a, _ in notes}).values_list("pk", flat=True))
    first: dict[tuple[int, int], float] = {}
    for user_id, article_id, stamp in notes:
        if user_id in live_users and article_id in live_articles and stamp > cleared[user_id]:
            key = (user_id, article_id)
            first[key] = min(stamp, first.get(key, stamp))
    ArticleRead.objects.bulk_create(
        [ArticleRead(user_id=u, article_id=a, first_read_at=datetime.fromtimestamp(t, tz=dt_timezone.utc))
         for (u, a), t in sorted(first.items())], ignore_conflicts=True)
    return len(notes)
