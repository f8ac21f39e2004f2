"""The Celery side: beat sends ``localwire.flush_views`` every minute (``localwire/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from localwire.metrics.flush import flush_views as flush


@shared_task(name="localwire.flush_views")
def flush_views() -> int:
    return flush()
