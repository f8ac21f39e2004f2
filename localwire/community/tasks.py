"""The Celery side of reading history: beat sends ``localwire.flush_reads`` every minute
(``FLUSHERS`` in ``localwire/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from localwire.community.reading import flush_reads as flush


@shared_task(name="localwire.flush_reads")
def flush_reads() -> int:
    return flush()
