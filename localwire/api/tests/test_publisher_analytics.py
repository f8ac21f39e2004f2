"""GET /api/v1/me/publishers/{slug}/analytics: the Audience tab's figures for its managers, and no one else."""

from datetime import date, datetime, timedelta, timezone as tz

import pytest
from django.core.cache import cache
from django.test import Client

from localwire.metrics.counting import count_view
from localwire.metrics.views_flush import flush_views
from localwire.testing.clients import bearer_client
from localwire.testing.factories import (
    ArticleFactory, ChannelFactory, FollowFactory, ManagerFactory, UserFactory,
)

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _url(publisher) -> str:
    return f"/api/v1/me/publishers/{publisher.slug}/analytics"


def test_a_manager_gets_days_top_articles_sources_and_channels():
    manager = ManagerFactory()
    publisher = manager.publisher
    article = ArticleFactory(publisher=publisher, title="Flood defences approved", published_at=NOON - timedelta(hours=2))
    for n, source in enumerate(("search", "search", "home")):
        count_view(article.pk, f"reader-{n}", NOON, source)
    flush_views(now=NOON)
    channel = ChannelFactory(name="Rivers")
    for _ in range(3):
        follower = UserFactory()
        FollowFactory(user=follower, publisher=publisher, channel=None, created_at=NOON - timedelta(days=5))
        FollowFactory(user=follower, channel=channel)
    response = bearer_client(manager.user).get(_url(publisher), {"since": "2026-03-09", "until": "2026-03-10"})
    assert response.status_code == 200
    body = response.json()
    assert body["since"] == "2026-03-09" and body["until"] == "2026-03-10"
    assert body["days"] == [{"date": "2026-03-09", "views": 0, "followers": 3, "posts": 0},
                            {"date": "2026-03-10", "views": 3, "followers": 3, "posts": 1}]
    assert body["top_articles"] == [{"id": article.pk, "title": "Flood defences approved", "views": 3,
                                     "url": article.get_absolute_url()}]
    assert body["sources"]["search"] == 2 and body["sources"]["home"] == 1 and body["sources"]["outside"] == 0
    assert [(c["name"], c["readers"], c["channel"]) for c in body["channels"]] == [
        ("Rivers", 3, f"topic/{channel.slug}")]
    assert body["totals"] == {"views": 3, "posts": 1, "followers": 3, "followers_gained": 0}


def test_the_range_defaults_to_thirty_days_and_a_bad_or_long_one_is_400():
    manager = ManagerFactory()
    client = bearer_client(manager.user)
    body = client.get(_url(manager.publisher)).json()
    assert len(body["days"]) == 30 and date.fromisoformat(body["until"]) - date.fromisoformat(body["since"]) == timedelta(days=29)
    for query in ({"since": "2026-13-01"}, {"since": "2026-03-10", "until": "2026-03-01"},
                  {"since": "2025-01-01", "until": "2026-03-01"}):
        response = client.get(_url(manager.publisher), query)
        assert response.status_code == 400 and response.json()["detail"]


def test_nobody_but_its_managers_gets_an_answer():
    manager = ManagerFactory()
    assert Client().get(_url(manager.publisher)).status_code == 401
    assert bearer_client(UserFactory()).get(_url(manager.publisher)).status_code == 404
    assert bearer_client(ManagerFactory().user).get(_url(manager.publisher)).status_code == 404
    assert bearer_client(manager.user).get("/api/v1/me/publishers/no-such-publisher/analytics").status_code == 404
    session = Client()
    session.force_login(manager.user)  # the site's own session works as a token does
    assert session.get(_url(manager.publisher)).status_code == 200
