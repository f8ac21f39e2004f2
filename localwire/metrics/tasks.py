"""The Celery side of view counts: beat sends ``localwire.flush_views`` every minute
(``FLUSHERS`` in ``localwire/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from localwire.metrics.views_flush import flush_views as flush


@shared_task(name="localwire.flush_views")
def flush_views() -> int:
    return flush()
