"""What watching costs: counting a request, moving the counts, answering a scrape.

    LOCALWIRE_HOME=… [DATABASE_URL=…] [CACHE_URL=…] python benchmarks/metrics.py [--requests 200000]

1. ``RequestMetricsMiddleware`` around a view that does nothing, metrics off and on, in
   microseconds a request (the part a page pays).
2. One move of a few pages' counts into the shared totals (the flushing thread's work every 10 s),
   and reading them back: the database's rows, or Redis with ``CACHE_URL=redis://…``.
3. ``/metrics``'s body with the database's figures kept (most scrapes) and read afresh (one
   scrape in 15 s), on the home's database as it is: fill it first (``benchmarks/archive.py``) to
   see the figures at a million articles. The totals gain a few rows (``metrics_countertotal``).

Prints one JSON line at the end: {"bench": "metrics", "database", "articles", "count_us",
"flush_ms", "scrape_kept_ms", "scrape_fresh_ms"}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def best_ms(action, times: int) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def counting_us(requests: int) -> tuple[float, float]:
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve

    from localwire import tally
    from localwire.metrics.requests import RequestMetricsMiddleware

    answer = HttpResponse("ok")
    middleware = RequestMetricsMiddleware(lambda request: answer)
    request = RequestFactory().get("/story/1/")
    request.resolver_match = resolve("/story/1/")
    figures = []
    for token in ("", "t" * 32):
        settings.LOCALWIRE_METRICS_TOKEN = token
        started = time.perf_counter()
        for _ in range(requests):
            middleware(request)
        figures.append((time.perf_counter() - started) / requests * 1e6)
    tally.take()  # not the site's requests: never moved into its totals
    return figures[0], figures[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200_000, help="requests through the middleware per setting")
    args = parser.parse_args()
    from localwire.boot import setup_django

    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    from localwire.metrics import endpoint, gauges, totals
    from localwire.metrics.requests import record

    totals.FLUSH_SECONDS = 0  # this process moves its counts when told, not from a thread
    off, on = counting_us(args.requests)
    print(f"counting a request: {off:.2f} µs with metrics off, {on:.2f} µs on")

    settings.LOCALWIRE_METRICS_TOKEN = "t" * 32

    def one_move():
        for page in ("home", "article", "search", "story", "channel", "for_you"):
            record(page, "GET", 200, 0.02)
        totals.flush()

    flush_ms = best_ms(one_move, 20)
    read_ms = best_ms(lambda: totals.shared_totals().read(), 20)
    where = "Redis" if totals.uses_redis() else "the database"
    print(f"moving six pages' counts into {where}: {flush_ms:.2f} ms; reading the totals: {read_ms:.2f} ms")

    endpoint.exposition()
    kept = best_ms(endpoint.exposition, 20)
    fresh = best_ms(lambda: (cache.delete(gauges.CACHE_KEY), endpoint.exposition()), 5)
    articles = gauges.article_total()
    print(f"/metrics body at {articles:,} articles ({connection.vendor}): {kept:.2f} ms with the figures kept, "
          f"{fresh:.1f} ms read afresh")
    print(json.dumps({"bench": "metrics", "database": connection.vendor, "articles": articles,
                      "count_us": round(on, 2), "flush_ms": round(flush_ms, 2),
                      "scrape_kept_ms": round(kept, 2), "scrape_fresh_ms": round(fresh, 1)}))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localwire.settings")
    sys.exit(main())
