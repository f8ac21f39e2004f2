"""Moving pending view counts from the cache into the database, in batches.

Called every ``LOCALWIRE_VIEWS_FLUSH_SECONDS`` by ``localwire serve``'s flusher thread
(``flush_thread.py``, handed this function by ``serve.py``) and by the Celery beat task
``localwire.flush_views``. Safe to run anywhere, any number of times, at once:

- Claiming a count is ``decr(pending, n)`` by the ``n`` just read, never ``set(pending, 0)``: a view
  counted between the read and the decrement stays in the counter for the next flush, so the race
  between the request path's ``incr`` and the flusher loses nothing.
- A cache lock lets one flusher work at a time. Should two still overlap (the lock outlived), a
  decrement that lands below zero gives the excess back, so one count is never written twice.
- The database adds with ``INSERT … ON CONFLICT DO UPDATE SET views = views + excluded.views``
  (SQLite ≥ 3.24 and PostgreSQL read it the same), one transaction per batch, so concurrent
  flushers' increments add up rather than overwrite.
- Claims come before the write; if the write fails, the claims are given back to the cache. A
  process killed between the two loses that batch (under-counting, never double counting).
- Views by source (``counting.source_key``) go the same way in the same batch and transaction:
  each journalled article's source counters are read with its view counter, claimed by decrement,
  written with the same ``ON CONFLICT`` add into ``ArticleViewSource``, and given back together.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from localwire.articles.models import Article
from localwire.caching.journal import claim_counters, flush_lock, return_counters
from localwire.metrics.counting import VIEWED, pending_key, source_key
from localwire.metrics.models import ArticleViewDay, ArticleViewSource, PublisherViews
from localwire.metrics.sources import SOURCES

log = logging.getLogger(__name__)

BATCH = 500
LOCK_KEY = VIEWED.lock_key
LOCK_SECONDS = 300


def flush_views(now: datetime | None = None, batch: int = BATCH) -> int:
    """Write every pending count of today and yesterday to the database; returns the views moved."""
    started, moved = time.monotonic(), 0
    with flush_lock(LOCK_KEY, LOCK_SECONDS) as held:
        if not held:
            return 0
        today = timezone.localdate(now or timezone.now())
        for day in (today - timedelta(days=1), today):
            for article_ids in VIEWED.batches(day, batch):
                moved += _flush_batch(day, article_ids)
    if moved:
        log.info("flushed %d views in %d ms", moved, (time.monotonic() - started) * 1000)
    return moved


def _keys(day: date, article_ids: list[int]) -> dict[str, tuple[int, str]]:
    """Every counter the articles may have that day: the views (source "") and one per source."""
    keys = {}
    for article_id in article_ids:
        keys[pending_key(day, article_id)] = (article_id, "")
        for source in SOURCES:
            keys[source_key(day, article_id, source)] = (article_id, source)
    return keys


def _flush_batch(day: date, article_ids: list[int]) -> int:
    keys = _keys(day, article_ids)
    claims = claim_counters(list(keys))
    if not claims:
        return 0
    views: dict[int, int] = {}
    sources: dict[tuple[int, str], int] = {}
    for key, n in claims.items():
        article_id, source = keys[key]
        if source:
            sources[article_id, source] = n
        else:
            views[article_id] = n
    try:
        with transaction.atomic():
            moved = write_counts(day, views) if views else 0
            write_sources(day, sources)
            return moved
    except Exception:
        return_counters(claims)
        raise


def write_sources(day: date, claims: dict[tuple[int, str], int]) -> None:
    """Add views by source to the daily rows, as ``write_counts`` adds views. Articles deleted since are dropped."""
    if not claims:
        return
    existing = set(Article.objects.filter(pk__in={a for a, _ in claims}).values_list("pk", flat=True))
    table = ArticleViewSource._meta.db_table
    stored_day = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, day, source, views) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (article_id, day, source) DO UPDATE SET views = {table}.views + excluded.views",
            [(a, stored_day, source, n) for (a, source), n in sorted(claims.items()) if a in existing],
        )


def write_counts(day: date, claims: dict[int, int]) -> int:
    """Add counts to the daily rows and the publishers' totals. Articles deleted since are dropped."""
    publishers = dict(Article.objects.filter(pk__in=list(claims)).values_list("pk", "publisher_id"))
    per_publisher: dict[int, int] = defaultdict(int)
    for article_id, publisher_id in publishers.items():
        per_publisher[publisher_id] += claims[article_id]
    if not publishers:
        return 0
    days, totals = ArticleViewDay._meta.db_table, PublisherViews._meta.db_table
    stored_day = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {days} (article_id, day, views) VALUES (%s, %s, %s) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET views = {days}.views + excluded.views",
            [(a, stored_day, claims[a]) for a in sorted(publishers)],
        )
        cursor.executemany(
            f"INSERT INTO {totals} (publisher_id, views) VALUES (%s, %s) "
            f"ON CONFLICT (publisher_id) DO UPDATE SET views = {totals}.views + excluded.views",
            sorted(per_publisher.items()),
        )
    return sum(per_publisher.values())
