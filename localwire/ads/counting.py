"""Impressions, their cost and clicks, counted in the cache on the request path and flushed later.

As view counts are (``metrics/counting.py``): per campaign and local day, one counter each for
impressions, spend in micro-units and clicks, and a daily journal of the campaigns that have
counters, since Django's cache cannot list keys. ``flush.py`` moves them into ``CampaignDay``.
The counters only ever hold money a budget lease (``budget.py``) already set aside, so a counter
lost with the cache costs the advertiser nothing and the site at most that much revenue.
"""

from __future__ import annotations

from datetime import date

from localwire.caching.journal import DailyJournal, incr_or_create

PREFIX = "lw:ads"
COUNTED = DailyJournal(PREFIX)  # each day's campaigns with a pending counter (a campaign may be noted twice)
KINDS = ("impressions", "spend", "clicks")


def pending_key(kind: str, day: date, campaign_id: int) -> str:
    return f"{PREFIX}:{kind}:{day.isoformat()}:{campaign_id}"


def _count(kind: str, day: date, campaign_id: int, delta: int) -> None:
    _, created = incr_or_create(pending_key(kind, day, campaign_id), delta)
    if created:  # the first of this kind today: journal the campaign so the flusher finds it
        COUNTED.append(day, campaign_id)


def count_impression(campaign_id: int, day: date, price_micros: int) -> None:
    """Raises on cache errors; the spend counter goes first, so a failure never leaves an
    impression counted without its cost."""
    if price_micros:
        _count("spend", day, campaign_id, price_micros)
    _count("impressions", day, campaign_id, 1)


def count_click(campaign_id: int, day: date) -> None:
    _count("clicks", day, campaign_id, 1)
