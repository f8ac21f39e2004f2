"""View counting: what it costs the article page, and how fast the flush empties the cache.

    python benchmarks/views.py [--requests 1000] [--articles 5000] [--cache-url redis://127.0.0.1:6379/14]

1. The article page served in-process by Django's test client, counting off and on in turn,
   request by request; every request is a new reader (new address), the costliest case. Also the counting call
   alone, in microseconds.
2. Pending counts for ``--articles`` articles (several readers each) moved into the database by
   ``flush_views``: views and article rows per second.

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
    from django.test import Client, RequestFactory
    from django.utils import timezone

    from localwire.articles.models import Article
    from localwire.metrics.counting import count_view, record_view
    from localwire.metrics.views_flush import flush_views
    from localwire.sources.models import Publisher

    cache.clear()
    publisher = Publisher.objects.create(slug="bench", name="Bench Courier")
    now = timezone.now()
    body = "<p>" + "The council met on Tuesday and approved the plan. " * 60 + "</p>"

    def make(first: int, last: int) -> None:
        Article.objects.bulk_create([
            Article(canonical_url=f"https://bench.example.org/{n}", url=f"https://bench.example.org/{n}",
                    publisher=publisher, title=f"Council approves plan {n}", summary="The council approved it.",
                    text=body, html=body, published_at=now - timedelta(minutes=n), content_hash=f"{n:064x}",
                    extractor_version="bench")
            for n in range(first, last)
        ], batch_size=1000)

    make(0, 50)  # a small site for the page test, so the page's own queries stay what they usually are
    ids = list(Article.objects.values_list("pk", flat=True))
    agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    client = Client(HTTP_USER_AGENT=agent)
    print(f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, database: SQLite")

    # 1. The page, counting off and on.
    page = f"/article/{ids[0]}/"
    client.get(page)  # warm templates and connections
    # Off and on alternate request by request, so drift in the machine's speed hits both alike.
    times = {False: [], True: []}
    for serial in range(2 * args.requests * args.rounds):
        counting = bool(serial % 2)
        settings.LOCALWIRE_COUNT_VIEWS = counting
        started = time.perf_counter()
        client.get(page, REMOTE_ADDR=f"10.{serial >> 16 & 255}.{serial >> 8 & 255}.{serial & 255}")
        times[counting].append(time.perf_counter() - started)
    off, on = (statistics.median(times[c]) for c in (False, True))
    print(f"article page, counting off: {1 / off:7.1f} requests/s (median {off * 1000:.2f} ms)")
    print(f"article page, counting on:  {1 / on:7.1f} requests/s (median {on * 1000:.2f} ms, {(on - off) / off:+.1%})")

    settings.LOCALWIRE_COUNT_VIEWS = True
    rf = RequestFactory()
    requests = [rf.get(page, HTTP_USER_AGENT=agent, REMOTE_ADDR=f"172.16.{n >> 8 & 255}.{n & 255}")
                for n in range(args.requests)]
    for request in requests:
        request.user = None
    started = time.perf_counter()
    for request in requests:
        record_view(request, ids[1])
    per_call = (time.perf_counter() - started) / len(requests) * 1e6
    started = time.perf_counter()
    for request in requests:
        record_view(request, ids[1])  # the same readers again: the seen mark stops them
    again = (time.perf_counter() - started) / len(requests) * 1e6
    print(f"record_view alone: {per_call:.0f} µs for a new reader ({per_call / (off * 1e6):.1%} of the page), "
          f"{again:.0f} µs for one already counted today")

    # 2. The flush.
    flush_views()
    cache.clear()
    make(50, max(args.articles, 50))
    ids = list(Article.objects.values_list("pk", flat=True))
    views = 0
    for article_id in ids[: args.articles]:
        for reader in range(args.readers):
            views += count_view(article_id, f"reader-{reader}", now)
    started = time.perf_counter()
    moved = flush_views(now=now)
    seconds = time.perf_counter() - started
    assert moved == views, (moved, views)
    print(f"flush: {moved} views of {args.articles} articles in {seconds:.2f}s "
          f"({moved / seconds:,.0f} views/s, {args.articles / seconds:,.0f} articles/s)")
    started = time.perf_counter()
    flush_views(now=now)
    print(f"flush with nothing pending over the same journal: {(time.perf_counter() - started) * 1000:.0f} ms")
    cache.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
