from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.utils import timezone

from localwire.articles.signals import articles_changed
from localwire.community import pool
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pool(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    caches["pages"].clear()
    pool._pool.kept = None
    pool._pool.cards = (None, {})
    yield
    pool._pool.kept = None
    pool._pool.cards = (None, {})


def _titles():
    return {a.title for a in pool.for_you_articles(AnonymousUser())}


def test_the_candidate_pool_is_shared_until_articles_change():
    ArticleFactory(title="Council passes the budget", published_at=timezone.now() - timedelta(hours=1))
    assert _titles() == {"Council passes the budget"}
    ArticleFactory(title="Harbour ferry returns", published_at=timezone.now() - timedelta(minutes=5))
    assert _titles() == {"Council passes the budget"}  # the pool built a moment ago
    articles_changed.send(sender=None)
    assert _titles() == {"Council passes the budget", "Harbour ferry returns"}


def test_kept_cards_follow_the_articles():
    article = ArticleFactory(title="Council passes the budget", published_at=timezone.now() - timedelta(hours=1))
    assert _titles() == {"Council passes the budget"}
    article.title = "Council passes the budget, late"
    article.save()
    assert _titles() == {"Council passes the budget"}  # the card kept with the pool a moment ago
    articles_changed.send(sender=None)
    assert _titles() == {"Council passes the budget, late"}


def test_without_page_caching_every_request_builds_its_own(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0
    ArticleFactory(title="Council passes the budget", published_at=timezone.now() - timedelta(hours=1))
    _titles()
    ArticleFactory(title="Harbour ferry returns", published_at=timezone.now() - timedelta(minutes=5))
    assert "Harbour ferry returns" in _titles()
