"""Choosing the ad for a slot: fit the page, leave out what the reader hid or saw enough of, run
the auction, and spend the winner's impression.

With the page's context kept (``context.py``), the campaigns in memory (``index.py``) and a live
budget lease (``budget.py``), choosing reads no database row: one cache ``get_many`` for the
frequency caps, then the cache counters of the impression. A signed-in reader's hides cost one
query per request. Nothing is chosen for bots and link previews, whose visits are not readers'.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from localwire.ads import auction, budget, caps, clicks, index
from localwire.ads.context import PageContext
from localwire.ads.creative import ServedAd
from localwire.ads.matching import eligible
from localwire.ads.models import AdHide
from localwire.metrics.visitors import counts

HIDES_ATTRIBUTE = "_lw_ad_hides"


def choose(request, context: PageContext, now: datetime | None = None, taken=()) -> ServedAd | None:
    """The ad for one slot, its impression already counted and paid; None when no campaign fits,
    can pay, or may be shown (``taken``: campaign ids already on this page)."""
    if not settings.LOCALWIRE_ADS or not counts(request):
        return None
    now = now or timezone.now()
    day = timezone.localdate(now)
    found = eligible(index.current(), context, now)
    for campaign_id in taken:
        found.pop(campaign_id, None)
    if found:
        hidden_campaigns, hidden_advertisers = hides_of(request)
        found = {i: entry for i, entry in found.items()
                 if i not in hidden_campaigns and entry[0].advertiser_id not in hidden_advertisers}
    if not found:
        return None
    visitor = caps.visitor_of(request, day)
    floor = auction.floor_micros()
    ordered = auction.order(found.values(), day, floor)
    for priced in auction.priced(caps.uncapped(visitor, day, ordered), floor):
        campaign = priced.campaign
        try:
            paid = budget.charge_impression(campaign.id, campaign.advertiser_id, campaign.bid_micros,
                                            priced.price_micros, now)
        except Exception:  # the cache failed after the lease paid: show nothing rather than unpaid ads
            return None
        if paid:
            caps.note(visitor, now, campaign.id)
            auction.note_shown(day, campaign.id)
            return served(priced, context.placement, now)
    return None


def choose_many(request, context: PageContext, n: int, now: datetime | None = None) -> list[ServedAd]:
    """Up to ``n`` ads for ``n`` slots on one page, each a different campaign."""
    now = now or timezone.now()
    ads: list[ServedAd] = []
    for _ in range(n):
        ad = choose(request, context, now, taken=[a.campaign_id for a in ads])
        if ad is None:
            break
        ads.append(ad)
    return ads


def served(priced: auction.Priced, placement: str, now: datetime) -> ServedAd:
    campaign = priced.campaign
    return ServedAd(
        campaign_id=campaign.id, advertiser_id=campaign.advertiser_id, advertiser=campaign.advertiser,
        headline=campaign.headline, body=campaign.body, brand=campaign.brand, cta=campaign.cta,
        image_url=campaign.image_url,
        click_url=clicks.click_url(campaign.id, timezone.localdate(now), placement),
        reason=priced.reason, why_url=clicks.why_url(campaign.id, placement, priced.reason),
        price_micros=priced.price_micros,
    )


def reader_of(request):
    """The signed-in reader behind a request: the API's bearer-token user (``request.auth``) or
    the session's; None for a visitor."""
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        if user is not None and getattr(user, "is_authenticated", False):
            return user
    return None


def hides_of(request) -> tuple[frozenset[int], frozenset[int]]:
    """The campaigns and advertisers a signed-in reader hid, read once per request."""
    kept = getattr(request, HIDES_ATTRIBUTE, None)
    if kept is not None:
        return kept
    reader = reader_of(request)
    campaigns, advertisers = set(), set()
    if reader is not None:
        for campaign_id, advertiser_id in AdHide.objects.filter(user=reader).values_list(
                "campaign_id", "advertiser_id"):
            if campaign_id:
                campaigns.add(campaign_id)
            else:
                advertisers.add(advertiser_id)
    kept = (frozenset(campaigns), frozenset(advertisers))
    setattr(request, HIDES_ATTRIBUTE, kept)
    return kept
