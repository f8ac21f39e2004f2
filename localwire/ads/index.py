"""The campaigns that may be delivered now, kept in this process's memory.

Choosing an ad happens on nearly every page, so it must not read the campaigns table each time:
this index holds every deliverable campaign (approved, its advertiser active, within its
schedule, budget not all committed), by targeted channel key and with its targeted towns'
points. It is rebuilt when ``versions.campaigns_version()`` moves (looked at no more than once
a second) and at least every ``REBUILD_SECONDS``, so an approval, a pause or a suspension reaches
every process within a second where the cache is shared.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from localwire.ads import budget, versions
from localwire.ads.models import Advertiser, Campaign
from localwire.ads.money import to_micros
from localwire.articles.imageproxy import image_url

CHECK_SECONDS = 1.0
REBUILD_SECONDS = 30.0
IMAGE_WIDTH = 640


@dataclass(frozen=True)
class Target:
    """One town a campaign aims at: its name for the reason, its point and the campaign's radius."""

    label: str
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class Deliverable:
    """What deciding and showing an ad needs of a campaign, read once per rebuild."""

    id: int
    advertiser_id: int
    advertiser: str
    bid_micros: int  # the CPM bid in micro-units
    frequency_cap: int
    channels: frozenset[str]
    targets: tuple[Target, ...]
    start_at: datetime
    end_at: datetime
    headline: str
    body: str
    brand: str
    cta: str
    image_url: str  # through the image proxy

    def running(self, now: datetime) -> bool:
        return self.start_at <= now < self.end_at


@dataclass
class Index:
    campaigns: dict[int, Deliverable] = field(default_factory=dict)
    by_channel: dict[str, tuple[Deliverable, ...]] = field(default_factory=dict)
    placed: tuple[Deliverable, ...] = ()  # those aiming at towns
    version: int = 0
    built: float = 0.0  # time.monotonic()


_lock = threading.Lock()
_index = Index()
_checked = 0.0


def current() -> Index:
    """The index, rebuilt first when the campaigns changed or it is old; at most one cache read a second."""
    global _checked
    now = time.monotonic()
    index = _index
    if index.built and now - _checked < CHECK_SECONDS and now - index.built < REBUILD_SECONDS:
        return index
    _checked = now
    version = versions.campaigns_version()
    if index.built and version == index.version and now - index.built < REBUILD_SECONDS:
        return index
    with _lock:
        if _index is index:  # no other thread rebuilt it meanwhile
            if version != index.version:  # a credit or a raised budget may let a refused campaign pay again
                budget.forget_refusals()
            _rebuild(version)
        return _index


def forget() -> None:
    """Rebuild on the next use (tests, or right after this process changed a campaign)."""
    global _index, _checked
    with _lock:
        _index, _checked = Index(), 0.0


def _rebuild(version: int) -> None:
    global _index
    now = timezone.now()
    rows = (Campaign.objects.filter(status=Campaign.Status.APPROVED, advertiser__status=Advertiser.Status.ACTIVE,
                                    start_at__lte=now + _ahead(), end_at__gt=now,
                                    committed__lt=F("budget_total"))
            .select_related("advertiser")
            .only("id", "advertiser_id", "advertiser__name", "bid_cpm", "frequency_cap", "channels", "places",
                  "radius_km", "start_at", "end_at", "headline", "body", "brand", "cta", "image_url"))
    campaigns = {row.pk: _deliverable(row) for row in rows}
    by_channel: dict[str, list[Deliverable]] = {}
    for campaign in campaigns.values():
        for key in campaign.channels:
            by_channel.setdefault(key, []).append(campaign)
    _index = Index(campaigns, {k: tuple(v) for k, v in by_channel.items()},
                   tuple(c for c in campaigns.values() if c.targets), version, time.monotonic())


def _ahead() -> timedelta:
    """Campaigns starting before the next rebuild are loaded already; ``running`` checks the moment."""
    return timedelta(seconds=REBUILD_SECONDS)


def _deliverable(row: Campaign) -> Deliverable:
    targets = []
    for place in row.places or ():
        try:
            targets.append(Target(str(place.get("label") or place.get("name") or ""), float(place["lat"]),
                                  float(place["lon"]), float(row.radius_km)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a town without a point cannot be measured from; its channels still match
    return Deliverable(
        id=row.pk, advertiser_id=row.advertiser_id, advertiser=row.advertiser.name,
        bid_micros=to_micros(row.bid_cpm), frequency_cap=row.frequency_cap,
        channels=frozenset(str(key).strip().lower() for key in row.channels or () if key),
        targets=tuple(targets), start_at=row.start_at, end_at=row.end_at,
        headline=row.headline, body=row.body, brand=row.brand, cta=row.cta,
        image_url=image_url(row.image_url, IMAGE_WIDTH) if row.image_url else "",
    )
