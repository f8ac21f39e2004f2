"""``localwire serve``: the WSGI app on waitress, plus the in-process worker unless Celery runs."""

from __future__ import annotations

import logging

from django.conf import settings

log = logging.getLogger(__name__)


def start_worker():
    """Start the in-process worker unless a Celery broker takes the work."""
    if settings.CELERY_BROKER_URL:
        log.info("CELERY_BROKER_URL is set: feeds are polled by Celery workers, not in-process")
        return None
    from localwire.pipeline.context import shared_context
    from localwire.pipeline.worker import InProcessWorker

    return InProcessWorker(shared_context(), workers=settings.LOCALWIRE_WORKERS).start()


def start_view_flusher():
    """Always in the web process: with the default per-process cache the counts (and the reads
    noted for reading history) live only here."""
    if not (settings.LOCALWIRE_COUNT_VIEWS or settings.LOCALWIRE_READING_HISTORY):
        return None
    from localwire.metrics.flusher import start_flusher

    return start_flusher(every_seconds=settings.LOCALWIRE_VIEWS_FLUSH_SECONDS)


def serve(host: str, port: int, worker: bool = True, on_ready=None) -> None:
    from waitress.server import create_server

    from localwire.wsgi import application

    server = create_server(application, host=host, port=port, threads=8, ident="Localwire")
    background = start_worker() if worker else None
    stop_flusher = start_view_flusher()
    url = f"http://{host}:{port}/"
    if on_ready:
        on_ready(url)
    else:
        print(f"Localwire is serving on {url}  (Ctrl-C stops)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if background is not None:
            background.stop()
        if stop_flusher is not None:
            stop_flusher()
