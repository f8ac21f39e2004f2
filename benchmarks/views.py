"""View counting: what it costs the article page, and how fast the flush empties the cache.

    python benchmarks/views.py [--requests 1000] [--articles 5000] [--cache-url redis://127.0.0.1:6379/14]

1. The article page served in-process by Django's test client, counting off and on in turn,
   request by request; every request is a new reader (new address) who came from the search page,
   the costliest case: the view and where it came from are both counted. Also the counting call
   alone, in microseconds, and reading the source from the Referer alone.
2. Pending counts for ``--articles`` articles (several readers each, each from another source)
   moved into the database by ``flush_views``: views and article rows per second.

Runs on a throw-away SQLite database under a temporary LOCALWIRE_HOME; the cache is the default
per-process one unless ``--cache-url`` names a Redis (whose database it clears: use a spare one).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta


AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
REFERER = "http://testserver/search?q=council+plan"  # counted under "search"
BODY = "<p>" + "The council met on Tuesday and approved the plan. " * 60 + "</p>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="article page requests per setting")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the page test this many times")
    parser.add_argument("--articles", type=int, default=5000, help="articles with pending views to flush")
    parser.add_argument("--readers", type=int, default=4, help="readers per article in the flush test")
    parser.add_argument("--cache-url", default="", help="a Redis URL to count in instead of locmem")
    args = parser.parse_args()

    os.environ.update(LOCALWIRE_HOME=tempfile.mkdtemp(prefix="localwire-bench-"), LOG_LEVEL="WARNING",
                      DJANGO_SETTINGS_MODULE="localwire.settings", ALLOWED_HOSTS="testserver",
                      LOCALWIRE_CACHE_MAX_ENTRIES="1000000")
    os.environ.pop("DATABASE_URL", None)
    os.environ["CACHE_URL"] = args.cache_url

    from localwire.boot import setup_django

    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import timezone

    from localwire.sources.models import Publisher

    cache.clear()
    publisher = Publisher.objects.create(slug="bench", name="Bench Courier")
    now = timezone.now()
    ids = make_articles(publisher, 0, 50, now)  # a small site, so the page's own queries stay as usual
    print(f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, database: SQLite")
    from localwire.articles.models import Article

    page = Article.objects.get(pk=ids[0]).get_absolute_url()  # the page itself, not the redirect to it
    kept = settings.LOCALWIRE_PAGE_CACHE_SECONDS
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0
    off = page_with_and_without_counting(page, args.requests * args.rounds, "rendered")
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = kept or 60
    page_with_and_without_counting(page, args.requests * args.rounds, "kept")
    record_view_alone(page, ids[1], args.requests, off)
    flush_part(publisher, now, args.articles, args.readers)
    cache.clear()
    return 0


def make_articles(publisher, first: int, last: int, now) -> list[int]:
    """Articles numbered first..last-1, a minute apart; the ids of every article so far."""
    from localwire.articles.models import Article

    Article.objects.bulk_create([
        Article(canonical_url=f"https://bench.example.org/{n}", url=f"https://bench.example.org/{n}",
                publisher=publisher, title=f"Council approves plan {n}", summary="The council approved it.",
                text=BODY, html=BODY, published_at=now - timedelta(minutes=n), content_hash=f"{n:064x}",
                extractor_version="bench")
        for n in range(first, last)
    ], batch_size=1000)
    return list(Article.objects.values_list("pk", flat=True))


def page_with_and_without_counting(page: str, requests: int, how: str) -> float:
    """Off and on alternate request by request, so drift in the machine's speed hits both alike;
    returns the median seconds of a page with counting off. ``how``: "rendered" with the page
    cache off (as a signed-in reader gets it), "kept" from the page cache (an anonymous reader)."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERER)
    assert client.get(page).status_code == 200  # warm templates and connections
    times = {False: [], True: []}
    for serial in range(2 * requests):
        counting = bool(serial % 2)
        settings.LOCALWIRE_COUNT_VIEWS = counting
        started = time.perf_counter()
        client.get(page, REMOTE_ADDR=f"10.{serial >> 16 & 255}.{serial >> 8 & 255}.{serial & 255}")
        times[counting].append(time.perf_counter() - started)
    off, on = (statistics.median(times[c]) for c in (False, True))
    print(f"article page {how}, counting off: {1 / off:7.1f} requests/s (median {off * 1000:.2f} ms)")
    print(f"article page {how}, counting on:  {1 / on:7.1f} requests/s (median {on * 1000:.2f} ms, "
          f"{(on - off) / off:+.1%})")
    settings.LOCALWIRE_COUNT_VIEWS = True
    return off


def record_view_alone(page: str, article_id: int, count: int, page_seconds: float) -> None:
    from django.test import RequestFactory

    from localwire.metrics.counting import record_view
    from localwire.metrics.sources import source_of

    rf = RequestFactory()
    requests = [rf.get(page, HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERER,
                       REMOTE_ADDR=f"172.16.{n >> 8 & 255}.{n & 255}") for n in range(count)]
    for request in requests:
        request.user = None
    started = time.perf_counter()
    for request in requests:
        record_view(request, article_id)
    per_call = (time.perf_counter() - started) / len(requests) * 1e6
    started = time.perf_counter()
    for request in requests:
        record_view(request, article_id)  # the same readers again: the seen mark stops them
    again = (time.perf_counter() - started) / len(requests) * 1e6
    started = time.perf_counter()
    for request in requests:
        source_of(request)
    reading = (time.perf_counter() - started) / len(requests) * 1e6
    print(f"record_view alone, sources included: {per_call:.0f} µs for a new reader "
          f"({per_call / (page_seconds * 1e6):.1%} of the page), {again:.0f} µs for one already counted today; "
          f"of which reading the source from the Referer: {reading:.1f} µs")


def flush_part(publisher, now, articles: int, readers: int) -> None:
    from django.core.cache import cache

    from localwire.metrics.counting import count_view
    from localwire.metrics.sources import SOURCES
    from localwire.metrics.views_flush import flush_views

    flush_views()
    cache.clear()
    ids = make_articles(publisher, 50, max(articles, 50), now)
    views = 0
    for article_id in ids[:articles]:
        for reader in range(readers):
            views += count_view(article_id, f"reader-{reader}", now, SOURCES[reader % len(SOURCES)])
    started = time.perf_counter()
    moved = flush_views(now=now)
    seconds = time.perf_counter() - started
    assert moved == views, (moved, views)
    print(f"flush, with {min(readers, len(SOURCES))} sources an article: {moved} views of {articles} articles in {seconds:.2f}s "
          f"({moved / seconds:,.0f} views/s, {articles / seconds:,.0f} articles/s)")
    started = time.perf_counter()
    flush_views(now=now)
    print(f"flush with nothing pending over the same journal: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
