"""The publisher beside its article: logo or letter, kind, compact counts and the follow button."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from localwire.contributors.publish import store_article

from localwire.metrics.models import PublisherViews
from localwire.testing.factories import (
    ArticleFactory, ContributorPostFactory, FollowFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    """Profile counts are cached by publisher id, and ids come round again after a rolled-back test."""
    cache.clear()
    yield
    cache.clear()


def _card(body: str) -> str:
    start = body.index('<aside class="publisher-card"')
    return body[start:body.index("</aside>", start)]


def test_the_card_shows_kind_counts_and_a_follow_button(client):
    publisher = PublisherFactory(name="Harbour Radio", slug="harbour-radio", kind="radio", home_city="Portside")
    article = ArticleFactory(publisher=publisher)
    ArticleFactory.create_batch(2, publisher=publisher)
    PublisherViews.objects.create(publisher=publisher, views=879_512)
    for _ in range(3):
        FollowFactory(channel=None, publisher=publisher)
    card = _card(client.get(article.get_absolute_url()).content.decode())
    assert 'href="/publisher/harbour-radio/"' in card and "Harbour Radio" in card
    assert "Radio station · Portside" in card
    assert "<strong title=\"3\">3</strong> followers" in card and ">3</strong> posts" in card
    assert ">879K+</strong> views" in card
    assert "publisher-card__logo--letter" in card and ">H</span>" in card  # no logo: its initial
    assert 'follow=publisher:harbour-radio' in card  # anonymous: log in to follow
    client.force_login(UserFactory())
    card = _card(client.get(article.get_absolute_url()).content.decode())
    assert 'name="kind" value="publisher"><input type="hidden" name="slug" value="harbour-radio"' in card


def test_an_uploaded_logo_is_shown_from_the_uploads(client):
    publisher = PublisherFactory(logo="ab" * 32 + ".png")
    card = _card(client.get(ArticleFactory(publisher=publisher).get_absolute_url()).content.decode())
    assert f'src="/media/uploads/{"ab" * 32}.png"' in card and "logo--letter" not in card


def test_a_contributors_post_has_no_publisher_card(client):
    post = ContributorPostFactory()
    article = store_article(post, timezone.now())
    post.save()
    response = client.get(article.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200 and post.contributor.name in body
    assert 'class="publisher-card"' not in body
