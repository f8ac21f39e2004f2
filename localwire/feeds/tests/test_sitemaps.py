from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from localwire.feeds import sitemaps
from localwire.stories.models import Story
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory, PublisherFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _xml(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def test_index_names_each_section(client):
    ArticleFactory()
    locs = _xml(client.get("/sitemap.xml")).xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert locs == [f"http://testserver/sitemap-{name}.xml" for name in ("articles", "channels", "publishers",
                                                                         "stories")]


def test_sections_list_their_pages(client):
    article = ArticleFactory()
    channel = ChannelFactory(kind="person", slug="dana-whitfield")
    ArticleChannelFactory(article=article, channel=channel)
    ChannelFactory(kind="tag", slug="never-used")
    quiet = PublisherFactory(slug="quiet-gazette")
    now = timezone.now()
    story = Story.objects.create(headline="Bridge works", first_seen=now, last_seen=now)

    def locs(section):
        return _xml(client.get(f"/sitemap-{section}.xml")).xpath("//s:url/s:loc/text()", namespaces=NS)

    assert locs("articles") == [f"http://testserver{article.get_absolute_url()}"]
    assert locs("channels") == ["http://testserver/c/person/dana-whitfield/"]
    assert sorted(locs("publishers")) == sorted(f"http://testserver/publisher/{slug}/"
                                                for slug in (article.publisher.slug, quiet.slug))
    assert locs("stories") == [f"http://testserver{story.get_absolute_url()}"]
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_article_section_is_paginated(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = ArticleFactory.create_batch(5)
    index = _xml(client.get("/sitemap.xml")).xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert [loc for loc in index if "articles" in loc] == [
        "http://testserver/sitemap-articles.xml", "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3"]
    last = _xml(client.get("/sitemap-articles.xml?p=3")).xpath("//s:url/s:loc/text()", namespaces=NS)
    assert last == [f"http://testserver{articles[4].get_absolute_url()}"]


def test_news_sitemap_holds_the_last_two_days_once_per_story(client, syndicated):
    now = timezone.now()
    fresh = ArticleFactory(title="Fresh & local", published_at=now - timedelta(hours=3), language="pt-BR")
    ArticleFactory(title="Three days old", published_at=now - timedelta(days=3))
    original, copies = syndicated(published_at=now - timedelta(hours=5))
    tree = _xml(client.get("/sitemap-news.xml"))
    assert tree.tag == "{%s}urlset" % NS["s"]
    urls = tree.xpath("//s:url", namespaces=NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        f"http://testserver{fresh.get_absolute_url()}", f"http://testserver{original.get_absolute_url()}"]
    first = urls[0]
    assert first.findtext("news:news/news:title", namespaces=NS) == "Fresh & local"
    assert first.findtext("news:news/news:publication/news:name", namespaces=NS) == "Localwire"
    assert first.findtext("news:news/news:publication/news:language", namespaces=NS) == "pt"
    assert first.findtext("news:news/news:publication_date", namespaces=NS).startswith(
        fresh.published_at.strftime("%Y-%m-%dT%H:%M"))


def test_news_language_codes():
    assert sitemaps.news_language("zh_TW") == "zh-tw"
    assert sitemaps.news_language("en-GB") == "en"
    assert sitemaps.news_language("") == "en"


def test_robots_txt_points_at_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text
