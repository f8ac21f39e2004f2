from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.testing.factories import ArticleFactory, ImageFactory, PublisherFactory

pytestmark = pytest.mark.django_db


def test_article_detail_has_the_contract_fields(client):
    image = ImageFactory(article__agency="Meridian Press")
    article = image.article
    data = client.get(f"/api/v1/articles/{article.pk}").json()
    for key in ("id", "url", "canonical_url", "title", "authors", "agency", "publisher", "published_at",
                "language", "summary", "text", "images", "word_count"):
        assert key in data
    assert data["publisher"] == {"slug": article.publisher.slug, "name": article.publisher.name}
    assert data["agency"] == "Meridian Press"
    assert data["images"][0]["source_url"] == image.source_url
    assert data["images"][0]["url"].startswith("/img/")
    assert data["images"][0]["caption"] == image.caption


def test_missing_article_is_404(client):
    assert client.get("/api/v1/articles/999999").status_code == 404


def test_list_is_newest_first_and_cursor_walks_every_article_once(client):
    publisher = PublisherFactory()
    same_time = timezone.now() - timedelta(hours=1)
    made = [ArticleFactory(publisher=publisher) for _ in range(7)]
    made += [ArticleFactory(publisher=publisher, published_at=same_time) for _ in range(3)]
    seen, cursor = [], None
    while True:
        url = "/api/v1/articles?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(item["id"] for item in seen) == sorted(a.pk for a in made)
    stamps = [item["published_at"] for item in seen]
    assert stamps == sorted(stamps, reverse=True)


def test_list_filters_by_publisher_and_since(client):
    mine, other = PublisherFactory(), PublisherFactory()
    recent = ArticleFactory(publisher=mine, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(publisher=mine, published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(publisher=other)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    data = client.get("/api/v1/articles", {"publisher": mine.slug, "since": since}).json()
    assert [item["id"] for item in data["items"]] == [recent.pk]


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "cursor=not-a-cursor", "since=yesterday"])
def test_bad_queries_are_clear_client_errors(client, query):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == 400
    assert response.json()["detail"], "the answer says what was wrong"


@pytest.mark.parametrize("query", ["limit=0", "offset=-1", "since=yesterday"])
def test_search_refuses_a_bad_query_with_the_same_status(client, query):
    """A value the schema refuses and a date the view refuses answer alike."""
    response = client.get(f"/api/v1/search?q=fire&{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_publishers_list_and_detail(client):
    publisher = PublisherFactory(name="KXRT 7 News", slug="kxrt-7-news", home_city="Little Rock")
    ArticleFactory.create_batch(2, publisher=publisher)
    listed = client.get("/api/v1/publishers").json()
    assert [p["slug"] for p in listed] == ["kxrt-7-news"]
    detail = client.get("/api/v1/publishers/kxrt-7-news").json()
    assert detail["article_count"] == 2 and detail["home_city"] == "Little Rock"
    assert client.get("/api/v1/publishers/nope").status_code == 404


def test_openapi_schema_lists_every_path(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/publishers",
            "/api/v1/publishers/{slug}"} <= set(schema["paths"])
