from datetime import datetime, timedelta, timezone as tz

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory

from localwire.metrics import views_flush as flushing
from localwire.metrics.counting import count_view, pending_key, record_view
from localwire.metrics.views_flush import flush_views
from localwire.metrics.models import ArticleViewDay, PublisherViews
from localwire.metrics.tests.conftest import BROWSER
from localwire.testing.factories import ArticleFactory, PublisherFactory

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)


def _views(article, day=NOON):
    row = ArticleViewDay.objects.filter(article=article, day=day.date()).first()
    return row.views if row else 0


def _total(publisher):
    row = PublisherViews.objects.filter(publisher=publisher).first()
    return row.views if row else 0


def _count(article, readers: int, now=NOON, start=0):
    for n in range(start, start + readers):
        assert count_view(article.pk, f"reader-{n}", now)


def test_flush_moves_pending_counts_and_a_second_flush_adds_nothing():
    publisher = PublisherFactory()
    first, second = ArticleFactory(publisher=publisher), ArticleFactory(publisher=publisher)
    elsewhere = ArticleFactory()
    _count(first, 3)
    _count(second, 2)
    _count(elsewhere, 4)
    assert flush_views(now=NOON) == 9
    assert (_views(first), _views(second), _views(elsewhere)) == (3, 2, 4)
    assert (_total(publisher), _total(elsewhere.publisher)) == (5, 4)
    assert cache.get(pending_key(NOON.date(), first.pk)) == 0
    assert flush_views(now=NOON) == 0
    assert (_views(first), _total(publisher)) == (3, 5)
    _count(first, 2, start=3)  # later views of the same day add to the same row
    assert flush_views(now=NOON + timedelta(minutes=1)) == 2
    assert (_views(first), _total(publisher)) == (5, 7)


def test_yesterdays_counts_are_flushed_after_midnight_onto_yesterday():
    article = ArticleFactory()
    before_midnight = datetime(2026, 3, 10, 23, 59, tzinfo=tz.utc)
    _count(article, 2, now=before_midnight)
    _count(article, 1, now=before_midnight + timedelta(minutes=2), start=10)
    assert flush_views(now=before_midnight + timedelta(minutes=3)) == 3
    assert _views(article, before_midnight) == 2
    assert _views(article, before_midnight + timedelta(days=1)) == 1


def test_views_counted_between_the_read_and_the_claim_are_not_lost(monkeypatch):
    article = ArticleFactory()
    _count(article, 5)
    read = cache.get_many

    def read_then_more_views(keys, *args, **kwargs):
        values = read(keys, *args, **kwargs)
        if any(":pending:" in k for k in keys):
            _count(article, 3, start=100)  # readers arrive while the flusher is mid-way
        return values

    monkeypatch.setattr(cache, "get_many", read_then_more_views)
    assert flush_views(now=NOON) == 5
    monkeypatch.undo()
    assert cache.get(pending_key(NOON.date(), article.pk)) == 3
    assert flush_views(now=NOON) == 3
    assert _views(article) == 8


def test_overlapping_flushers_never_write_a_count_twice(monkeypatch):
    article = ArticleFactory()
    _count(article, 6)
    read = cache.get_many
    state = {"inner": False}

    def another_flusher_runs_in_between(keys, *args, **kwargs):
        values = read(keys, *args, **kwargs)
        if any(":pending:" in k for k in keys) and not state["inner"]:
            state["inner"] = True
            cache.delete(flushing.LOCK_KEY)  # as if the first flusher's lock had run out
            _count(article, 1, start=50)
            assert flush_views(now=NOON) == 7  # the second flusher takes everything it sees
        return values

    monkeypatch.setattr(cache, "get_many", another_flusher_runs_in_between)
    assert flush_views(now=NOON) == 0  # the first read 6 but finds them claimed
    monkeypatch.undo()
    assert _views(article) == 7 and _total(article.publisher) == 7
    assert cache.get(pending_key(NOON.date(), article.pk)) == 0


def test_a_flush_already_running_makes_another_do_nothing():
    article = ArticleFactory()
    _count(article, 2)
    cache.add(flushing.LOCK_KEY, "someone", timeout=60)
    assert flush_views(now=NOON) == 0
    cache.delete(flushing.LOCK_KEY)
    assert flush_views(now=NOON) == 2


def test_a_failed_write_gives_the_counts_back(monkeypatch):
    article = ArticleFactory()
    _count(article, 4)

    def fail(day, claims):
        raise RuntimeError("database went away")

    monkeypatch.setattr(flushing, "write_counts", fail)
    with pytest.raises(RuntimeError):
        flush_views(now=NOON)
    monkeypatch.undo()
    assert cache.get(flushing.LOCK_KEY) is None  # the lock is released
    assert flush_views(now=NOON) == 4
    assert _views(article) == 4


def test_counts_of_a_deleted_article_are_dropped():
    kept, gone = ArticleFactory(), ArticleFactory()
    _count(kept, 1)
    _count(gone, 2)
    gone.delete()
    assert flush_views(now=NOON) == 1
    assert ArticleViewDay.objects.count() == 1


def test_batches_cover_a_journal_longer_than_one_batch():
    articles = [ArticleFactory() for _ in range(7)]
    for article in articles:
        _count(article, 2)
    assert flush_views(now=NOON, batch=3) == 14
    assert sorted(_views(a) for a in articles) == [2] * 7


def test_the_request_path_and_the_flush_together(client):
    article = ArticleFactory()
    rf = RequestFactory()
    for n in range(3):
        request = rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"192.0.2.{n}")
        request.user = AnonymousUser()
        record_view(request, article.pk, now=NOON)
    assert flush_views(now=NOON) == 3
    assert _total(article.publisher) == 3
