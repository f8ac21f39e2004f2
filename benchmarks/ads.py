"""What advertising costs a page: the time an ad slot adds to an article page, and how many
delivery decisions one process makes per second.

    python benchmarks/ads.py [--articles 20000] [--campaigns 300] [--visits 3000] [--quick]

A throw-away LOCALWIRE_HOME and SQLite file are filled in bulk (``web_fill``, as ``make bench-web``
does: the demo corpus copied to --articles articles, each with two topics, a dateline city and a
person), then --campaigns approved campaigns of --campaigns / 3 credited advertisers, half aimed
at channels (topics and cities), half at towns with a radius, bids from the floor to 12.00.
Readers are anonymous visitors from 5,000 made-up addresses with a browser's User-Agent, so
frequency caps and budget leases work as they would on a site.

Visits pick articles as readers do, the newest most often (``web_fill.POPULARITY``).

1. **The slot's cost.** Article pages are rendered with the middleware that fills slots taken out,
   so their markers stay; then ``slots.fill`` (what the middleware does on every article page,
   kept or fresh) is timed alone on each, per visit: deciding, counting, rendering the ad, and
   the budget leases it takes. Twice: in a fresh process, where every campaign takes its first
   lease (a database write) and every article's context is read, then once more with new
   visitors, as a running process serves, its leases live but each article's context read again
   on its first visit (as when a minute has passed); apart, those first visits.
2. **The whole page.** An anonymous article page through Django's test client with ads on and
   off (pages made afresh, the page cache off), the same articles in the same order.
3. **Decisions per second.** ``decide.choose`` in a loop for one thread over article contexts
   already known, for --seconds seconds.

Prints a table, then one JSON line per measurement: ``{"bench": "ads", "what", "ms_p50",
"ms_p99", "runs", ...}`` and ``{"bench": "ads", "what": "decisions", "per_s", ...}``.
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

from web_fill import fill

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
GOAL_MS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--campaigns", type=int, default=300)
    parser.add_argument("--visits", type=int, default=3000, help="article visits measured in parts 1 and 2")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long part 3 runs")
    parser.add_argument("--quick", action="store_true", help="4,000 articles, 90 campaigns, 600 visits")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.campaigns, args.visits, args.seconds = 4000, 90, 600, 2.0
    home = tempfile.mkdtemp(prefix="localwire-adsbench-")
    os.environ.update(LOCALWIRE_HOME=home, DJANGO_SETTINGS_MODULE="localwire.settings", LOG_LEVEL="WARNING",
                      ALLOWED_HOSTS="testserver", DEBUG="false", LOCALWIRE_PAGE_CACHE_SECONDS="0",
                      LOCALWIRE_CACHE_MAX_ENTRIES="1000000")
    for name in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    from localwire.boot import setup_django

    setup_django()
    started = time.monotonic()
    rng = random.Random(15)
    targets = fill(args.articles, 50)
    made = make_campaigns(args.campaigns, rng)
    print(f"SQLite, {os.cpu_count()} CPUs: {targets['articles']:,} articles, {made} campaigns; "
          f"filled in {time.monotonic() - started:.0f}s (LOCALWIRE_HOME={home})", flush=True)
    paths = [popular(targets, rng) for _ in range(args.visits)]
    rows = slot_cost(paths, rng) + whole_page(paths, rng) + [decisions(paths, args.seconds, rng)]
    report(rows)
    return 0


def popular(targets: dict, rng: random.Random) -> str:
    """An article as readers pick them, the n-th newest in proportion to 1/n (``web_fill.POPULARITY``)."""
    import bisect

    return targets["newest_first"][bisect.bisect(targets["popular_cdf"], rng.random())]


def make_campaigns(n: int, rng: random.Random) -> int:
    """Approved campaigns aimed at the filled channels and towns, their advertisers credited."""
    from decimal import Decimal

    from localwire.ads import ledger
    from localwire.channels.models import Channel
    from localwire.testing.factories import AdvertiserFactory, CampaignFactory

    topics = list(Channel.objects.filter(kind="topic"))
    cities = list(Channel.objects.filter(kind="city"))
    advertisers = [AdvertiserFactory(owner__username=f"advertiser{k}") for k in range(max(1, n // 3))]
    for advertiser in advertisers:
        ledger.credit(advertiser.pk, Decimal("100000.00"))
    for i in range(n):
        bid = Decimal(rng.randrange(100, 1200)) / 100
        if i % 2:
            channels, places = [f"topic/{rng.choice(topics).slug}", f"city/{rng.choice(cities).slug}"], []
        else:
            town = rng.choice(cities)
            channels, places = [], [{"geonameid": i, "label": town.name, "lat": town.lat, "lon": town.lon}]
        CampaignFactory(advertiser=advertisers[i % len(advertisers)], channels=channels, places=places,
                        radius_km=rng.choice([10, 25, 100]), bid_cpm=bid, budget_total=Decimal("5000.00"),
                        budget_daily=Decimal("2000.00"), frequency_cap=5)
    return n


def visitor(rng: random.Random) -> dict:
    return {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": f"10.{rng.randrange(20)}.{rng.randrange(250)}.{rng.randrange(1, 250)}"}


def slot_cost(paths: list[str], rng: random.Random) -> list[dict]:
    """Two passes over the visits: a fresh process (every campaign's first budget lease and every
    article's first context read happen here) and the same process afterwards, new visitors, each
    article's context read again on its first visit of the pass."""
    from django.conf import settings
    from django.test import Client, override_settings

    from localwire.ads import context

    without = [m for m in settings.MIDDLEWARE if not m.endswith("AdSlotsMiddleware")]
    with override_settings(MIDDLEWARE=without):
        client = Client()
        pages = {path: client.get(path, **visitor(rng)).content for path in set(paths)}
    fresh, _, _ = fill_slots(paths, pages, rng)
    context.forget()  # articles' contexts are read again, as after a minute: the leases stay
    steady, first, served = fill_slots(list(reversed(paths)), pages, rng)
    return [row("slot, a fresh process", fresh), row("slot, afterwards (steady)", steady),
            row("slot, afterwards, article's context read", first),
            {"bench": "ads", "what": "slots filled", "share": round(served / len(paths), 3), "runs": len(paths)}]


def fill_slots(paths: list[str], pages: dict, rng: random.Random) -> tuple[list[float], list[float], int]:
    """``slots.fill`` timed on each visit: all times, those whose article context was not kept, ads shown."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from localwire.ads import context, slots

    factory, times, not_kept, served = RequestFactory(), [], [], 0
    slots.fill(factory.get("/", **visitor(rng)), b"")  # load the templates and the index once
    for path in paths:
        request = factory.get(path, **visitor(rng))
        request.user = AnonymousUser()
        kept = int(path.split("/")[2]) in context._articles.get_many([int(path.split("/")[2])])
        began = time.perf_counter()
        out = slots.fill(request, pages[path])
        times.append((time.perf_counter() - began) * 1000)
        if not kept:
            not_kept.append(times[-1])
        served += b'class="ad"' in out
    return times, not_kept, served


def whole_page(paths: list[str], rng: random.Random) -> list[dict]:
    from django.test import Client, override_settings

    rows = []
    for ads in (False, True):
        with override_settings(LOCALWIRE_ADS=ads):
            client, times = Client(), []
            for path in paths:
                began = time.perf_counter()
                response = client.get(path, **visitor(rng))
                times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            rows.append(row(f"article page, ads {'on' if ads else 'off'}", times))
    return rows


def decisions(paths: list[str], seconds: float, rng: random.Random) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from localwire.ads import context, decide

    ids = [int(path.split("/")[2]) for path in paths[:500]]
    contexts = [context.for_article(pk, None) for pk in ids]
    factory, made, served = RequestFactory(), 0, 0
    deadline = time.perf_counter() + seconds
    began = time.perf_counter()
    while time.perf_counter() < deadline:
        request = factory.get("/", **visitor(rng))
        request.user = AnonymousUser()
        served += decide.choose(request, contexts[made % len(contexts)]) is not None
        made += 1
    elapsed = time.perf_counter() - began
    return {"bench": "ads", "what": "decisions", "per_s": round(made / elapsed), "served_share":
            round(served / max(made, 1), 3), "runs": made}


def row(what: str, times: list[float]) -> dict:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    return {"bench": "ads", "what": what, "ms_p50": round(statistics.median(ordered), 2) if ordered else 0.0,
            "ms_p99": round(p99, 2), "runs": len(ordered)}


def report(rows: list[dict]) -> None:
    print(f"\n{'measurement':44} {'p50 ms':>8} {'p99 ms':>8} {'runs':>6}")
    for r in rows:
        if "ms_p50" in r:
            print(f"{r['what']:44} {r['ms_p50']:8.2f} {r['ms_p99']:8.2f} {r['runs']:6d}")
        elif "per_s" in r:
            print(f"{'decisions per second (one thread)':44} {r['per_s']:>8,} {'':8} {r['runs']:6d}  "
                  f"({r['served_share']:.0%} served an ad)")
        else:
            print(f"{'share of slots filled':44} {r['share']:8.0%}")
    steady = next(r for r in rows if r["what"] == "slot, afterwards (steady)")
    fresh = next(r for r in rows if r["what"] == "slot, a fresh process")
    print(f"\ngoal: a slot adds under {GOAL_MS} ms at p99 — {steady['ms_p99']} ms once running, "
          f"{fresh['ms_p99']} ms in a fresh process (each campaign's first budget lease is a database write)")
    for r in rows:
        print(json.dumps(r))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
