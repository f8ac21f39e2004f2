"""robots.txt for article pages, fetched through the guarded fetcher and cached per origin.

Feeds are fetched regardless: publishing a feed invites readers to poll it.
RFC 9309 §2.3.1: 4xx means no rules (allow everything). For 5xx and network
errors the RFC says to assume complete disallow; Localwire instead keeps the
feed's own content for the article (never the page) for the short retry
window, which respects the site's wishes without losing the story.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from localwire.sources.http import FetchError, Fetcher

ROBOTS_MAX_BYTES = 500_000
ERROR_TTL = 300.0


class RobotsCache:
    def __init__(self, fetcher: Fetcher, ttl: float = 3600.0, user_agent_token: str = "Localwire"):
        self.fetcher = fetcher
        self.ttl = ttl
        self.token = user_agent_token
        self._cache: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._rules(origin)
        if rules is None:
            return False
        return rules.can_fetch(self.token, url)

    def _rules(self, origin: str) -> RobotFileParser | None:
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            cached = self._cache.get(origin)
            if cached and cached[0] > time.monotonic():
                return cached[1]
            rules, ttl = self._fetch(origin)
            self._cache[origin] = (time.monotonic() + ttl, rules)
            return rules

    def _fetch(self, origin: str) -> tuple[RobotFileParser | None, float]:
        parser = RobotFileParser()
        try:
            response = self.fetcher.get(f"{origin}/robots.txt", accept="text/plain",
                                        max_bytes=ROBOTS_MAX_BYTES, deadline=15)
        except FetchError:
            return None, ERROR_TTL
        if response.status >= 500:
            return None, ERROR_TTL
        if response.status >= 400:
            parser.parse([])
            return parser, self.ttl
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        return parser, self.ttl
