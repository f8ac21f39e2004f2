"""Figures read from the stored state at the moment they are asked for: feeds, entries, pending
work, articles, the Celery queue, the shared cache.

Each is a count over a small table or an index (feeds, entries by state, pending work by step),
except the articles' total, which grows with the archive: on PostgreSQL, past ``EXACT_UP_TO``
articles it is the planner's estimate (a count of a million rows takes a fifth of a second there,
the estimate a lookup, and a graph of the archive's size does not need the last row). A scrape
reads them at most once every ``KEEP_SECONDS``, through the cache, so a Prometheus scraping every
few seconds (or several) costs the database one set of counts. ``localwire status`` reads them fresh.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article, PendingWork
from localwire.sources.models import Entry, Feed

log = logging.getLogger(__name__)

KEEP_SECONDS = 15
EXACT_UP_TO = 100_000
CACHE_KEY = "lw:metrics:database"
RECENT = timedelta(hours=1)  # a feed fetched this recently counts as polled
KOMBU_PRIORITY_STEPS = (0, 3, 6, 9)  # kombu's Redis transport keeps a list per queue and priority step
KOMBU_SEPARATOR = "\x06\x16"


def database_figures(now: datetime | None = None) -> dict:
    """Feeds by status, entries pending and failed, pending work per step, articles. Raises when the
    database cannot answer."""
    now = now or timezone.now()
    feeds = {status: 0 for status in Feed.Status.values}
    feeds.update(Feed.objects.values_list("status").annotate(n=Count("id")).order_by())
    fetched = Feed.objects.aggregate(last=Max("last_fetched_at"))["last"]
    return {
        "feeds": feeds,
        "feeds_polled_last_hour": Feed.objects.filter(last_fetched_at__gte=now - RECENT).count(),
        "last_poll": fetched,
        "entries": {state: Entry.objects.filter(state=state).count()
                    for state in (Entry.State.PENDING, Entry.State.FAILED)},
        "pending_work": {step: pending.count(step) for step in PendingWork.Step.values},
        "articles": article_total(),
    }


def article_total() -> int:
    """Exact on SQLite (a covering index: some 25 ms at a million) and on a small PostgreSQL archive;
    PostgreSQL's estimate (``pg_class.reltuples``, kept by autovacuum) past ``EXACT_UP_TO``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Article._meta.db_table])
            row = cursor.fetchone()
        if row and row[0] > EXACT_UP_TO:  # -1 or 0 when the table was never analysed: counted below
            return int(row[0])
    return Article.objects.count()


def kept_database_figures() -> dict:
    """``database_figures`` as read at most ``KEEP_SECONDS`` ago (by any process sharing the cache)."""
    try:
        figures = cache.get(CACHE_KEY)
    except Exception:
        figures = None
    if figures is None:
        figures = database_figures()
        try:
            cache.set(CACHE_KEY, figures, KEEP_SECONDS)
        except Exception:
            pass  # the next scrape counts again; the figures are right either way
    return figures


def queue_names() -> list[str]:
    """The Celery queues the settings name: the default queue and any in the routes or queue list."""
    names = [getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", None) or "celery"]
    for route in (getattr(settings, "CELERY_TASK_ROUTES", None) or {}).values():
        if isinstance(route, dict) and route.get("queue"):
            names.append(route["queue"])
    for queue in getattr(settings, "CELERY_TASK_QUEUES", None) or ():
        names.append(getattr(queue, "name", queue))
    return list(dict.fromkeys(names))


def queue_depths() -> dict[str, int] | None:
    """Tasks waiting in each Celery queue when the broker is Redis (``LLEN`` of its lists); None
    with no broker or another kind. Raises when Redis cannot answer."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        names = queue_names()
        pipe = client.pipeline(transaction=False)
        for name in names:
            for step in KOMBU_PRIORITY_STEPS:
                pipe.llen(f"{name}{KOMBU_SEPARATOR}{step}" if step else name)
        lengths = pipe.execute()
    finally:
        client.close()
    size = len(KOMBU_PRIORITY_STEPS)
    return {name: sum(lengths[i * size:(i + 1) * size]) for i, name in enumerate(names)}


def shared_cache_lookups() -> dict[str, int] | None:
    """Hits and misses the Redis behind ``CACHE_URL`` counted since it started (the whole server's,
    so the page cache's and the counts' together); None with a cache in each process."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return None
    stats = cache._cache.get_client().info("stats")
    return {"hits": int(stats.get("keyspace_hits", 0)), "misses": int(stats.get("keyspace_misses", 0))}
