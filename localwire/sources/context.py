"""The outside tools the ingest stages use (the guarded fetcher, the robots cache), built in one place.

Every fetcher Localwire uses comes from ``make_fetcher``, which reads the fetch settings; what a
process keeps for its whole life (the stages' context, the image proxy's fetcher) is held by a
``PerProcess``, so its connection pool and robots cache are built once and shared by all threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings

from localwire.sources.addresses import parse_allow_private
from localwire.sources.hostcap import RedisSlots
from localwire.sources.http import Fetcher
from localwire.sources.robots import RobotsCache

T = TypeVar("T")


@dataclass
class Context:
    """The outside tools stages may use; built once per process."""

    fetcher: Fetcher
    robots: RobotsCache | None = None
    analyze: bool = False  # understand stored articles (language, entities, places, topics, tags)


def make_fetcher(**overrides) -> Fetcher:
    """A fetcher with the operator's fetch settings; ``overrides`` for a caller's own limits."""
    options = dict(
        allow_private=parse_allow_private(settings.LOCALWIRE_FETCH_ALLOW_PRIVATE),
        user_agent=settings.LOCALWIRE_USER_AGENT,
        max_bytes=settings.LOCALWIRE_FETCH_MAX_BYTES,
        deadline=settings.LOCALWIRE_FETCH_TIMEOUT,
        per_host=settings.LOCALWIRE_FETCH_PER_HOST,
    )
    options.update(overrides)
    if settings.LOCALWIRE_FETCH_SLOTS_URL and "slots" not in options:  # one cap for every process
        options["slots"] = RedisSlots(settings.LOCALWIRE_FETCH_SLOTS_URL, options["per_host"])
    return Fetcher(**options)


def build_context() -> Context:
    """A fresh context (its own connection pool): for a command's run or a test."""
    fetcher = make_fetcher()
    robots = RobotsCache(fetcher) if settings.LOCALWIRE_RESPECT_ROBOTS else None
    return Context(fetcher=fetcher, robots=robots, analyze=settings.LOCALWIRE_ANALYZE)


class PerProcess(Generic[T]):
    """A value built on first use and shared by every thread after; ``reset`` closes and forgets it
    (for tests that change settings)."""

    def __init__(self, build: Callable[[], T], close: Callable[[T], None]):
        self._build, self._close = build, close
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        with self._lock:
            if self._value is None:
                self._value = self._build()
            return self._value

    def reset(self) -> None:
        with self._lock:
            if self._value is not None:
                self._close(self._value)
            self._value = None


_shared = PerProcess(build_context, lambda context: context.fetcher.close())


def shared_context() -> Context:
    """One context per process: the fetcher's connection pool and robots cache are shared."""
    return _shared.get()


def reset_shared_context() -> None:
    """For tests that change fetch settings."""
    _shared.reset()
