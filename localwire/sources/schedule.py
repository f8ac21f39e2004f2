"""When to poll a feed next: steady interval on success, capped exponential backoff on errors."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

MAX_BACKOFF = timedelta(days=7)


def next_after_success(now: datetime, interval: float, rng: random.Random | None = None) -> datetime:
    """Spread polls by ±10% so feeds added together do not stay in lock-step."""
    rng = rng or random
    return now + timedelta(seconds=interval * rng.uniform(0.9, 1.1))


def backoff_delay(
    error_count: int, interval: float, retry_after: float | None = None,
    rng: random.Random | None = None,
) -> timedelta:
    """Exponential backoff with jitter, never sooner than the server's Retry-After, capped at 7 days.

    ``error_count`` counts consecutive failures including this one.
    """
    rng = rng or random
    cap = MAX_BACKOFF.total_seconds()
    ceiling = min(cap, interval * (2 ** max(error_count - 1, 0)))
    # "Equal jitter": keep at least half the ceiling so backoff still grows.
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return timedelta(seconds=min(delay, cap))
