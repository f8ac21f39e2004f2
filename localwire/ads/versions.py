"""One number that moves whenever what may be delivered changes, so every process (and machine,
with a shared cache) rebuilds its list of deliverable campaigns at once rather than after a while.

Called after a campaign is approved, rejected, paused, resumed or edited, and after an advertiser
is credited or suspended.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)

VERSION_KEY = "lw:ads:campaigns-version"


def campaigns_changed() -> None:
    """Never raises: at worst processes notice within their own refresh interval."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        log.warning("could not announce a campaign change", exc_info=True)


def campaigns_version() -> int:
    try:
        return cache.get(VERSION_KEY) or 0
    except Exception:
        return 0
