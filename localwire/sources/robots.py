"""robots.txt for article pages, fetched through the guarded fetcher and cached per origin.

Feeds are polled regardless: publishing a feed invites readers to poll it.
Pages are what robots.txt governs. The choices, per RFC 9309 §2.3.1:

- 2xx: obey the rules for our token (``Localwire``), else for ``*``.
- 4xx (robots.txt "unavailable"): no rules, allow everything (§2.3.1.3).
- 5xx, 429 and network errors ("unreachable"): the RFC says assume complete
  disallow (§2.3.1.4), and we do, but only for ``ERROR_TTL`` (5 minutes)
  before asking again. A refused page costs Localwire little (the article
  keeps the feed's own text), while ignoring the rule would crawl a site
  exactly when it is struggling. 429 counts as unreachable because it asks
  us to back off.
- A robots.txt over the 500 KiB the RFC requires us to parse (§2.5) is
  treated as unreachable too, rather than guessing at a truncated rule set.

Rules are cached for ``ttl`` seconds (the RFC caps caching at 24 hours).
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from localwire.sources.errors import FetchError
from localwire.sources.http import Fetcher

ROBOTS_MAX_BYTES = 500 * 1024
ROBOTS_DEADLINE = 15.0
ERROR_TTL = 300.0
_PRUNE_AT = 10_000  # origins cached before expired entries are swept


class RobotsCache:
    """Thread-safe; one fetch per origin even when many threads ask at once."""

    def __init__(self, fetcher: Fetcher, ttl: float = 3600.0, user_agent_token: str = "Localwire"):
        self.fetcher = fetcher
        self.ttl = ttl
        self.token = user_agent_token
        self._cache: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        rules = self._rules(f"{parts.scheme}://{host}" + (f":{port}" if port else ""))
        return rules is not None and rules.can_fetch(self.token, url)

    def _rules(self, origin: str) -> RobotFileParser | None:
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:
            cached = self._cache.get(origin)
            if cached and cached[0] > time.monotonic():
                return cached[1]
            rules, ttl = self._fetch(origin)
            with self._lock:
                if len(self._cache) >= _PRUNE_AT:
                    now = time.monotonic()
                    for key in [k for k, (until, _) in self._cache.items() if until <= now]:
                        del self._cache[key]
                self._cache[origin] = (time.monotonic() + ttl, rules)
            return rules

    def _fetch(self, origin: str) -> tuple[RobotFileParser | None, float]:
        """(rules, seconds to keep them); None rules means disallow everything."""
        try:
            response = self.fetcher.get(f"{origin}/robots.txt", accept="text/plain",
                                        max_bytes=ROBOTS_MAX_BYTES, deadline=ROBOTS_DEADLINE)
        except FetchError:
            return None, ERROR_TTL
        if response.status >= 500 or response.status == 429:
            return None, ERROR_TTL
        parser = RobotFileParser()
        if response.status >= 400:
            parser.parse([])
        else:
            parser.parse(response.body.decode("utf-8-sig", "replace").splitlines())
        return parser, self.ttl
