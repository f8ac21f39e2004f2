"""The same counting and flushing over Redis, the shared cache of the scale set-up."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone as tz

import pytest
from django.core.cache import cache
from django.test import override_settings

from localwire.metrics.counting import count_view, pending_key
from localwire.metrics.views_flush import flush_views
from localwire.metrics.models import ArticleViewSource, PublisherViews
from localwire.testing.factories import ArticleFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)
REDIS = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    """Keys under a prefix of this run's own, removed afterwards: the Redis may be shared with other runs."""
    prefix = f"localwire-test-{uuid.uuid4().hex[:12]}"
    with override_settings(CACHES={"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS,
        "KEY_PREFIX": prefix, "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}):
        yield cache
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def test_views_from_many_threads_flush_exactly_once_over_redis(redis_cache):
    article = ArticleFactory()
    readers = [f"reader-{n}" for n in range(300)] * 2

    with ThreadPoolExecutor(max_workers=16) as pool:
        counting = [pool.submit(count_view, article.pk, r, NOON, ("home", "search", "outside")[n % 3])
                    for n, r in enumerate(readers)]
        flushing = [pool.submit(flush_views, NOON) for _ in range(20)]  # flushers amid the readers
        counted = sum(f.result() for f in counting)
        moved = sum(f.result() for f in flushing)
    assert counted == 300
    moved_total = moved + flush_views(now=NOON)
    assert moved_total == 300
    assert PublisherViews.objects.get(publisher=article.publisher).views == 300
    assert redis_cache.get(pending_key(NOON.date(), article.pk)) == 0
    by_source = dict(ArticleViewSource.objects.filter(article=article).values_list("source", "views"))
    assert by_source == {"home": 100, "search": 100, "outside": 100}  # each reader's first request, once
