"""Rate limits in Django's cache: failed log-ins per username and per client address, and actions
with a budget (posting and reporting comments).

A fixed window per key: the first attempt opens it, ``LOCALWIRE_LOGIN_MAX_FAILURES`` failures inside
``LOCALWIRE_LOGIN_WINDOW`` seconds close the door until the window ends. The cache is the site's
cache, so with Redis configured (``CACHE_URL``) every web process sees the same counts.

Every count is taken *before* the work it limits (a password check, a comment) with the cache's
atomic ``add`` and ``incr``, so parallel requests cannot all read "4 of 5" and all go ahead: each
gets its own number. ``add`` and ``incr`` are atomic on both caches Localwire supports (the
in-process cache holds a lock; Redis runs SET NX and INCRBY as single commands). Plain functions
with the clock passed in, so tests need not sleep.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from localwire.metrics import visitors

SLACK = 60  # cache entries outlive their window a little in real time; the window is judged by ``now``


# --- counting in windows -----------------------------------------------------------------------


def _window_start(base: str, now: float, window: int) -> float:
    """When the window that ``now`` falls in opened; the first caller to find none (or an ended one)
    opens it, and everyone racing it agrees on that caller's time, since only one ``add`` succeeds."""
    start_key = f"{base}:start"
    started = cache.get(start_key)
    if started is not None and now < started + window:
        return started
    if started is None:
        if cache.add(start_key, now, timeout=window + SLACK):
            return now
        return cache.get(start_key, now)
    claim = f"{base}:after:{started!r}"  # one claim per ended window: who opened the next one
    if cache.add(claim, now, timeout=window + SLACK):
        cache.set(start_key, now, timeout=window + SLACK)
    return cache.get(claim, now)


def _count_key(base: str, started: float) -> str:
    return f"{base}:n:{started!r}"


def _increment(key: str, window: int, delta: int = 1) -> int:
    for _ in range(2):  # the key can only vanish between add and incr if the cache evicts it
        cache.add(key, 0, timeout=window + SLACK)
        try:
            return cache.incr(key, delta)
        except ValueError:
            continue
    return delta


def _take(base: str, now: float, window: int) -> tuple[int, float]:
    """Count one attempt: (its number in the window, when the window ends)."""
    started = _window_start(base, now, window)
    return _increment(_count_key(base, started), window), started + window


def _current(base: str, now: float, window: int) -> tuple[int, float]:
    """(attempts so far, when the window ends) without counting one; (0, now) when no window is open."""
    started = cache.get(f"{base}:start")
    if started is None or now >= started + window:
        return 0, now
    return cache.get(_count_key(base, started), 0), started + window


def _give_back(base: str, now: float, window: int) -> None:
    started = cache.get(f"{base}:start")
    if started is not None and now < started + window:
        try:
            cache.decr(_count_key(base, started))
        except ValueError:
            pass  # the count expired meanwhile: nothing to give back


def _seconds(wait: float) -> int:
    return int(max(0.0, wait) + 0.999)


# --- log-ins -----------------------------------------------------------------------------------


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
        count, ends = _current(key, now, _window())
        if count >= settings.LOCALWIRE_LOGIN_MAX_FAILURES:
            wait = max(wait, ends - now)
    return _seconds(wait)


def attempt(username: str, address: str, now: float | None = None) -> int:
    """Count a log-in attempt against the username and the address *before* its password is
    checked: 0 when the password may be checked, else the seconds until one may be.

    Counted first, a burst of parallel guesses cannot slip past the limit between a check and a
    count. A refused attempt gives back what it took, so the counts stay "passwords checked" (plus
    those being checked); in a burst over two keys that can leave a few fewer than the limit
    checked, never more. The attempt that succeeds gives its count back too (``succeeded``)."""
    now = time.time() if now is None else now
    taken: list[str] = []
    for key in _keys(username, address):
        number, ends = _take(key, now, _window())
        taken.append(key)
        if number > settings.LOCALWIRE_LOGIN_MAX_FAILURES:
            for done in taken:
                _give_back(done, now, _window())
            return max(1, _seconds(ends - now))
    return 0


def record_failure(username: str, address: str, now: float | None = None) -> None:
    """Count one failed log-in whose attempt was not counted beforehand (an operator's tool, tests)."""
    attempt(username, address, now)


def succeeded(username: str, address: str, now: float | None = None) -> None:
    """A log-in that got in forgives the username's failures, and takes back the address's count for
    this attempt only (others share the address, and their failures still count)."""
    now = time.time() if now is None else now
    clear(username, address)
    if address:
        _give_back(f"lw:login:ip:{address}", now, _window())


def clear(username: str, address: str) -> None:
    """Forget the username's failures (not the address's: others share it)."""
    for key in _keys(username, ""):
        cache.delete(f"{key}:start")


def client_address(request) -> str:
    """The reader's address as view counts see it: behind ``LOCALWIRE_PROXY_HOPS`` proxies, the one
    the outermost trusted proxy saw, so readers behind the proxy do not share one budget."""
    return visitors.client_address(request) if request is not None else ""


# --- budgets -----------------------------------------------------------------------------------


def spend(key: str, limit: int, window: int, now: float | None = None) -> int:
    """Count one action against ``key``: 0 when it is allowed, else the seconds until it will be.

    The same fixed window as log-ins (the first action opens it), for any action with a budget,
    such as posting comments. Counted before the action, atomically; a refused action gives its
    count back, so waiting out the window works and refusals never lengthen it."""
    now = time.time() if now is None else now
    base = f"lw:rate:{key}"
    number, ends = _take(base, now, window)
    if number <= limit:
        return 0
    _give_back(base, now, window)
    return max(1, _seconds(ends - now))
