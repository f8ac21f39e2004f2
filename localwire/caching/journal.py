"""A journal of notes per day in the cache, written on the request path and drained by a flusher.

View counts (``metrics/counting.py``) and reading history (``community/reading.py``) both note
things on the request path without a database write and move them into the database later. Both
need the same three things, which live here once:

1. "Once a day": ``first_today`` is one ``add`` of a ``seen`` key that lives until the end of the
   local day — atomic on Redis and locmem, so of two simultaneous requests exactly one wins.
2. A list a flusher can walk, since Django's cache cannot list keys: ``append`` increments the
   day's sequence and sets the new slot. A reader may see a number whose slot its writer has not
   set yet; it shows up as missing.
3. One flusher at a time: ``flush_lock``.

Keys are ``<prefix>:seen:<day>:…``, ``<prefix>:journal:<day>`` (the sequence),
``<prefix>:journal:<day>:<n>`` (a slot) and ``<prefix>:flushed:<day>`` (how far a flusher got).
Everything but ``seen`` lives ``KEEP_SECONDS``: the day itself and one more, so a journal is never
expired while it is still written, and the flusher has a whole day to drain it.
"""

from __future__ import annotations

import logging
import secrets
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

log = logging.getLogger(__name__)

KEEP_SECONDS = 2 * 24 * 3600


def seconds_left_in_day(now: datetime) -> int:
    """Until local midnight, at least one: how long a "seen today" mark must live."""
    local = timezone.localtime(now) if timezone.is_aware(now) else now
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - local).total_seconds()) + 1)


def incr_or_create(key: str, delta: int = 1, timeout: int = KEEP_SECONDS) -> tuple[int, bool]:
    """``incr`` that starts a missing counter (Django's raises ValueError for a missing key);
    returns the new value and whether this call created the counter."""
    try:
        return cache.incr(key, delta), False
    except ValueError:
        if cache.add(key, delta, timeout=timeout):
            return delta, True
        return cache.incr(key, delta), False  # another request created it in between


def claim_counters(keys: list[str]) -> dict[str, int]:
    """Take each counter's count by decrementing it by what was read, never by setting it to zero,
    so a count added between the read and the claim stays for the next flush: {key: count claimed}.
    Should two flushers overlap, a decrement that lands below zero gives the excess back."""
    claims = {}
    for key, pending in cache.get_many(keys).items():
        if not pending or pending <= 0:
            continue
        try:
            left = cache.decr(key, pending)
        except ValueError:  # expired since it was read: nothing left to claim
            continue
        if left < 0:  # another flusher claimed part of it first: take back what is not ours
            cache.incr(key, min(pending, -left))
            pending += left
        if pending > 0:
            claims[key] = pending
    return claims


def return_counters(claims: dict[str, int]) -> None:
    """Give claimed counts back to their counters (a write failed); logged, never raised."""
    for key, n in claims.items():
        try:
            cache.incr(key, n)
        except Exception:
            log.exception("could not return %d to the cache under %s", n, key)


@contextmanager
def flush_lock(key: str, seconds: int):
    """Yields whether this flusher holds ``key``; released only by its holder (it carries a token),
    so a flusher that outlived its lock never frees another's."""
    token = secrets.token_hex(8)
    held = cache.add(key, token, timeout=seconds)
    try:
        yield held
    finally:
        if held and cache.get(key) == token:
            cache.delete(key)


class DailyJournal:
    """The notes of one kind (``prefix``, e.g. ``lw:views``), numbered from 1 each local day."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.lock_key = f"{prefix}:flush-lock"

    def seen_key(self, day: date, *parts) -> str:
        return ":".join([self.prefix, "seen", day.isoformat(), *map(str, parts)])

    def seq_key(self, day: date) -> str:
        return f"{self.prefix}:journal:{day.isoformat()}"

    def slot_key(self, day: date, slot: int) -> str:
        return f"{self.prefix}:journal:{day.isoformat()}:{slot}"

    def cursor_key(self, day: date) -> str:
        return f"{self.prefix}:flushed:{day.isoformat()}"

    def first_today(self, now: datetime, *parts) -> bool:
        """True for the first call with these ``parts`` this local day, False for every later one."""
        local = timezone.localtime(now)
        return cache.add(self.seen_key(local.date(), *parts), 1, timeout=seconds_left_in_day(local))

    def append(self, day: date, note) -> int:
        """Add ``note`` (any picklable value) to the day's journal; returns its number."""
        slot, _ = incr_or_create(self.seq_key(day))
        cache.set(self.slot_key(day, slot), note, timeout=KEEP_SECONDS)
        return slot

    def length(self, day: date) -> int:
        """The highest number given out that day (some of its slots may not be set yet)."""
        return cache.get(self.seq_key(day)) or 0

    def read(self, day: date, numbers: range) -> dict[int, object]:
        """The notes at ``numbers`` by number, in one cache call; a slot not set yet is left out."""
        numbered = {self.slot_key(day, n): n for n in numbers}
        return {numbered[key]: note for key, note in cache.get_many(list(numbered)).items()}

    def batches(self, day: date, size: int):
        """The day's notes, deduplicated, ``size`` slots at a time. A slot whose writer has not set
        it yet is simply missing; the whole journal is read again on the next flush."""
        last = self.length(day)
        seen: set = set()
        for start in range(1, last + 1, size):
            slots = self.read(day, range(start, min(start + size, last + 1)))
            notes = [n for n in slots.values() if n not in seen]
            seen.update(notes)
            if notes:
                yield notes

    def cursor(self, day: date) -> int:
        """The last number a flusher that moves forward has handled."""
        return cache.get(self.cursor_key(day)) or 0

    def move_cursor(self, day: date, number: int) -> None:
        cache.set(self.cursor_key(day), number, timeout=KEEP_SECONDS)
