"""A reader's feeds as plain functions over plain data: "For you" and "Local".

Both explain themselves: every pick carries the reasons it is there, in the reader's words ("You
follow Almaty", "Covered by 9 outlets"). Neither touches the database; ``feeds.py`` reads the rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

FOLLOW_WEIGHT = 1.0  # per followed channel the article is filed under (two at most count)
PUBLISHER_WEIGHT = 0.8  # the reader follows the publisher itself
AFFINITY_CAP = 0.5  # what reading history alone can add: a nudge, never a takeover
IMPORTANCE_WEIGHT = 0.35  # × log2(1 + outlets covering the story)
HALF_LIFE_HOURS = 18.0
WIDELY_COVERED = 3  # outlets from which "Covered by N outlets" is worth saying
HOME_WEIGHT = 0.6  # placed in or near the reader's home city: above reading history, below a follow
NEAR_HOME_KM = 80.0  # "near" for For you, and Local's first radius


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
    places: tuple[Spot, ...] = ()  # every place it is filed under; the main city above when empty


@dataclass(frozen=True)
class Spot:
    """A place an article is filed under: a town or county (with its point), a region or a country
    (without one: a state's middle says nothing about how far its news is)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    region: str = ""  # "US.IL"
    country: str = ""  # "US"


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
            per_publisher: int = 3, home: Home | None = None) -> list[Pick]:
    """Best first; muted publishers and channels never appear, one entry per story, and no
    publisher takes more than ``per_publisher`` places before everyone else has had theirs.
    Articles placed within ``NEAR_HOME_KM`` of the reader's ``home`` get a boost ("Near Springfield")."""
    scored = [_score(c, interests, now, home) for c in candidates if _allowed(c, interests)]
    by_id = {c.article_id: c for c in candidates}
    scored.sort(key=lambda p: (-p.score, -p.article_id))
    return diversify(scored, by_id, limit, per_publisher)


def _allowed(candidate: Candidate, interests: Interests) -> bool:
    if candidate.publisher_id in interests.muted_publishers or candidate.article_id in interests.read:
        return False
    return not any(cid in interests.muted_channels for cid, _ in candidate.channels)


def _score(candidate: Candidate, interests: Interests, now: datetime, home: Home | None = None) -> Pick:
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
    if home is not None and nearest_km(candidate, home) <= NEAR_HOME_KM:
        score += HOME_WEIGHT
        reasons.append(f"Near {home.name}")
    score += IMPORTANCE_WEIGHT * math.log2(1 + max(candidate.outlets, 1))
    if candidate.outlets >= WIDELY_COVERED:
        reasons.append(f"Covered by {candidate.outlets} outlets")
    if not reasons:
        reasons.append("Recent news")
    return Pick(candidate.article_id, decayed(score, candidate.published_at, now), reasons)


def decayed(score: float, published_at: datetime, now: datetime) -> float:
    """The score halved for every ``HALF_LIFE_HOURS`` of age."""
    age_hours = max((now - published_at).total_seconds() / 3600, 0.0)
    return score * 0.5 ** (age_hours / HALF_LIFE_HOURS)


def diversify(picks, by_id: dict[int, Candidate], limit: int, per_publisher: int,
              publishers: int | None = None) -> list[Pick]:
    """One pick per story; a publisher over its share waits until the others are placed.

    Reading stops once the page can no longer change: ``limit`` chosen, or, given how many
    ``publishers`` the picks come from, every one of them has had its share and enough wait (each
    later pick would only wait behind them). The For you index passes a long lazy merge here."""
    chosen, waiting, stories, counts = [], [], set(), {}
    full = 0  # publishers that have had their share
    for pick in picks:
        if len(chosen) >= limit or (publishers is not None and full >= publishers
                                    and len(chosen) + len(waiting) >= limit):
            break
        candidate = by_id[pick.article_id]
        if candidate.story_id is not None:
            if candidate.story_id in stories:
                continue
            stories.add(candidate.story_id)
        if counts.get(candidate.publisher_id, 0) >= per_publisher:
            waiting.append(pick)
            continue
        counts[candidate.publisher_id] = counts.get(candidate.publisher_id, 0) + 1
        full += counts[candidate.publisher_id] == per_publisher
        chosen.append(pick)
    return (chosen + waiting)[:limit]


@dataclass(frozen=True)
class Home:
    name: str  # "Little Rock"
    lat: float
    lon: float
    region: str  # "US.AR"
    region_name: str = ""  # "Arkansas"
    country_name: str = ""  # "United States"
    country: str = ""  # "US"; from ``region`` when not given

    def __post_init__(self):
        if not self.country and self.region:
            object.__setattr__(self, "country", self.region.split(".")[0])


IN_TOWN_KM = 5.0  # this close to the home city's point is in it, whatever the place is called
SAME_TOWN_KM = 30.0  # a place of the home city's name this close is the home city (its channel's point)
NEARBY_KM = 320.0  # "nearby" widens ring by ring up to this
CITY, NEARBY, REGION, COUNTRY = range(4)
# How far back Local looks shrinks with distance: a town's own news stays worth a look for months,
# the rest of the country only while it is fresh.
MAX_AGE = {CITY: timedelta(days=365), NEARBY: timedelta(days=60), REGION: timedelta(days=14),
           COUNTRY: timedelta(days=3)}


def local(candidates: list[Candidate], home: Home, interests: Interests, limit: int = 30,
          radius_km: float = NEARBY_KM, ring_km: float = 20.0, now: datetime | None = None) -> list[Pick]:
    """Local widens by distance and time until the page is full: the home city itself, then nearby
    places in rings that double from ``ring_km`` up to ``radius_km``, then the rest of the state,
    then the rest of the country, each as far back as ``MAX_AGE`` allows (from ``now``). Newest
    first inside the city, the state and the country; nearby, by ring and then newest first.
    Mutes still apply; one entry per story; each entry says where it is."""
    placed = [(where, c) for c in candidates if _allowed(c, interests)
              for where in [_where(c, home, radius_km, ring_km)]
              if where is not None and (now is None or now - c.published_at <= MAX_AGE[where[0]])]
    placed.sort(key=lambda t: (t[0][0], t[0][1], -t[1].published_at.timestamp(), -t[1].article_id))
    ordered = [Pick(c.article_id, -float(tier), [reason]) for (tier, _, reason), c in placed]
    by_id = {c.article_id: c for c in candidates}
    return diversify(ordered, by_id, limit, per_publisher=limit)


def _where(candidate: Candidate, home: Home, radius_km: float, ring_km: float) -> tuple[int, int, str] | None:
    """(tier, ring, reason) of an article's place nearest the reader's home; None when it is
    outside the home country."""
    spots = _spots(candidate)
    distances = _distances(spots, home)  # each haversine once per article
    km = min((km_ for _, km_ in distances), default=math.inf)
    if any(km_ <= IN_TOWN_KM or (s.name == home.name and km_ <= SAME_TOWN_KM) for s, km_ in distances):
        return CITY, 0, f"In {home.name}"
    if km <= radius_km:
        return NEARBY, _ring(km, ring_km), f"{km:.0f} km from {home.name}"
    if home.region and any(s.region == home.region for s in spots):
        return REGION, 0, f"In {home.region_name or home.region}"
    if home.country and any(s.country == home.country for s in spots):
        return COUNTRY, 0, f"In {home.country_name or home.country}"
    return None


def _ring(km: float, ring_km: float) -> int:
    """0 within ``ring_km``, then one ring per doubling of the distance (20, 40, 80, 160 km…)."""
    return 0 if km < ring_km else int(math.log2(km / ring_km)) + 1


def _spots(candidate: Candidate) -> tuple[Spot, ...]:
    if candidate.places:
        return candidate.places
    if candidate.lat is None:
        return ()
    country = candidate.region.split(".")[0]
    return (Spot(candidate.place_name, candidate.lat, candidate.lon, candidate.region, country),)


def _distances(spots, home: Home):
    return [(s, distance_km(home.lat, home.lon, s.lat, s.lon)) for s in spots if s.lat is not None and s.lon is not None]


def nearest_km(candidate: Candidate, home: Home) -> float:
    """How far the article's nearest town or county with a point lies from home (inf without one)."""
    return min((km for _, km in _distances(_spots(candidate), home)), default=math.inf)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), Earth radius 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
