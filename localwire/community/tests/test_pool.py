from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.utils import timezone

from localwire.articles.signals import articles_changed
from localwire.community import pool, pool_store
from localwire.community.models import StoredPool
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pool(settings, monkeypatch):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    settings.LOCALWIRE_FOR_YOU_POOL_SECONDS = 120
    monkeypatch.setattr(pool, "REBUILD_SECONDS", 0)
    cache.clear()
    caches["pages"].clear()
    pool._pool.kept = None
    pool._pool.cards = (None, 0.0, {})
    yield
    pool._pool.kept = None
    pool._pool.cards = (None, 0.0, {})


def _titles():
    return {a.title for a in pool.for_you_articles(AnonymousUser())}


def _hour_ago(title: str, minutes: int = 60):
    return ArticleFactory(title=title, published_at=timezone.now() - timedelta(minutes=minutes))


def test_the_stored_pool_is_read_until_articles_change():
    _hour_ago("Council passes the budget")
    assert _titles() == {"Council passes the budget"}  # none stored yet: the page built and stored it
    assert StoredPool.objects.count() == 1
    _hour_ago("Harbour ferry returns", minutes=5)
    assert _titles() == {"Council passes the budget"}  # the stored pool, until the articles change
    articles_changed.send(sender=None)  # what a crawl tick or a worker sends once it stored articles
    assert _titles() == {"Council passes the budget", "Harbour ferry returns"}


def test_a_burst_of_changes_rebuilds_the_pool_once(monkeypatch):
    monkeypatch.setattr(pool, "REBUILD_SECONDS", 60)
    _hour_ago("Council passes the budget")
    articles_changed.send(sender=None)
    first = pool_store.built_at()
    _hour_ago("Harbour ferry returns", minutes=5)
    articles_changed.send(sender=None)
    assert pool_store.built_at() == first
    assert _titles() == {"Council passes the budget"}


def test_a_page_rebuilds_a_pool_older_than_the_setting(settings):
    _hour_ago("Council passes the budget")
    built = pool.indexed_pool(timezone.now() - timedelta(minutes=3))  # as a worker left it 3 minutes ago
    pool_store.save(built.candidates, built.built_at)
    _hour_ago("Harbour ferry returns", minutes=5)
    assert _titles() == {"Council passes the budget", "Harbour ferry returns"}  # 3 minutes > 120 s
    assert timezone.now() - pool_store.built_at() < timedelta(seconds=10)


def test_each_process_reads_what_another_stored():
    _hour_ago("Council passes the budget")
    _titles()
    late = _hour_ago("Harbour ferry returns", minutes=5)
    built = pool.indexed_pool(timezone.now())  # built elsewhere: another process, a worker
    pool_store.save(built.candidates, built.built_at)
    assert _titles() == {"Council passes the budget", late.title}


def test_an_unreadable_stored_pool_is_built_again(caplog):
    _hour_ago("Council passes the budget")
    StoredPool.objects.create(pk=pool_store.ROW, built_at=timezone.now(), candidates=b"not a pool")
    assert _titles() == {"Council passes the budget"}
    assert "could not be read" in caplog.text
    assert pool_store.load()[1][0].publisher_name


def test_the_stored_candidates_are_the_built_ones():
    article = _hour_ago("Council passes the budget")
    ArticleChannelFactory(article=article, channel__kind="city", channel__name="Little Rock", channel__lat=34.75,
                          channel__lon=-92.29, channel__country_code="US", channel__admin1_code="AR", relation="dateline")
    ArticleChannelFactory(article=article, channel__name="Budgets")
    built = pool.indexed_pool(timezone.now())
    pool_store.save(built.candidates, built.built_at)
    when, candidates = pool_store.load()
    assert when == built.built_at
    assert candidates == built.candidates
    assert candidates[0].article_id == article.pk
    assert candidates[0].place_name == "Little Rock" and candidates[0].region == "US.AR"
    assert {name for _, name in candidates[0].channels} == {"Little Rock", "Budgets"}


def test_kept_cards_follow_the_articles():
    article = _hour_ago("Council passes the budget")
    assert _titles() == {"Council passes the budget"}
    article.title = "Council passes the budget, late"
    article.save()
    assert _titles() == {"Council passes the budget"}  # the card kept with the pool a moment ago
    articles_changed.send(sender=None)
    assert _titles() == {"Council passes the budget, late"}


def test_with_the_setting_at_zero_every_request_builds_its_own(settings):
    settings.LOCALWIRE_FOR_YOU_POOL_SECONDS = 0
    _hour_ago("Council passes the budget")
    _titles()
    _hour_ago("Harbour ferry returns", minutes=5)
    assert "Harbour ferry returns" in _titles()
    articles_changed.send(sender=None)
    assert not StoredPool.objects.exists()


def test_a_page_that_cannot_store_the_pool_it_built_still_shows_it(monkeypatch, caplog):
    from django.db import OperationalError

    def locked(*_):
        raise OperationalError("database is locked")

    monkeypatch.setattr(pool_store, "save", locked)
    _hour_ago("Council passes the budget")
    assert _titles() == {"Council passes the budget"}
    assert "could not store" in caplog.text
