"""A results cache: values worth keeping a few minutes, the same for every reader, slow to work
out and slow to change (a channel's related channels, an article's related stories).

They live in the ``pages`` cache beside the kept pages (bounded in-process, prefixed in Redis) and
follow its switch: with ``LOCALWIRE_PAGE_CACHE_SECONDS=0`` nothing is kept. A cache that fails
costs the work, never the answer.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)


def cached_result(key: str, seconds: int, compute):
    """``compute()``, or what it returned within the last ``seconds`` (it must return a picklable
    value other than None)."""
    if not settings.LOCALWIRE_PAGE_CACHE_SECONDS:
        return compute()
    try:
        value = caches["pages"].get(key)
    except Exception:
        log.warning("cache unavailable for %s", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            caches["pages"].set(key, value, timeout=seconds)
        except Exception:
            log.warning("could not keep %s", key, exc_info=True)
    return value


def forget_result(key: str) -> None:
    """Drop what ``cached_result`` kept under ``key`` (in this process's cache, or Redis for all)."""
    try:
        caches["pages"].delete(key)
    except Exception:
        log.warning("could not forget %s", key, exc_info=True)


def cached_many(prefix: str, ids, seconds: int, compute) -> dict:
    """{id: value} for ``ids``: what was kept within ``seconds`` under ``prefix:id``, and
    ``compute(missing ids)`` (a dict) for the rest, kept in turn. An id ``compute`` leaves out is
    asked again next time."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    if not settings.LOCALWIRE_PAGE_CACHE_SECONDS:
        return compute(ids)
    keys = {f"{prefix}:{pk}": pk for pk in ids}
    try:
        found = {keys[key]: value for key, value in caches["pages"].get_many(list(keys)).items()}
    except Exception:
        log.warning("cache unavailable for %s", prefix, exc_info=True)
        return compute(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        fresh = compute(missing)
        try:
            caches["pages"].set_many({f"{prefix}:{pk}": value for pk, value in fresh.items()}, timeout=seconds)
        except Exception:
            log.warning("could not keep %s", prefix, exc_info=True)
        found.update(fresh)
    return found
