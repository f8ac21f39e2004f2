"""The Celery application, used only when ``CELERY_BROKER_URL`` is set.

Run workers with ``celery -A localwire worker`` and the scheduler with
``celery -A localwire beat``; both read the same settings as ``localwire serve``.
"""

from __future__ import annotations

import os

from celery import Celery
from django.conf import settings
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localwire.settings")

app = Celery("localwire")
app.config_from_object("django.conf:settings", namespace="CELERY")

# The flushers beat runs every LOCALWIRE_VIEWS_FLUSH_SECONDS, each a task that moves what pages noted in the cache into
# the database: view counts (metrics/tasks.py), ad counts (ads/tasks.py) and reading history
# (community/tasks.py).
# ``localwire serve`` runs the same list on its flusher thread (``serve.flushers()``).
FLUSHERS = {"flush-view-counts": "localwire.flush_views", "flush-ad-counts": "localwire.flush_ads",
            "flush-reading-history": "localwire.flush_reads"}

# Flushed as often as ``localwire serve`` flushes: what Redis loses in a crash is at most this interval.
app.conf.beat_schedule = {
    "poll-due-feeds": {"task": "localwire.schedule_due_feeds", "schedule": 30.0},
    "retry-pending-entries": {"task": "localwire.retry_pending_entries",
                              "schedule": float(settings.LOCALWIRE_RETRY_SECONDS)},
    "analyse-stale-articles": {"task": "localwire.analyse_stale", "schedule": 30.0},
    **{entry: {"task": task, "schedule": float(settings.LOCALWIRE_VIEWS_FLUSH_SECONDS)}
       for entry, task in FLUSHERS.items()},
}
# A queue per kind of work, and every worker reads all of them in turn (kombu asks Redis for each in
# rotation): thousands of entries queued after a big import must not hold back the next feed poll or
# the understanding of what is already stored, which one queue did (benchmarks/cluster.py: no
# article understood for ten minutes while entries drained). ``-Q`` still gives a machine one kind.
QUEUES = ("celery", "feeds", "entries", "analysis")
app.conf.task_queues = [Queue(name) for name in QUEUES]
app.conf.task_default_queue = "celery"  # retries and the flushers
app.conf.task_routes = {"localwire.schedule_due_feeds": {"queue": "feeds"}, "localwire.poll_feed": {"queue": "feeds"},
                        "localwire.process_entry": {"queue": "entries"}, "localwire.analyse_stale": {"queue": "analysis"}}
app.autodiscover_tasks(["localwire.pipeline", "localwire.metrics", "localwire.ads", "localwire.community"])
