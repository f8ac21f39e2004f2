import random
from datetime import datetime, timedelta, timezone

from localwire.sources.schedule import MAX_BACKOFF, backoff_delay, next_after_success


def test_backoff_grows_then_caps_at_seven_days():
    rng = random.Random(1)
    delays = [backoff_delay(n, 900, rng=rng) for n in range(1, 30)]
    assert delays[0] <= timedelta(seconds=900)
    assert delays[5] > delays[0]
    assert max(delays) <= MAX_BACKOFF
    assert delays[-1] >= MAX_BACKOFF / 2


def test_backoff_has_jitter():
    delays = {backoff_delay(4, 900, rng=random.Random(seed)) for seed in range(20)}
    assert len(delays) > 10


def test_retry_after_is_a_floor_but_not_past_the_cap():
    assert backoff_delay(1, 900, retry_after=86_400) >= timedelta(days=1)
    assert backoff_delay(1, 900, retry_after=10**9) == MAX_BACKOFF


def test_success_interval_is_spread():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    gaps = {next_after_success(now, 900, random.Random(s)) - now for s in range(10)}
    assert all(timedelta(seconds=810) <= g <= timedelta(seconds=990) for g in gaps)
    assert len(gaps) > 5
