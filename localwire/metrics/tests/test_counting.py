from datetime import datetime, timedelta, timezone as tz

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.contrib.auth.models import AnonymousUser

from localwire.caching.journal import seconds_left_in_day
from localwire.metrics import counting
from localwire.metrics.counting import pending_key, record_view
from localwire.metrics.views_flush import flush_views
from localwire.metrics.models import ArticleViewDay, PublisherViews
from localwire.metrics.tests.conftest import BROWSER
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db
rf = RequestFactory()
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)


def _request(address="203.0.113.7", agent=BROWSER, method="get"):
    request = getattr(rf, method)("/article/1/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def _pending(article, day=NOON):
    return cache.get(pending_key(day.date(), article.pk))


def test_one_view_per_visitor_per_article_per_day():
    article, other = ArticleFactory(), ArticleFactory()
    assert record_view(_request(), article.pk, now=NOON)
    assert not record_view(_request(), article.pk, now=NOON + timedelta(hours=3))  # same day, same reader
    assert record_view(_request(address="203.0.113.8"), article.pk, now=NOON)  # another reader
    assert record_view(_request(), other.pk, now=NOON)  # another article
    assert _pending(article) == 2 and _pending(other) == 1
    next_day = NOON + timedelta(days=1)
    assert record_view(_request(), article.pk, now=next_day)
    assert _pending(article, next_day) == 1


def test_the_seen_mark_ends_at_local_midnight(settings):
    settings.TIME_ZONE = "America/Chicago"  # UTC-5 on 10 March 2026 (summer time began on the 8th)
    late = datetime(2026, 3, 11, 4, 30, tzinfo=tz.utc)  # 23:30 on the 10th in Chicago
    assert seconds_left_in_day(late) == 30 * 60 + 1
    article = ArticleFactory()
    assert record_view(_request(), article.pk, now=late)
    assert not record_view(_request(), article.pk, now=late + timedelta(minutes=20))
    assert record_view(_request(), article.pk, now=late + timedelta(minutes=31))  # the 11th in Chicago


def test_bots_head_and_prefetch_are_not_counted():
    article = ArticleFactory()
    assert not record_view(_request(agent="Mozilla/5.0 (compatible; Googlebot/2.1)"), article.pk, now=NOON)
    assert not record_view(_request(agent=""), article.pk, now=NOON)
    assert not record_view(_request(method="head"), article.pk, now=NOON)
    prefetch = _request()
    prefetch.META["HTTP_SEC_PURPOSE"] = "prefetch"
    assert not record_view(prefetch, article.pk, now=NOON)
    assert _pending(article) is None


def test_counting_can_be_switched_off(settings):
    settings.LOCALWIRE_COUNT_VIEWS = False
    article = ArticleFactory()
    assert not record_view(_request(), article.pk, now=NOON)


def test_the_article_page_counts_without_writing_to_the_database(client):
    from localwire.stories.blocks import store_article_blocks

    article = ArticleFactory()
    store_article_blocks(article)  # as the pipeline's sweep leaves it: a first view would store them once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))]
    assert writes == []
    assert cache.get(pending_key(counting.timezone.localdate(), article.pk)) == 1
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # the same reader again
    client.head(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")
    assert flush_views() == 1
    assert PublisherViews.objects.get(publisher=article.publisher).views == 1


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache is down")
        return fail


def test_a_failing_cache_never_breaks_the_page_and_pauses_counting(client, monkeypatch, caplog):
    article = ArticleFactory()
    monkeypatch.setattr(counting, "cache", BrokenCache())
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200 and article.title in response.content.decode()
    assert "view counting paused" in caplog.text
    assert not counting.guard.open()  # the next requests skip the cache instead of waiting on it
    assert client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 200
    assert ArticleViewDay.objects.count() == 0


def test_readers_at_once_on_many_threads_are_each_counted_once():
    from concurrent.futures import ThreadPoolExecutor

    article = ArticleFactory()
    addresses = [f"198.51.100.{n}" for n in range(200)] * 2  # every reader twice
    with ThreadPoolExecutor(max_workers=16) as pool:
        counted = list(pool.map(lambda a: record_view(_request(address=a), article.pk, now=NOON), addresses))
    assert sum(counted) == 200
    assert _pending(article) == 200
    assert cache.get(counting.VIEWED.seq_key(NOON.date())) == 1  # the article is journalled once
