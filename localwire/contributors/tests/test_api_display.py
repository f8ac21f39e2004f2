"""``contributor: {slug, name, label, label_code}`` on every article the API gives; null on publishers'."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localwire.api.api import api
from localwire.contributors.tests.published import house_publisher, published_post
from localwire.stories.models import Story, StoryMember
from localwire.testing.factories import ArticleFactory, ContributorFactory

ANA = {"slug": "ana-ruiz", "name": "Ana Ruiz", "label": "Journalist", "label_code": "journalist"}


@pytest.fixture
def ana():
    return ContributorFactory(name="Ana Ruiz", slug="ana-ruiz", label="journalist")


@pytest.mark.django_db
def test_lists_and_detail_carry_the_contributor_and_null_for_publishers(client, ana):
    post, plain = published_post(ana), ArticleFactory()
    items = {item["id"]: item for item in client.get("/api/v1/articles").json()["items"]}
    assert items[post.pk]["contributor"] == ANA and items[plain.pk]["contributor"] is None
    assert client.get(f"/api/v1/articles/{post.pk}").json()["contributor"] == ANA
    assert client.get(f"/api/v1/articles/{plain.pk}").json()["contributor"] is None
    channel = client.get("/api/v1/channels/contributor/ana-ruiz").json()
    assert [item["contributor"] for item in channel["articles"]] == [ANA]


@pytest.mark.django_db
def test_a_storys_articles_carry_the_contributor(client, ana):
    article = published_post(ana)
    story = Story.objects.create(headline=article.title, first_seen=article.published_at,
                                 last_seen=article.published_at, article_count=1, outlet_count=1)
    StoryMember.objects.create(story=story, article=article)
    assert client.get(f"/api/v1/stories/{story.pk}").json()["articles"][0]["contributor"] == ANA


@pytest.mark.django_db
def test_related_entries_carry_the_contributor_too(client, ana):
    publisher = house_publisher()
    first, second = published_post(ana, publisher=publisher), published_post(ana, publisher=publisher)
    plain = ArticleFactory()
    related = client.get(f"/api/v1/articles/{first.pk}").json()["related"]
    assert [(entry["id"], entry["contributor"]) for entry in related] == [(second.pk, ANA)]
    assert client.get(f"/api/v1/articles/{plain.pk}").json()["related"] == []


@pytest.mark.django_db
def test_the_list_asks_once_whatever_the_number_of_posts(client, ana):
    publisher = house_publisher()
    published_post(ana, publisher=publisher)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/articles")
    for _ in range(4):
        published_post(ContributorFactory(), publisher=publisher)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v1/articles").json()["items"]) == 5
    assert len(five) == len(one)


def test_the_schema_documents_the_field():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert set(schemas["ContributorRef"]["properties"]) == {"slug", "name", "label", "label_code"}
    assert "contributor" in schemas["ArticleSummary"]["properties"]
    assert "contributor" in schemas["ArticleDetail"]["properties"]
