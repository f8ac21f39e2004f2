"""Which campaigns fit a page, and the reason a reader is told.

A campaign fits when the page carries one of its channels, when one of its towns lies within its
radius of a place the page is about, or within its radius of the Local city the reader chose. The
reason names what matched, in the reader's words: "Shown on news about Little Rock" (a place or
another subject), "Shown on Sports news" (a topic), "Shown to readers who chose Little Rock as
their Local city". A page's places are towns and counties with coordinates, never a country or a
continent, so a town's campaign cannot fit a story about somewhere across the world.
"""

from __future__ import annotations

from datetime import datetime

from localwire.ads.context import PageContext
from localwire.ads.index import Deliverable, Index
from localwire.community.ranking import distance_km

KM_PER_DEGREE = 111.2  # of latitude; a cheap first test before the haversine


def eligible(index: Index, context: PageContext, now: datetime) -> dict[int, tuple[Deliverable, str]]:
    """Campaign id → (campaign, reason) for every running campaign that fits the page."""
    found: dict[int, tuple[Deliverable, str]] = {}
    for key in sorted(context.channel_keys, key=_topics_last):
        for campaign in index.by_channel.get(key, ()):
            if campaign.id not in found and campaign.running(now):
                found[campaign.id] = (campaign, channel_reason(key, context.channel_names.get(key, "")))
    if index.placed and (context.places or context.local):
        for campaign in index.placed:
            if campaign.id in found or not campaign.running(now):
                continue
            reason = _near(campaign, context)
            if reason:
                found[campaign.id] = (campaign, reason)
    return found


def _topics_last(key: str) -> tuple[bool, str]:
    """A place says more than a topic: when both match, the reason names the place."""
    return (key.startswith("topic/"), key)


def channel_reason(key: str, name: str) -> str:
    name = name or key.partition("/")[2].replace("-", " ").title()
    if key.startswith("topic/"):
        return f"Shown on {name} news"
    return f"Shown on news about {name}"


def _near(campaign: Deliverable, context: PageContext) -> str:
    for name, lat, lon in context.places:
        if _within(campaign, lat, lon):
            return f"Shown on news about {name}"
    if context.local is not None:
        name, lat, lon = context.local
        if _within(campaign, lat, lon):
            return f"Shown to readers who chose {name} as their Local city"
    return ""


def _within(campaign: Deliverable, lat: float, lon: float) -> bool:
    for target in campaign.targets:
        if abs(target.lat - lat) * KM_PER_DEGREE > target.radius_km:
            continue
        if distance_km(target.lat, target.lon, lat, lon) <= target.radius_km:
            return True
    return False
