"""Article addresses with the title's slug, old addresses sent on, and the favicon."""

import pytest
from django.core.cache import cache, caches

from localwire.testing.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
SLUG_URL = "/article/{}/kazakhstan-police-detain-hundreds/"


@pytest.fixture
def kazakhstan():
    return ArticleFactory(title="Kazakhstan police detain hundreds")


def test_an_article_address_carries_its_title(client, kazakhstan):
    assert kazakhstan.get_absolute_url() == SLUG_URL.format(kazakhstan.pk)
    page = client.get(SLUG_URL.format(kazakhstan.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1 class=\"story__title\">Kazakhstan police detain hundreds</h1>" in html
    assert f'<meta property="og:url" content="http://testserver{SLUG_URL.format(kazakhstan.pk)}">' in html
    assert f'"url":"http://testserver{SLUG_URL.format(kazakhstan.pk)}"' in html  # the JSON-LD NewsArticle


@pytest.mark.parametrize("path", ["/article/{}/", "/article/{}/kazakhstan/", "/article/{}/Kazakhstan-Police-Detain-Hundreds/"])
def test_old_and_wrong_addresses_move_permanently_to_the_one_with_the_slug(client, kazakhstan, path):
    response = client.get(path.format(kazakhstan.pk) + "?utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == SLUG_URL.format(kazakhstan.pk) + "?utm_source=x"


def test_a_title_without_latin_letters_or_words_still_gets_a_working_slug(client):
    greek = ArticleFactory(title="Σεισμός στην Κρήτη")
    signs = ArticleFactory(title="!!! ??? …")
    assert greek.slug == "σεισμός-στην-κρήτη"
    assert greek.get_absolute_url() == f"/article/{greek.pk}/%CF%83%CE%B5%CE%B9%CF%83%CE%BC%CF%8C%CF%82-%CF%83%CF%84%CE%B7%CE%BD-%CE%BA%CF%81%CE%AE%CF%84%CE%B7/"
    assert signs.get_absolute_url() == f"/article/{signs.pk}/article/"
    for article in (greek, signs):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get(f"/article/{article.pk}/", follow=True).status_code == 200


def test_a_long_title_is_cut_at_a_word(kazakhstan):
    long = ArticleFactory(title="Council approves the new tram line after a debate that lasted eleven hours overnight")
    slug = long.get_absolute_url().split("/")[3]
    assert len(slug) <= 60 and slug.startswith("council-approves-the-new-tram-line") and not slug.endswith("-")
    assert "council-approves-the-new-tram-line-after-a-debate-that".startswith(slug)


def test_the_page_cache_keeps_pages_under_the_new_addresses(client, kazakhstan, settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    caches["pages"].clear()
    url = kazakhstan.get_absolute_url()
    assert "X-Localwire-Cache" not in client.get(url)
    assert client.get(url)["X-Localwire-Cache"] == "hit"
    assert client.get(f"/article/{kazakhstan.pk}/").status_code == 301  # the redirect is never a kept page
    caches["pages"].clear()


def test_feeds_and_sitemaps_link_the_slug_and_keep_a_stable_id(client, kazakhstan):
    rss = client.get("/feed.rss").content.decode()
    assert f"<link>http://testserver{SLUG_URL.format(kazakhstan.pk)}</link>" in rss
    assert f'<guid isPermaLink="true">http://testserver/article/{kazakhstan.pk}/</guid>' in rss
    item = client.get("/feed.json").json()["items"][0]
    assert item["url"] == f"http://testserver{SLUG_URL.format(kazakhstan.pk)}"
    assert item["id"] == f"http://testserver/article/{kazakhstan.pk}/"
    assert f"http://testserver{SLUG_URL.format(kazakhstan.pk)}" in client.get("/sitemap-articles.xml").content.decode()


def test_the_reading_history_in_the_api_names_the_slug_address(client, kazakhstan):
    from localwire.community.reading import flush_reads

    client.force_login(UserFactory())
    client.get(kazakhstan.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    flush_reads()
    assert [h["url"] for h in client.get("/api/v1/me/history").json()] == [SLUG_URL.format(kazakhstan.pk)]


def test_the_favicon_is_linked_and_answers_at_favicon_ico(client, kazakhstan):
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in page
    moved = client.get("/favicon.ico")
    assert moved.status_code == 301 and moved["Location"] == "/static/web/favicon.svg"
    icon = client.get("/static/web/favicon.svg")
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
