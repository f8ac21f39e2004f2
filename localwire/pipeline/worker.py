"""The in-process scheduler and worker that ``localwire serve`` runs beside the web app.

Each tick claims the due feeds and takes their entries to the end with the same
stage functions a Celery worker runs. With ``CELERY_BROKER_URL`` set, this
worker is not started: Celery beat and workers take over.
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections

from localwire.pipeline.crawl import crawl_once
from localwire.sources.context import Context

log = logging.getLogger(__name__)


class InProcessWorker:
    def __init__(self, ctx: Context, *, workers: int = 4, tick_seconds: float = 30.0):
        self.ctx = ctx
        self.workers = workers
        self.tick_seconds = tick_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="localwire-worker", daemon=True)

    def start(self) -> "InProcessWorker":
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                report = crawl_once(self.ctx, workers=self.workers)
                if report.feeds or report.entries:
                    log.info(report.summary())
            except Exception:  # keep the worker alive; the next tick retries
                log.exception("worker tick failed")
            finally:
                close_old_connections()
            self._stop.wait(self.tick_seconds)
