"""Builds the stage context (guarded fetcher, robots cache) from settings, once per process."""

from __future__ import annotations

import threading

from django.conf import settings

from localwire.pipeline.stages import Context
from localwire.sources.http import Fetcher, parse_allow_private
from localwire.sources.robots import RobotsCache

_lock = threading.Lock()
_context: Context | None = None


def make_fetcher(**overrides) -> Fetcher:
    options = dict(
        allow_private=parse_allow_private(settings.LOCALWIRE_FETCH_ALLOW_PRIVATE),
        user_agent=settings.LOCALWIRE_USER_AGENT,
        max_bytes=settings.LOCALWIRE_FETCH_MAX_BYTES,
        deadline=settings.LOCALWIRE_FETCH_TIMEOUT,
        per_host=settings.LOCALWIRE_FETCH_PER_HOST,
    )
    options.update(overrides)
    return Fetcher(**options)


def build_context() -> Context:
    fetcher = make_fetcher()
    robots = RobotsCache(fetcher) if settings.LOCALWIRE_RESPECT_ROBOTS else None
    return Context(fetcher=fetcher, robots=robots, analyze=settings.LOCALWIRE_ANALYZE)


def shared_context() -> Context:
    """One context per process: the fetcher's connection pool and robots cache are shared."""
    global _context
    with _lock:
        if _context is None:
            _context = build_context()
        return _context


def reset_shared_context() -> None:
    """For tests that change fetch settings."""
    global _context
    with _lock:
        if _context is not None:
            _context.fetcher.close()
        _context = None
