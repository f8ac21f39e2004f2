"""The scale path: the same stages as Celery tasks, through a real Redis broker and a real worker."""

import os
import time

import pytest

from localwire.articles.models import Article
from localwire.demo.run import setup_publishers
from localwire.sources.models import Entry

pytestmark = [pytest.mark.redis, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def celery_worker_on_redis(pipeline_context):
    from celery.contrib.testing.worker import start_worker

    from localwire.celery import app

    app.conf.update(broker_url=REDIS_URL, result_backend=None, task_always_eager=False,
                    broker_connection_retry_on_startup=False)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    with start_worker(app, pool="threads", concurrency=4, perform_ping_check=False,
                      shutdown_timeout=30):
        yield app


def test_beat_task_polls_feeds_and_workers_store_articles(demo_server, celery_worker_on_redis):
    from localwire.pipeline.tasks import schedule_due_feeds

    setup_publishers(demo_server)
    schedule_due_feeds.delay()

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if Entry.objects.exists() and not Entry.objects.filter(state=Entry.State.PENDING).exists():
            break
        time.sleep(0.5)
    assert Article.objects.count() >= 60
    assert not Entry.objects.filter(state=Entry.State.PENDING).exists()
    total = Article.objects.count()
    assert Article.objects.values("canonical_url").distinct().count() == total
