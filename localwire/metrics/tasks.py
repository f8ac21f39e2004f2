"""The Celery side: beat sends ``localwire.flush_views`` and ``localwire.flush_reads`` every minute
(``localwire/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from localwire.metrics.flush import flush_views as flush


@shared_task(name="localwire.flush_views")
def flush_views() -> int:
    return flush()


@shared_task(name="localwire.flush_reads")
def flush_reads() -> int:
    from localwire.community.reading import flush_reads as flush_history

    return flush_history()
