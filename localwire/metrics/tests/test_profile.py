from datetime import datetime, timezone as tz

import pytest
from django.core.cache import cache

from localwire.channels.models import Channel
from localwire.metrics.counting import count_view
from localwire.metrics.views_flush import flush_views
from localwire.metrics.publishers import follower_counts
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FollowFactory, PublisherFactory,
)

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)


def _publisher_with_coverage():
    publisher = PublisherFactory(name="Valley Courier", about="Covering the river valley since 1921.",
                                 website="https://courier.example.org/")
    articles = [ArticleFactory(publisher=publisher) for _ in range(6)]
    water = ChannelFactory(name="Water supply", slug="water-supply")
    schools = ChannelFactory(name="Schools", slug="schools")
    riverton = ChannelFactory(kind=Channel.Kind.CITY, name="Riverton", slug="riverton")
    person = ChannelFactory(kind=Channel.Kind.PERSON, name="Ana Ruiz", slug="ana-ruiz")
    for article in articles:
        ArticleChannelFactory(article=article, channel=water)
        ArticleChannelFactory(article=article, channel=person)
    for article in articles[:2]:
        ArticleChannelFactory(article=article, channel=schools)
    ArticleChannelFactory(article=articles[0], channel=riverton)
    ArticleChannelFactory(article=ArticleFactory(), channel=ChannelFactory(name="Elsewhere topic"))
    for n in range(1234):
        count_view(articles[n % 6].pk, f"reader-{n}", NOON)
    flush_views(now=NOON)
    cache.clear()
    return publisher


def test_profile_shows_counts_about_website_topics_and_places(client):
    publisher = _publisher_with_coverage()
    html = client.get(f"/publisher/{publisher.slug}/").content.decode()
    assert "Covering the river valley since 1921." in html
    assert '<a href="https://courier.example.org/" rel="noopener">' in html
    assert '<strong title="0">0</strong> followers' in html
    assert '<strong title="6">6</strong> posts' in html
    assert '<strong title="1,234">1.2K+</strong> views' in html
    topics = html[html.index("Most-covered topics"):html.index("Most-covered places")]
    assert topics.index("Water supply") < topics.index("Schools")  # six articles before two
    assert 'href="/c/topic/water-supply/"' in topics
    assert "Ana Ruiz" not in topics and "Elsewhere topic" not in html
    places = html[html.index("Most-covered places"):html.index("Latest from")]
    assert 'href="/c/city/riverton/"' in places


def test_profile_queries_do_not_grow_with_articles(client, django_assert_max_num_queries):
    publisher = _publisher_with_coverage()
    with django_assert_max_num_queries(11):  # the follower count is one grouped query
        client.get(f"/publisher/{publisher.slug}/")
    with django_assert_max_num_queries(4):  # counts and channels come from the cache for a minute
        client.get(f"/publisher/{publisher.slug}/")


def test_hostile_about_and_website_are_inert(client):
    publisher = PublisherFactory(about='<script>alert("about")</script><img src=x onerror=alert(1)>',
                                 website="javascript:alert(document.cookie)")
    html = client.get(f"/publisher/{publisher.slug}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;about&quot;)&lt;/script&gt;" in html
    assert "javascript:" not in html


def test_a_publisher_with_nothing_yet_shows_zeros(client):
    publisher = PublisherFactory(about="", website="")
    html = client.get(f"/publisher/{publisher.slug}/").content.decode()
    assert '<strong title="0">0</strong> views' in html
    assert "Most-covered topics" not in html and "No articles from" in html


def test_api_publisher_has_stats_and_keeps_its_fields(client):
    publisher = _publisher_with_coverage()
    data = client.get(f"/api/v1/publishers/{publisher.slug}").json()
    assert data["article_count"] == 6 and data["about"] == publisher.about  # old fields stay
    assert data["stats"] == {"followers": 0, "posts": 6, "views": 1234}
    assert client.get(f"/api/v1/publishers/{publisher.slug}/stats").json() == data["stats"]
    listed = {p["slug"]: p for p in client.get("/api/v1/publishers").json()}
    assert listed[publisher.slug]["stats"] == data["stats"]
    assert client.get("/api/v1/publishers/nobody/stats").status_code == 404


def test_api_stats_are_zero_before_any_view(client):
    publisher = PublisherFactory()
    assert client.get(f"/api/v1/publishers/{publisher.slug}/stats").json() == {
        "followers": 0, "posts": 0, "views": 0}


def test_followers_are_readers_following_the_publisher_not_muting_it(client):
    publisher, other = PublisherFactory(), PublisherFactory()
    for _ in range(3):
        FollowFactory(publisher=publisher, channel=None)
    FollowFactory(publisher=publisher, channel=None, muted=True)
    FollowFactory(publisher=other, channel=None)
    assert follower_counts([publisher, other]) == {publisher.pk: 3, other.pk: 1}
    assert client.get(f"/api/v1/publishers/{publisher.slug}/stats").json()["followers"] == 3
    assert client.get(f"/api/v1/publishers/{publisher.slug}").json()["stats"]["followers"] == 3
    html = client.get(f"/publisher/{publisher.slug}/").content.decode()
    assert '<strong title="3">3</strong> followers' in html