"""Moving counted impressions, their cost and clicks from the cache into ``CampaignDay`` rows.

Called every ``LOCALWIRE_VIEWS_FLUSH_SECONDS`` by ``localwire serve``'s flusher thread (``serve.py``)
and by the Celery beat task ``localwire.flush_ads`` (``ads/tasks.py``). It works as the view counts'
flusher does (``metrics/views_flush.py``), with the same journal helpers (``caching/journal.py``):

- Counters are claimed by decrementing them by what was read, so a count added meanwhile waits
  for the next flush, and two overlapping flushers never move one count twice.
- One transaction per batch adds to the rows (``INSERT … ON CONFLICT DO UPDATE`` for the days,
  ``F()`` for ``Campaign.spent``), so concurrent flushers' additions add up. If the write fails,
  the claims go back to the cache.
- Rows are locked campaigns first, days second, the order a budget lease takes them in
  (``budget.take``), so a flusher and a web process never wait on each other in a circle.

After moving the counts, one flush settles past days into the ledger and gives back what past
days leased and never counted (``settle.py``). A cache lock lets one flusher work at a time.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from localwire.ads import budget, settle
from localwire.ads.counting import COUNTED, KINDS, pending_key
from localwire.ads.models import Campaign, CampaignDay
from localwire.ads.money import added, from_micros
from localwire.caching.journal import claim_counters, flush_lock, return_counters

log = logging.getLogger(__name__)

BATCH = 500
LOCK_KEY = COUNTED.lock_key
LOCK_SECONDS = 300


def flush_ads(now: datetime | None = None, batch: int = BATCH) -> int:
    """Write today's and yesterday's pending counts, then settle and reconcile past days; returns
    the impressions moved. This process's expired leases are given back first, whoever flushes."""
    budget.give_back_expired()
    now = now or timezone.now()
    moved = 0
    with flush_lock(LOCK_KEY, LOCK_SECONDS) as held:
        if not held:
            return 0
        today = timezone.localdate(now)
        for day in (today - timedelta(days=1), today):
            for campaign_ids in COUNTED.batches(day, batch):
                moved += flush_batch(day, campaign_ids)
        settle.settle(now)
        settle.reconcile(now)
    if moved:
        log.info("flushed %d ad impressions", moved)
    return moved


def flush_batch(day: date, campaign_ids: list[int]) -> int:
    """Claim the campaigns' counters of ``day`` and add them to the database in one transaction."""
    keys = {pending_key(kind, day, c): (kind, c) for c in campaign_ids for kind in KINDS}
    claims = claim_counters(list(keys))
    if not claims:
        return 0
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for key, n in claims.items():
        kind, campaign_id = keys[key]
        counts[campaign_id][kind] = n
    try:
        with transaction.atomic():
            return write_counts(day, counts)
    except Exception:
        return_counters(claims)
        raise


def write_counts(day: date, counts: dict[int, dict[str, int]]) -> int:
    """Add the counts to the campaigns' spent money and their day rows; campaigns gone are dropped."""
    existing = sorted(Campaign.objects.filter(pk__in=list(counts)).values_list("pk", flat=True))
    for campaign_id in existing:
        spend = from_micros(counts[campaign_id]["spend"])
        if spend:
            Campaign.objects.filter(pk=campaign_id).update(spent=added("spent", spend))
    table = CampaignDay._meta.db_table
    stored_day = connection.ops.adapt_datefield_value(day)
    rows = [(c, stored_day, counts[c]["impressions"], counts[c]["clicks"],
             connection.ops.adapt_decimalfield_value(from_micros(counts[c]["spend"]), 14, 6)) for c in existing]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (campaign_id, day, impressions, clicks, spend, committed, released, charged) "
            f"VALUES (%s, %s, %s, %s, %s, 0, 0, 0) ON CONFLICT (campaign_id, day) DO UPDATE SET "
            f"impressions = {table}.impressions + excluded.impressions, "
            f"clicks = {table}.clicks + excluded.clicks, spend = ROUND({table}.spend + excluded.spend, 6)",
            rows,
        )
    return sum(counts[c]["impressions"] for c in existing)
