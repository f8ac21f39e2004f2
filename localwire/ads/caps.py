"""At most ``frequency_cap`` impressions of a campaign per visitor per local day.

The visitor is ``metrics.visitors.visitor_id`` under the day's salt (``metrics.counting``): a
signed-in reader's id, else a keyed hash of address and browser that cannot be tied back once the
day's salt is gone. The counters live in the cache until the end of the local day and nowhere
else: no cookie, no database row. Deciding costs one ``get_many`` for the best few candidates (rarely
more) and one ``incr`` for the winner.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.cache import cache
from django.utils import timezone

from localwire.caching.journal import incr_or_create, seconds_left_in_day
from localwire.metrics.counting import daily_salt
from localwire.metrics.visitors import visitor_id

PREFIX = "lw:ads:cap"
BATCH = 8


def visitor_of(request, day: date) -> str:
    return visitor_id(request, daily_salt(day))


def cap_key(day: date, visitor: str, campaign_id: int) -> str:
    return f"{PREFIX}:{day.isoformat()}:{visitor}:{campaign_id}"


def seen(visitor: str, day: date, ids) -> dict[int, int]:
    """How many times today this visitor was shown each campaign (missing: never); {} when the
    cache fails, so a broken cache shows ads rather than none."""
    keys = {cap_key(day, visitor, i): i for i in ids}
    if not keys:
        return {}
    try:
        return {keys[key]: count for key, count in cache.get_many(list(keys)).items()}
    except Exception:
        return {}


def under_cap(counts: dict[int, int], campaign_id: int, cap: int) -> bool:
    return counts.get(campaign_id, 0) < cap


def uncapped(visitor: str, day: date, ordered, batch: int = BATCH):
    """The (campaign, reason) entries of ``ordered`` this visitor may still see today, in order;
    their counters are read ``batch`` at a time, as the auction rarely looks past the first few."""
    for start in range(0, len(ordered), batch):
        chunk = ordered[start:start + batch]
        counts = seen(visitor, day, [campaign.id for campaign, _ in chunk])
        for entry in chunk:
            if under_cap(counts, entry[0].id, entry[0].frequency_cap):
                yield entry


def note(visitor: str, now: datetime, campaign_id: int) -> None:
    """One more impression for this visitor today; never raises (the cap is a courtesy, not money)."""
    local = timezone.localtime(now)
    try:
        incr_or_create(cap_key(local.date(), visitor, campaign_id), 1, timeout=seconds_left_in_day(local))
    except Exception:
        pass
