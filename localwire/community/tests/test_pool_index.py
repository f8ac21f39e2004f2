"""The indexed For you gives ``ranking.for_you``'s page, pick for pick and reason for reason."""

import random
from datetime import datetime, timedelta, timezone

import pytest

from localwire.community.pool_index import for_you_indexed, index_pool
from localwire.community.ranking import Candidate, Home, Interests, Spot, for_you

BUILT = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)
TOWNS = [("Springfield", 39.80, -89.64), ("Decatur", 39.84, -88.95), ("Peoria", 40.69, -89.59),
         ("Chicago", 41.88, -87.63), ("Denver", 39.74, -104.99)]


def _pool(rng: random.Random, size: int = 300) -> list[Candidate]:
    pool = []
    for n in range(size):
        town = rng.choice(TOWNS)
        channels = tuple((cid, f"channel {cid}") for cid in rng.sample(range(1, 40), rng.randint(0, 3)))
        story = rng.choice([None, None, rng.randint(1, 60)])
        # a few published after the pool was built, as a clock between processes may give
        published = BUILT - timedelta(minutes=rng.randint(-30, 72 * 60))
        pool.append(Candidate(1000 + n, rng.randint(1, 12), f"publisher {n % 12}", published, channels,
                              story, rng.randint(1, 9),
                              places=(Spot(town[0], town[1], town[2], "US.IL", "US"),) if rng.random() < 0.8 else ()))
    return pool


def _interests(rng: random.Random, pool: list[Candidate]) -> Interests:
    return Interests(
        followed_channels={cid: f"channel {cid}" for cid in rng.sample(range(1, 40), rng.randint(0, 5))},
        followed_publishers={pid: f"publisher {pid}" for pid in rng.sample(range(1, 13), rng.randint(0, 2))},
        muted_channels=frozenset(rng.sample(range(1, 40), rng.randint(0, 2))),
        muted_publishers=frozenset(rng.sample(range(1, 13), rng.randint(0, 1))),
        read=frozenset(c.article_id for c in rng.sample(pool, rng.randint(0, 20))),
        affinity={cid: rng.random() / 3 for cid in rng.sample(range(1, 40), rng.randint(0, 4))},
    )


@pytest.mark.parametrize("seed", range(12))
def test_the_indexed_page_is_the_full_ranking(seed):
    rng = random.Random(seed)
    pool = _pool(rng)
    indexed = index_pool(pool, BUILT)
    for _ in range(10):
        interests = _interests(rng, pool) if rng.random() < 0.8 else Interests()
        town = rng.choice(TOWNS)
        home = Home(town[0], town[1] + 0.3, town[2], "US.IL") if rng.random() < 0.5 else None
        now = BUILT + timedelta(minutes=rng.randint(0, 90))
        limit = rng.choice([5, 30, 100])
        expected = for_you(pool, interests, now, limit=limit, home=home)
        got = for_you_indexed(indexed, interests, now, limit=limit, home=home)
        assert [p.score for p in got] == pytest.approx([p.score for p in expected], rel=1e-12)
        assert _untied(got) == _untied(expected)


def _untied(picks) -> list:
    """The picks, but for those whose score equals a neighbour's: two scores the same but for
    rounding are ordered by how the rounding fell, in either ranking."""
    def tied(n):
        return any(0 <= m < len(picks) and picks[m].score == pytest.approx(picks[n].score, rel=1e-12)
                   for m in (n - 1, n + 1))
    return [(n, p.article_id, p.reasons) for n, p in enumerate(picks) if not tied(n)]


def test_a_reader_with_no_interests_gets_the_shared_order():
    rng = random.Random(99)
    pool = _pool(rng, 50)
    page = for_you_indexed(index_pool(pool, BUILT), Interests(), BUILT, limit=10)
    assert [p.article_id for p in page] == [p.article_id for p in for_you(pool, Interests(), BUILT, limit=10)]
    assert len(page) == 10
