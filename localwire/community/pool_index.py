"""For you over a shared pool, touching only the candidates that concern one reader.

``ranking.for_you`` scores every candidate for every reader: 500 candidates a page, most of which
nothing personal applies to (no follow, no mute, no read, no liked channel, not near home). Their
score is the same for every reader and their order the same at every moment (the decay halves
every score alike as time passes), so it is worked out once per pool (``index_pool``) and a reader's
page (``for_you_indexed``) scores only the handful their interests name, merges them into that
shared order, and stops once the page is full. The answer is ``ranking.for_you``'s, pick for pick,
which the tests check against it.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from datetime import datetime

from localwire.community import ranking
from localwire.community.ranking import Candidate, Home, Interests, Pick

DEGREES_PER_KM = 1 / 111.0  # a degree of latitude, and of longitude at the equator (an upper bound)


@dataclass(eq=False)  # one pool is one build: compared by identity, never field by field (500 candidates)
class IndexedPool:
    candidates: list[Candidate]
    built_at: datetime
    by_id: dict[int, Candidate] = field(default_factory=dict)
    shared_order: list[int] = field(default_factory=list)  # candidate positions, best first with no interests
    by_channel: dict[int, list[int]] = field(default_factory=dict)  # channel id → positions
    by_publisher: dict[int, list[int]] = field(default_factory=dict)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (position, lat, lon) of every town
    future: list[int] = field(default_factory=list)  # published after the pool was built: always scored
    undecayed: list[Pick] = field(default_factory=list)  # each candidate's score and reasons for no one, before decay


def index_pool(candidates: list[Candidate], built_at: datetime) -> IndexedPool:
    pool = IndexedPool(candidates, built_at, by_id={c.article_id: c for c in candidates})
    nobody = Interests()
    pool.undecayed = [ranking._score(c, nobody, c.published_at) for c in candidates]  # age 0: no decay
    keyed = []
    for n, c in enumerate(candidates):
        for cid, _ in c.channels:
            pool.by_channel.setdefault(cid, []).append(n)
        pool.by_publisher.setdefault(c.publisher_id, []).append(n)
        pool.points.extend((n, s.lat, s.lon) for s in ranking._spots(c) if s.lat is not None and s.lon is not None)
        if c.published_at > built_at:
            pool.future.append(n)
        else:
            keyed.append((-ranking.decayed(pool.undecayed[n].score, c.published_at, built_at), -c.article_id, n))
    keyed.sort()
    pool.shared_order = [n for _, _, n in keyed]
    return pool


def for_you_indexed(pool: IndexedPool, interests: Interests, now: datetime, limit: int = 30,
                    per_publisher: int = 3, home: Home | None = None) -> list[Pick]:
    """``ranking.for_you`` over an indexed pool (``now`` no earlier than it was built)."""
    touched = _touched(pool, interests, home)
    candidates = pool.candidates
    own = [ranking._score(candidates[n], interests, now, home) for n in touched
           if ranking._allowed(candidates[n], interests)]
    own.sort(key=lambda p: (-p.score, -p.article_id))
    shared = (Pick(candidates[n].article_id, ranking.decayed(pool.undecayed[n].score, candidates[n].published_at, now),
                   pool.undecayed[n].reasons) for n in pool.shared_order if n not in touched)
    merged = heapq.merge(own, shared, key=lambda p: (-p.score, -p.article_id))
    return ranking.diversify(merged, pool.by_id, limit, per_publisher, publishers=len(pool.by_publisher))


def _touched(pool: IndexedPool, interests: Interests, home: Home | None) -> set[int]:
    """Positions of the candidates the reader's interests say anything about."""
    touched = set(pool.future)
    for cid in (*interests.followed_channels, *interests.affinity, *interests.muted_channels):
        touched.update(pool.by_channel.get(cid, ()))
    for pid in (*interests.followed_publishers, *interests.muted_publishers):
        touched.update(pool.by_publisher.get(pid, ()))
    if interests.read:
        touched.update(n for n, c in enumerate(pool.candidates) if c.article_id in interests.read)
    if home is not None:
        touched.update(_near(pool, home))
    return touched


def _near(pool: IndexedPool, home: Home) -> set[int]:
    """Positions with a town within ``NEAR_HOME_KM``; a box around home rules most out unmeasured."""
    dlat = ranking.NEAR_HOME_KM * DEGREES_PER_KM
    dlon = dlat / max(math.cos(math.radians(min(abs(home.lat) + dlat, 89.0))), 0.01)
    return {n for n, lat, lon in pool.points
            if abs(lat - home.lat) <= dlat and min(abs(lon - home.lon), 360 - abs(lon - home.lon)) <= dlon
            and ranking.distance_km(home.lat, home.lon, lat, lon) <= ranking.NEAR_HOME_KM}
