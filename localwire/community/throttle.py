"""Login throttling: count failed log-ins per username and per client address in Django's cache.

A fixed window per key: the first failure opens it, ``LOCALWIRE_LOGIN_MAX_FAILURES`` failures inside
``LOCALWIRE_LOGIN_WINDOW`` seconds close the door until the window ends. The cache is the site's
cache, so with Redis configured (``CACHE_URL``) every web process sees the same counts. Plain
functions with the clock passed in, so tests need not sleep.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    keys = []
    if username:
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
        keys.append(f"lw:login:user:{digest}")
    if address:
        keys.append(f"lw:login:ip:{address}")
    return keys


def _window() -> int:
    return settings.LOCALWIRE_LOGIN_WINDOW


def retry_after(username: str, address: str, now: float | None = None) -> int:
    """Seconds until this username or address may try again; 0 when it may try now."""
    now = time.time() if now is None else now
    wait = 0.0
    for key in _keys(username, address):
        state = cache.get(key)
        if not state:
            continue
        count, started = state
        ends = started + _window()
        if count >= settings.LOCALWIRE_LOGIN_MAX_FAILURES and now < ends:
            wait = max(wait, ends - now)
    return int(wait + 0.999)


def record_failure(username: str, address: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    for key in _keys(username, address):
        state = cache.get(key)
        if not state or now >= state[1] + _window():
            state = (0, now)
        # The entry outlives the window a little in real time; the window itself is judged by ``now``.
        cache.set(key, (state[0] + 1, state[1]), timeout=_window() + 60)


def clear(username: str, address: str) -> None:
    """A successful log-in forgives the username's failures (not the address's: others share it)."""
    keys = _keys(username, "")
    if keys:
        cache.delete_many(keys)


def client_address(request) -> str:
    """REMOTE_ADDR: behind a reverse proxy that is the proxy (docs/accounts.md)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def spend(key: str, limit: int, window: int, now: float | None = None) -> int:
    """Count one action against ``key``: 0 when it is allowed, else the seconds until it will be.

    The same fixed window as log-ins (the first action opens it), for any action with a budget,
    such as posting comments. A refused action is not counted, so waiting out the window works.
    """
    now = time.time() if now is None else now
    full = f"lw:rate:{key}"
    state = cache.get(full)
    if not state or now >= state[1] + window:
        state = (0, now)
    if state[0] >= limit:
        return int(state[1] + window - now + 0.999)
    cache.set(full, (state[0] + 1, state[1]), timeout=window + 60)
    return 0
