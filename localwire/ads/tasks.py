"""The Celery side of ad counts: beat sends ``localwire.flush_ads`` every minute, beside the view
counts (``FLUSHERS`` in ``localwire/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from localwire.ads.flush import flush_ads as flush


@shared_task(name="localwire.flush_ads")
def flush_ads() -> int:
    return flush()
