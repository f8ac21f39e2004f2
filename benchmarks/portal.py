"""What the publisher side costs: the portal's figures and pages, the publisher card, takedowns and
an application's checks, on a publisher of realistic size.

    python benchmarks/portal.py [--articles 20000] [--followers 1000] [--repeats 30] [--quick]

A throw-away LOCALWIRE_HOME and SQLite file are filled in bulk (``portal_fill``): the measured
publisher's --articles articles over 400 days, each with a feed entry (10 feeds), most with an image,
linked to channels; 90 days of counted views by day and by source; --followers readers following it
and five channels each (as many again following others); four other publishers as big together.
Then, each in this process (Django's test client, no HTTP; page cache off; a signed-in manager):

1. ``analytics.audience`` over 30 and 366 days, and over 366 each of its parts alone;
2. the Audience page and its days CSV, both ranges; 3. ``feed_health`` and the Feeds tab;
4. an anonymous reader's article page with its publisher card, the profile's cached counts cleared
before one request (cold) and kept for the next (warm), in turn; 5. ``take_down`` of the lead
article of a story of 20 that also leads a syndication group, once per story; 6. an application's
checks, two feeds of the made-up site of ``publishers/tests/join_site.py`` served on 127.0.0.1 (so
the time is ours, not a network's).

Prints a table, then one JSON line per measurement: ``{"bench": "portal", "what", "ms_p50", "ms_p99",
"queries", "runs", ...}``. With few runs p99 is the slowest run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

from portal_fill import fill

REASON = "The benchmark takes it down."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000, help="the measured publisher's articles")
    parser.add_argument("--followers", type=int, default=1000, help="readers following it")
    parser.add_argument("--repeats", type=int, default=30, help="runs of each read measurement")
    parser.add_argument("--takedowns", type=int, default=50, help="takedowns, each in its own story of 20")
    parser.add_argument("--checks", type=int, default=3, help="runs of the application's checks")
    parser.add_argument("--quick", action="store_true", help="4,000 articles, 300 followers, fewer runs")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.followers = min(args.articles, 4000), min(args.followers, 300)
        args.repeats, args.takedowns, args.checks = min(args.repeats, 8), min(args.takedowns, 10), 1

    home = tempfile.mkdtemp(prefix="localwire-portalbench-")
    os.environ.update(LOCALWIRE_HOME=home, DJANGO_SETTINGS_MODULE="localwire.settings", LOG_LEVEL="WARNING",
                      ALLOWED_HOSTS="testserver", DEBUG="false", LOCALWIRE_PAGE_CACHE_SECONDS="0",
                      LOCALWIRE_FETCH_ALLOW_PRIVATE="127.0.0.1", LOCALWIRE_CACHE_MAX_ENTRIES="1000000")
    for name in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)

    from localwire.boot import setup_django

    setup_django()
    from django.db import connection

    started = time.monotonic()
    made = fill(args.articles, args.followers, args.takedowns, random.Random(14))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"SQLite, {os.cpu_count()} CPUs: {args.articles:,} articles of the measured publisher (and "
          f"{args.articles:,} of four others), {args.followers:,} followers; "
          f"{counts()}; filled in {time.monotonic() - started:.0f}s (LOCALWIRE_HOME={home})", flush=True)
    sizes = {"articles": args.articles, "followers": args.followers}
    rows = []
    rows += analytics_part(made, args.repeats)
    rows += audience_pages(made, args.repeats)
    rows += feeds_part(made, args.repeats)
    rows += article_part(made, args.repeats)
    rows += takedown_part(made)
    rows += checks_part(args.checks)
    report(rows, sizes)
    return 0


def counts() -> str:
    from localwire.metrics.models import ArticleViewDay, ArticleViewSource
    from localwire.sources.models import Entry

    return (f"{ArticleViewDay.objects.count():,} view-day rows, {ArticleViewSource.objects.count():,} "
            f"view-source rows, {Entry.objects.count():,} entries")


class Counted:
    """Times calls and counts their SQL statements; ``run(fn)`` returns fn's result."""

    def __init__(self, what: str, **extra):
        self.what, self.extra, self.ms, self.queries = what, extra, [], []

    def run(self, fn, *args, **kwargs):
        from django.db import connection

        statements = []

        def counting(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            started = time.perf_counter()
            result = fn(*args, **kwargs)
            self.ms.append((time.perf_counter() - started) * 1000)
        self.queries.append(len(statements))
        return result

    def row(self) -> dict:
        ordered = sorted(self.ms)
        p99 = ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
        return {"bench": "portal", "what": self.what, "ms_p50": round(statistics.median(ordered), 2),
                "ms_p99": round(p99, 2), "queries": round(statistics.median(self.queries)), "runs": len(ordered),
                **self.extra}


def repeat(what: str, repeats: int, fn, *args, warm: int = 2, **extra) -> dict:
    for _ in range(warm):
        fn(*args)
    measure = Counted(what, **extra)
    for _ in range(repeats):
        measure.run(fn, *args)
    return measure.row()


def ranges():
    from django.utils import timezone

    today = timezone.localdate()
    return [(days, today - timedelta(days=days - 1), today) for days in (30, 366)]


def analytics_part(made: dict, repeats: int) -> list[dict]:
    from localwire.publishers import analytics

    rows = [repeat(f"audience() {days} days", repeats, analytics.audience, made["publisher"], since, until)
            for days, since, until in ranges()]
    return rows + audience_breakdown(made["publisher"], max(3, repeats // 3))


def audience_breakdown(publisher, repeats: int) -> list[dict]:
    """Where the year's figures spend their time: each of ``audience``'s parts alone (private
    names, so this follows analytics.py when it changes)."""
    from localwire.publishers import analytics

    [(days, since, until)] = ranges()[-1:]
    parts = [("views by day", analytics._views_by_day), ("posts by day", analytics._posts_by_day),
             ("followers by day", analytics._followers_by_day), ("top articles", analytics.top_articles),
             ("sources", analytics.sources)]
    rows = [repeat(f"audience() {days} days: {name}", repeats, fn, publisher, since, until, warm=1)
            for name, fn in parts]
    return rows + [repeat(f"audience() {days} days: followed channels", repeats, analytics.followed_channels,
                          publisher, warm=1)]


def manager_client(made: dict):
    from django.test import Client

    client = Client()
    client.force_login(made["manager"])
    return client


def get_ok(client, path: str, status: int = 200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response


def audience_pages(made: dict, repeats: int) -> list[dict]:
    client, slug, rows = manager_client(made), made["publisher"].slug, []
    for days, since, until in ranges():
        query = f"since={since}&until={until}"
        rows.append(repeat(f"Audience page {days} days", repeats, get_ok, client, f"/portal/{slug}/?{query}"))
        rows.append(repeat(f"Audience days CSV {days} days", repeats, get_ok, client,
                           f"/portal/{slug}/audience.csv?table=days&{query}"))
    return rows


def feeds_part(made: dict, repeats: int) -> list[dict]:
    from localwire.publishers.feed_health import feed_health

    client, slug = manager_client(made), made["publisher"].slug
    found = feed_health(made["publisher"])
    return [repeat("feed_health()", repeats, feed_health, made["publisher"], feeds=len(found),
                   warnings=sum(len(f.warnings) for f in found)),
            repeat("Feeds tab", repeats, get_ok, client, f"/portal/{slug}/feeds")]


def article_part(made: dict, repeats: int) -> list[dict]:
    """The page of a recent article, its profile counts cleared before one request and kept for the next."""
    from django.test import Client

    from localwire.articles.models import Article
    from localwire.metrics.publishers import forget_profile

    publisher = made["publisher"]
    article = (Article.objects.filter(publisher=publisher).exclude(pk__in=made["victims"])
               .order_by("-published_at").first())
    path, client = article.get_absolute_url(), Client()
    assert 'class="publisher-card"' in get_ok(client, path).content.decode()

    cold, warm = Counted("article page, card cold"), Counted("article page, card warm")
    for _ in range(repeats):  # in turn, so drift in the machine's speed hits both alike
        forget_profile(publisher.pk)
        cold.run(get_ok, client, path)
        warm.run(get_ok, client, path)
    return [cold.row(), warm.row()]


def takedown_part(made: dict) -> list[dict]:
    """Each lead article of a story of 20 and a syndication group of three taken down, one by one."""
    from localwire.articles.models import Article, TakenDown
    from localwire.publishers.takedown import take_down
    from localwire.stories.models import Story

    measure = Counted("take_down(), story of 20 + syndication group")
    stories = Story.objects.count()
    for pk in made["victims"]:
        article = Article.objects.select_related("publisher").get(pk=pk)
        measure.run(take_down, article, made["manager"], REASON)
    assert TakenDown.objects.count() == len(made["victims"]) and Story.objects.count() == stories
    assert not Article.objects.filter(pk__in=made["victims"]).exists()
    return [{**measure.row(), "ms_max": round(max(measure.ms), 2)}] if made["victims"] else []


def checks_part(runs: int) -> list[dict]:
    """The checks of an application naming two feeds of the made-up site, served on 127.0.0.1."""
    from localwire.publishers.checks import run_checks
    from localwire.publishers.tests import join_site
    from localwire.testing.httpserver import LocalServer

    if runs < 1:
        return []
    with LocalServer() as server:
        base = join_site.serve(server)
        measure = Counted("application checks, 2 feeds")
        for _ in range(runs):
            found = measure.run(run_checks, base + "/", [base + "/full.xml", base + "/summaries.xml"],
                                "Riverbend Ledger")
    failed = [c["name"] for f in found["feeds"] for c in f["checks"] if not c["ok"]]
    failed += [c["name"] for c in found["site"]["checks"] if not c["ok"]]
    row = measure.row()
    row.update(seconds=round(row["ms_p50"] / 1000, 2), passed=found["passed"], failed=found["failed"],
               requests=len(server.requests) // runs)
    if failed:
        print(f"note: checks that failed on the made-up site: {', '.join(failed)}")
    return [row]


def report(rows: list[dict], sizes: dict) -> None:
    print(f"\n{'measurement':<46} {'runs':>5} {'p50 ms':>9} {'p99 ms':>9} {'queries':>8}")
    for row in rows:
        print(f"{row['what']:<46} {row['runs']:>5} {row['ms_p50']:>9.1f} {row['ms_p99']:>9.1f} {row['queries']:>8}")
    print()
    for row in rows:
        print(json.dumps({**row, **sizes}))


if __name__ == "__main__":
    sys.exit(main())
