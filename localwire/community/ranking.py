"""A reader's feeds as plain functions over plain data: "For you" and "Local".

Both explain themselves: every pick carries the reasons it is there, in the reader's words ("You
follow Almaty", "Covered by 9 outlets"). Neither touches the database; ``feeds.py`` reads the rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

FOLLOW_WEIGHT = 1.0  # per followed channel the article is filed under (two at most count)
PUBLISHER_WEIGHT = 0.8  # the reader follows the publisher itself
AFFINITY_CAP = 0.5  # what reading history alone can add: a nudge, never a takeover
IMPORTANCE_WEIGHT = 0.35  # × log2(1 + outlets covering the story)
HALF_LIFE_HOURS = 18.0
WIDELY_COVERED = 3  # outlets from which "Covered by N outlets" is worth saying


@dataclass(frozen=True)
class Candidate:
    """A recent article with what ranking needs; copies of one wire story arrive as one candidate."""

    article_id: int
    publisher_id: int
    publisher_name: str
    published_at: datetime
    channels: tuple[tuple[int, str], ...] = ()  # (channel id, name) it is filed under, best first
    story_id: int | None = None
    outlets: int = 1  # outlets covering its story
    lat: float | None = None  # its main place, for "Local"
    lon: float | None = None
    place_name: str = ""
    region: str = ""  # "country_code.admin1_code" of that place


@dataclass(frozen=True)
class Interests:
    followed_channels: dict[int, str] = field(default_factory=dict)
    followed_publishers: dict[int, str] = field(default_factory=dict)
    muted_channels: frozenset[int] = frozenset()
    muted_publishers: frozenset[int] = frozenset()
    read: frozenset[int] = frozenset()  # articles already opened
    affinity: dict[int, float] = field(default_factory=dict)  # channel id → share of recent reading


@dataclass
class Pick:
    article_id: int
    score: float
    reasons: list[str]


def for_you(candidates: list[Candidate], interests: Interests, now: datetime, limit: int = 30,
            per_publisher: int = 3) -> list[Pick]:
    """Best first; muted publishers and channels never appear, one entry per story, and no
    publisher takes more than ``per_publisher`` places before everyone else has had theirs."""
    scored = [p for p in (_score(c, interests, now) for c in candidates if _allowed(c, interests)) if p]
    by_id = {c.article_id: c for c in candidates}
    scored.sort(key=lambda p: (-p.score, -p.article_id))
    return diversify(scored, by_id, limit, per_publisher)


def _allowed(candidate: Candidate, interests: Interests) -> bool:
    if candidate.publisher_id in interests.muted_publishers or candidate.article_id in interests.read:
        return False
    return not any(cid in interests.muted_channels for cid, _ in candidate.channels)


def _score(candidate: Candidate, interests: Interests, now: datetime) -> Pick:
    reasons, score = [], 0.0
    followed = [name for cid, name in candidate.channels if cid in interests.followed_channels]
    if followed:
        score += FOLLOW_WEIGHT * min(len(followed), 2)
        reasons.append(f"You follow {followed[0]}")
    if candidate.publisher_id in interests.followed_publishers:
        score += PUBLISHER_WEIGHT
        reasons.append(f"You follow {candidate.publisher_name}")
    liked = sorted(((interests.affinity.get(cid, 0.0), name) for cid, name in candidate.channels), reverse=True)
    if liked and liked[0][0] > 0:
        score += min(sum(w for w, _ in liked), AFFINITY_CAP)
        if not followed:
            reasons.append(f"You read about {liked[0][1]}")
    score += IMPORTANCE_WEIGHT * math.log2(1 + max(candidate.outlets, 1))
    if candidate.outlets >= WIDELY_COVERED:
        reasons.append(f"Covered by {candidate.outlets} outlets")
    if not reasons:
        reasons.append("Recent news")
    age_hours = max((now - candidate.published_at).total_seconds() / 3600, 0.0)
    return Pick(candidate.article_id, score * 0.5 ** (age_hours / HALF_LIFE_HOURS), reasons)


def diversify(picks: list[Pick], by_id: dict[int, Candidate], limit: int, per_publisher: int) -> list[Pick]:
    """One pick per story; a publisher over its share waits until the others are placed."""
    chosen, waiting, stories, counts = [], [], set(), {}
    for pick in picks:
        candidate = by_id[pick.article_id]
        if candidate.story_id is not None:
            if candidate.story_id in stories:
                continue
            stories.add(candidate.story_id)
        if counts.get(candidate.publisher_id, 0) >= per_publisher:
            waiting.append(pick)
            continue
        counts[candidate.publisher_id] = counts.get(candidate.publisher_id, 0) + 1
        chosen.append(pick)
    return (chosen + waiting)[:limit]


@dataclass(frozen=True)
class Home:
    name: str  # "Little Rock"
    lat: float
    lon: float
    region: str  # "US.AR"
    region_name: str = ""  # "Arkansas"


def local(candidates: list[Candidate], home: Home, interests: Interests, limit: int = 30,
          radius_km: float = 80.0, ring_km: float = 20.0) -> list[Pick]:
    """Nearest first in rings of ``ring_km`` (newest first inside a ring) up to ``radius_km``,
    then the rest of the state, newest first. Mutes still apply; one entry per story."""
    near, state = [], []
    for c in candidates:
        if not _allowed(c, interests) or c.lat is None or c.lon is None:
            continue
        km = distance_km(home.lat, home.lon, c.lat, c.lon)
        if km <= radius_km:
            where = f"In {home.name}" if km < 5 or c.place_name == home.name else f"{km:.0f} km from {home.name}"
            near.append((int(km // ring_km), -c.published_at.timestamp(), Pick(c.article_id, -km, [where])))
        elif c.region == home.region:
            state.append((-c.published_at.timestamp(), Pick(c.article_id, -km, [f"In {home.region_name or c.region}"])))
    ordered = [p for *_, p in sorted(near, key=lambda t: t[:2])] + [p for _, p in sorted(state, key=lambda t: t[0])]
    by_id = {c.article_id: c for c in candidates}
    return diversify(ordered, by_id, limit, per_publisher=limit)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), Earth radius 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
