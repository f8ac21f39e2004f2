"""Signed ad links: ``/ad/c/<signed>`` for a click, ``/ad/why/<signed>`` for "Why this ad?".

A click link carries only the campaign, the day it was served and the placement, signed with the
site's key (``django.core.signing``) so nobody can make one that counts a click for a campaign,
and it never carries the landing page: that is read from the database when the click arrives, so
a link cannot be turned into an open redirect. Links stop working after ``VALID_DAYS``.

A click is counted once per visitor, campaign and day (the same daily-salted visitor as the
frequency cap), and never for bots or link previews; the reader is sent on either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from localwire.ads import caps, counting
from localwire.ads.creative import PLACEMENTS
from localwire.metrics.visitors import counts

CLICK_SALT = "localwire.ads.click"
WHY_SALT = "localwire.ads.why"
VALID_DAYS = 30


@dataclass(frozen=True)
class Click:
    campaign_id: int
    day: date
    placement: str


@dataclass(frozen=True)
class Why:
    campaign_id: int
    placement: str
    reason: str


@lru_cache(maxsize=4096)  # the same few links over and over: sign each once
def click_url(campaign_id: int, day: date, placement: str) -> str:
    token = signing.dumps([campaign_id, day.toordinal(), _placement_index(placement)], salt=CLICK_SALT)
    return reverse("ad_click", kwargs={"signed": token})


@lru_cache(maxsize=4096)
def why_url(campaign_id: int, placement: str, reason: str) -> str:
    token = signing.dumps([campaign_id, _placement_index(placement), reason], salt=WHY_SALT, compress=True)
    return reverse("ad_why", kwargs={"signed": token})


def read_click(signed: str) -> Click | None:
    """The click a link stands for; None when it was not signed here or was changed."""
    try:
        campaign_id, ordinal, placement = signing.loads(signed, salt=CLICK_SALT)
        return Click(int(campaign_id), date.fromordinal(int(ordinal)), PLACEMENTS[int(placement)])
    except (signing.BadSignature, ValueError, TypeError, IndexError, OverflowError):
        return None


def read_why(signed: str) -> Why | None:
    try:
        campaign_id, placement, reason = signing.loads(signed, salt=WHY_SALT)
        return Why(int(campaign_id), PLACEMENTS[int(placement)], str(reason)[:200])
    except (signing.BadSignature, ValueError, TypeError, IndexError, OverflowError):
        return None


def expired(click: Click, now: datetime) -> bool:
    return (timezone.localdate(now) - click.day).days > VALID_DAYS


def count(request, click: Click, now: datetime) -> bool:
    """Count the click unless a bot made it or this visitor already clicked this campaign today;
    never raises (the reader must reach the advertiser even when the cache is down)."""
    if not counts(request):
        return False
    day = timezone.localdate(now)
    try:
        visitor = caps.visitor_of(request, day)
        if not counting.COUNTED.first_today(now, "click", click.campaign_id, visitor):
            return False
        counting.count_click(click.campaign_id, day)
        return True
    except Exception:
        return False


def _placement_index(placement: str) -> int:
    return PLACEMENTS.index(placement)
