"""One process of the concurrent delivery test (``test_concurrent_delivery.py``), run with
``sys.executable`` against the database ``LOCALWIRE_HOME`` or ``DATABASE_URL`` names:

- ``setup``: one advertiser with three campaigns, each held back by a different limit; prints
  their ids as JSON.
- ``serve CAMPAIGN_IDS…``: threads spend impressions through ``budget.charge_impression`` until
  every campaign has been refused for a while, then this process flushes its own (LocMem) cache
  and exits, giving its leases back at exit as a web process does.
- ``stop N CAMPAIGN_IDS…`` and ``die N CAMPAIGN_IDS…``: N impressions of each campaign, one thread;
  then ``stop`` flushes and exits as a web process does (giving back the rest of its leases), while
  ``die`` ends at once, as a killed process does: its leases are not given back, its counts are lost.
- ``report``: a flush days later (settling and reconciling the day), then the books as JSON.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from datetime import datetime, timedelta, timezone as tz
from decimal import Decimal

NOW = datetime(2026, 5, 14, 12, 0, tzinfo=tz.utc)  # noon: a paced daily budget allows 0.5 + 1/24 of itself
CPM = Decimal("1.00")  # 0.001 an impression; a lease is 200 of them, 0.20
CREDIT = Decimal("8.00")
LIMITS = {"total": {"budget_total": Decimal("1.00")},
          "daily": {"budget_total": Decimal("100.00"), "budget_daily": Decimal("3.00")},
          "balance": {"budget_total": Decimal("100.00")}}
THREADS = 6
QUIET_SECONDS = 1.0  # every campaign refused this long: the limits are reached
DEADLINE_SECONDS = 20.0


def setup() -> dict:
    from django.contrib.auth import get_user_model

    from localwire.ads import ledger
    from localwire.ads.models import Advertiser, Campaign

    owner = get_user_model().objects.create_user("bakery", password=None)
    advertiser = Advertiser.objects.create(owner=owner, name="Corner Bakery", website="https://bakery.example/")
    ledger.credit(advertiser.pk, CREDIT)
    ids = {}
    for name, limits in LIMITS.items():
        ids[name] = Campaign.objects.create(
            advertiser=advertiser, name=name, status="approved", headline="Fresh bread", brand="Corner Bakery",
            cta="See the menu", landing_url="https://bakery.example/", start_at=NOW - timedelta(days=1),
            end_at=NOW + timedelta(days=30), bid_cpm=CPM, **limits).pk
    return {"advertiser": advertiser.pk, "campaigns": ids}


def serve(campaign_ids: list[int], advertiser_id: int) -> dict:
    from django.db import connection

    from localwire.ads import budget
    from localwire.ads.flush import flush_ads
    from localwire.ads.money import impression_micros

    budget.RETRY_SECONDS = 0.2  # ask again soon after a refusal, so a lost race never leaves room unleased
    price = impression_micros(CPM)
    served = [0] * THREADS
    started = time.monotonic()

    def spend(n: int) -> None:
        last_ok = time.monotonic()
        try:
            while time.monotonic() - started < DEADLINE_SECONDS and time.monotonic() - last_ok < QUIET_SECONDS:
                for campaign_id in campaign_ids:
                    if budget.charge_impression(campaign_id, advertiser_id, price * 1000, price, NOW):
                        served[n] += 1
                        last_ok = time.monotonic()
        finally:
            connection.close()

    threads = [threading.Thread(target=spend, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flushed = flush_ads(now=NOW)
    return {"served": sum(served), "flushed": flushed, "seconds": round(time.monotonic() - started, 2)}


def stop_or_die(how: str, n: int, campaign_ids: list[int], advertiser_id: int) -> dict:
    import os

    from localwire.ads import budget
    from localwire.ads.flush import flush_ads
    from localwire.ads.money import impression_micros

    price = impression_micros(CPM)
    served = sum(budget.charge_impression(c, advertiser_id, price * 1000, price, NOW)
                 for c in campaign_ids for _ in range(n))
    if how == "die":
        sys.stdout.flush()
        os._exit(0)  # no flush, no atexit: what SIGKILL leaves behind
    return {"served": served, "flushed": flush_ads(now=NOW)}


def report(advertiser_id: int) -> dict:
    from localwire.ads import budget
    from localwire.ads.flush import flush_ads
    from localwire.ads.models import Advertiser, CampaignDay, LedgerEntry
    from localwire.ads.settle import check_books

    books_before = check_books(advertiser_id)
    flush_ads(now=NOW + timedelta(days=3))  # settles the day, then gives back what it never counted
    advertiser = Advertiser.objects.get(pk=advertiser_id)
    days = {}
    for row in CampaignDay.objects.filter(campaign__advertiser_id=advertiser_id).select_related("campaign"):
        days[row.campaign.name] = {
            "day": row.day.isoformat(), "impressions": row.impressions, "spend": str(row.spend),
            "charged": str(row.charged), "committed": str(row.committed), "released": str(row.released),
            "campaign_spent": str(row.campaign.spent), "campaign_committed": str(row.campaign.committed),
            "paced_cap": str(budget.paced_cap(row.campaign, NOW)) if row.campaign.budget_daily else None}
    entries = LedgerEntry.objects.filter(advertiser_id=advertiser_id)
    return {"balance": str(advertiser.balance), "held": str(advertiser.held),
            "credited": str(sum(e.amount for e in entries if e.kind == "credit")),
            "charged": str(-sum(e.amount for e in entries if e.kind == "spend")),
            "days": days, "books_before": books_before,
            "books_after": check_books(advertiser_id, today=(NOW + timedelta(days=3)).date())}


def main(argv: list[str]) -> None:
    from localwire.boot import setup_django

    setup_django(migrate=argv[0] == "setup")  # the first step brings the schema up to date, alone
    if argv[0] == "setup":
        out = setup()
    elif argv[0] == "serve":
        out = serve([int(a) for a in argv[2:]], int(argv[1]))
    elif argv[0] in ("stop", "die"):
        out = stop_or_die(argv[0], int(argv[1]), [int(a) for a in argv[3:]], int(argv[2]))
    else:
        out = report(int(argv[1]))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
