"""The thread ``localwire serve`` runs to flush view counts, whatever else does the crawling.

It runs in the web process itself because with the default per-process cache (locmem) the counts
exist nowhere else; with a shared cache (Redis) it simply takes turns with Celery beat's task.
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections

from localwire.metrics.flush import flush_views

log = logging.getLogger(__name__)


class ViewFlusher:
    def __init__(self, every_seconds: float = 60.0):
        self.every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="localwire-view-flusher", daemon=True)

    def start(self) -> "ViewFlusher":
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stops the loop and flushes once more, so a clean shutdown keeps the last minute's views."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.every_seconds):
            self._flush()
        self._flush()

    def _flush(self) -> None:
        try:
            flush_views()
        except Exception:  # keep the thread alive; what was not written is still pending
            log.exception("flushing view counts failed")
        finally:
            close_old_connections()
