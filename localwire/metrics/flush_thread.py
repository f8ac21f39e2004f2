"""The thread ``localwire serve`` runs to move what pages noted in the cache into the database.

It runs in the web process itself because with the default per-process cache (locmem) the notes
exist nowhere else; with a shared cache (Redis) it simply takes turns with Celery beat's tasks.
It knows no flusher by name: ``serve.py`` hands it the list (view counts, reading history, …),
so metrics never reaches up into the apps that build on it.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Sequence

from django.db import close_old_connections

log = logging.getLogger(__name__)

# What a flusher moves, in words for the log, and the function that moves it.
Flusher = tuple[str, Callable[[], object]]


def flush_once(flushers: Sequence[Flusher]) -> None:
    """Run every flusher once; one that fails is logged and the others still run."""
    for what, flush in flushers:
        try:
            flush()
        except Exception:  # keep the thread alive; what was not written is still pending
            log.exception("flushing %s failed", what)
    close_old_connections()


def start_flusher(flushers: Sequence[Flusher], every_seconds: float = 60.0) -> Callable[..., None]:
    """Flush every ``every_seconds`` on a daemon thread. Returns the function that stops it, which
    flushes once more on the way out so a clean shutdown keeps the last minute's notes."""
    stopping = threading.Event()

    def loop() -> None:
        while not stopping.wait(every_seconds):
            flush_once(flushers)
        flush_once(flushers)

    thread = threading.Thread(target=loop, name="localwire-view-flusher", daemon=True)
    thread.start()

    def stop(timeout: float = 30.0) -> None:
        stopping.set()
        thread.join(timeout)

    return stop
