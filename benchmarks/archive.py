"""Work that must not grow with the archive: a crawl tick and the home, article and search pages
at 10,000, 100,000 and 1,000,000 articles.

    python benchmarks/archive.py [--sizes 10000,100000,1000000] [--repeats 20] [--new 5]
                                 [--database-url postgres://…/scratch]

The archive is filled in bulk (``archive_fill.py``, not through the pipeline), growing to each size
in turn: older articles are added behind the newest, so every size shows readers the same front
page and only the archive behind it grows. At each size, in this process (page cache off):

- a crawl tick with nothing new: due feeds, pending entries, every step's sweep, the analysis
  candidates (what ``crawl_once`` and the Celery beat run), its wall time and queries;
- a tick with ``--new`` new articles: entries whose pages are already fetched (no network), taken
  through the stages, stored, grouped, put in stories and indexed, then the sweeps;
- the home page, an article page (any of the archive, its blocks stored as the sweeps leave
  them), the first view of an article whose blocks were never built (this fill stores none) and a
  search, each through Django's test client, median of ``--repeats``.

Prints a table and one JSON line per size: ``{"bench": "archive", "articles", "database",
"tick_ms", "tick_queries", "tick_new_ms", "tick_new_queries", "home_ms", "article_ms",
"article_build_ms", "search_ms"}``. Flat means the figures at 1,000,000 match those at 10,000.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time

from archive_fill import grow, new_entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=20, help="requests per page, and ticks, at each size")
    parser.add_argument("--new", type=int, default=5, help="new articles in the busy tick")
    parser.add_argument("--database-url", default="", help="an EMPTY scratch database instead of SQLite")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)

    home = tempfile.mkdtemp(prefix="localwire-archivebench-")
    os.environ.update(LOCALWIRE_HOME=home, DJANGO_SETTINGS_MODULE="localwire.settings", LOG_LEVEL="WARNING",
                      ALLOWED_HOSTS="127.0.0.1,localhost,testserver", DEBUG="false",
                      LOCALWIRE_PAGE_CACHE_SECONDS="0", LOCALWIRE_ANALYZE="false")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    from localwire.boot import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from localwire.articles.models import Article

    if Article.objects.exists():
        print("benchmarks/archive.py: the database already has articles; give it an empty one", file=sys.stderr)
        return 2
    print(f"{connection.vendor}, LOCALWIRE_HOME={home}; page cache off; {os.cpu_count()} CPUs shared "
          f"with whatever else runs", flush=True)
    rows = []
    for size in sizes:
        started = time.monotonic()
        grow(size)
        print(f"filled to {size} articles in {time.monotonic() - started:.0f}s", flush=True)
        row = measure(size, args.repeats, args.new)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print_table(rows)
    print_tick_plans()
    return 0


def print_tick_plans() -> None:
    """Each statement of an idle tick with the database's plan for it: every one should read an
    index by its first columns (no SCAN of articles, entries or marks)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        tick()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    print("\nan idle tick's statements and their plans:")
    for query in queries.captured_queries:
        print(f"  {query['sql'][:160]}")
        if query["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(explain + query["sql"])
                for row in cursor.fetchall():
                    print(f"      {row[-1]}")


def measure(size: int, repeats: int, new: int) -> dict:
    from django.db import connection

    tick(), tick()  # the first tick marks the search version and loads what a tick reads
    idle = [tick() for _ in range(repeats)]
    busy = []
    for n in range(3):
        new_entries(new, salt=f"{size}-{n}")
        busy.append(tick())
    pages = page_costs(repeats)
    return {"bench": "archive", "articles": size, "database": connection.vendor,
            "tick_ms": round(statistics.median(ms for ms, _ in idle), 1),
            "tick_queries": idle[-1][1],
            "tick_new_ms": round(statistics.median(ms for ms, _ in busy), 1),
            "tick_new_queries": busy[-1][1], **pages}


def tick() -> tuple[float, int]:
    """What ``crawl_once`` runs, in this thread (so its queries can be counted): due feeds, pending
    entries taken to the end, every step's sweep, the analysis candidates."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from localwire.pipeline import flow, runner
    from localwire.pipeline.reanalyze import owed_analysis
    from localwire.sources.context import shared_context

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        feeds = [fid for fid in runner.due_feed_ids() if runner.claim_feed(fid)]
        assert not feeds, "the bench's feeds are never due"
        agencies = runner.agency_names()
        for entry_id in runner.pending_entry_ids():
            runner.process_entry(entry_id, shared_context(), agencies)
        flow.recover()
        owed_analysis(500)
        ms = (time.perf_counter() - started) * 1000
    return ms, len(queries)


def page_costs(repeats: int) -> dict:
    """Median ms of each page. ``article_ms`` is an article page as readers get it, its blocks
    stored (by the sweep that follows its analysis, or its first view); ``article_build_ms`` is
    that first view of an article whose blocks were never built, as every article of this bulk
    fill is until someone opens it."""
    from django.test import Client

    from localwire.articles.models import Article

    rng = random.Random(3)
    client = Client()
    last = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    words = ["council", "storm", "school", "police", "budget", "river", "election", "hospital"]
    seen: set[str] = set()

    def unseen_article():
        while True:  # any article of the archive alike
            found = Article.objects.filter(pk=rng.randint(1, last)).first()
            if found is not None and found.get_absolute_url() not in seen:
                seen.add(found.get_absolute_url())
                return found.get_absolute_url()

    def built_article():
        url = unseen_article()
        client.get(url)
        return url

    kinds = {"home_ms": lambda: "/", "article_ms": built_article, "article_build_ms": unseen_article,
             "search_ms": lambda: f"/search?q={rng.choice(words)}"}
    costs = {}
    for name, path in kinds.items():
        for _ in range(2):
            client.get(path())
        times = []
        for _ in range(repeats):
            url = path()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        costs[name] = round(statistics.median(times), 1)
    return costs


def print_table(rows: list[dict]) -> None:
    print(f"\n{'articles':>9} {'tick ms':>8} {'queries':>8} {'tick+new ms':>12} {'queries':>8} "
          f"{'home ms':>8} {'article ms':>11} {'first view':>11} {'search ms':>10}")
    for r in rows:
        print(f"{r['articles']:>9} {r['tick_ms']:>8} {r['tick_queries']:>8} {r['tick_new_ms']:>12} "
              f"{r['tick_new_queries']:>8} {r['home_ms']:>8} {r['article_ms']:>11} {r['article_build_ms']:>11} "
              f"{r['search_ms']:>10}")


if __name__ == "__main__":
    raise SystemExit(main())
