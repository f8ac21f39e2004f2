"""The thread ``localwire serve`` runs to flush view counts and reading history, whatever else
does the crawling.

It runs in the web process itself because with the default per-process cache (locmem) the counts
exist nowhere else; with a shared cache (Redis) it simply takes turns with Celery beat's task.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from django.db import close_old_connections

from localwire.metrics.flush import flush_views

log = logging.getLogger(__name__)


def flush_once() -> None:
    from localwire.community.reading import flush_reads  # community builds on metrics, not the reverse

    for flush, what in ((flush_views, "view counts"), (flush_reads, "reading history")):
        try:
            flush()
        except Exception:  # keep the thread alive; what was not written is still pending
            log.exception("flushing %s failed", what)
    close_old_connections()


def start_flusher(every_seconds: float = 60.0) -> Callable[..., None]:
    """Flush every ``every_seconds`` on a daemon thread. Returns the function that stops it, which
    flushes once more on the way out so a clean shutdown keeps the last minute's views."""
    stopping = threading.Event()

    def loop() -> None:
        while not stopping.wait(every_seconds):
            flush_once()
        flush_once()

    thread = threading.Thread(target=loop, name="localwire-view-flusher", daemon=True)
    thread.start()

    def stop(timeout: float = 30.0) -> None:
        stopping.set()
        thread.join(timeout)

    return stop
