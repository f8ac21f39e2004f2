import json
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from localwire.channels.models import ChannelAlias
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory

pytestmark = pytest.mark.django_db


def _articles():
    now = timezone.now()
    return [ArticleFactory(title=title, published_at=now - timedelta(hours=hours))
            for title, hours in (("Ferry timetable changes", 1), ("Harbour dredging starts", 5),
                                 ("Market moves indoors", 30))]


@pytest.mark.parametrize("fmt, content_type", [("rss", "application/rss+xml; charset=utf-8"),
                                               ("atom", "application/atom+xml; charset=utf-8")])
def test_xml_feeds_parse_with_items_in_order_and_absolute_links(client, fmt, content_type):
    articles = _articles()
    response = client.get(f"/feed.{fmt}")
    assert response.status_code == 200 and response["Content-Type"] == content_type
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [a.title for a in articles]
    first = parsed.entries[0]
    assert first.link == f"http://testserver{articles[0].get_absolute_url()}"
    assert first.id == f"http://testserver/article/{articles[0].pk}/"  # without the slug: a new title keeps it
    assert first.author == "Ana Ruiz"
    assert first.published_parsed[:5] == articles[0].published_at.utctimetuple()[:5]
    assert parsed.feed.link == "http://testserver/"


def test_json_feed_has_the_required_keys(client):
    articles = _articles()
    response = client.get("/feed.json")
    assert response["Content-Type"] == "application/feed+json"
    body = json.loads(response.content)
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert body["title"] and body["feed_url"] == "http://testserver/feed.json"
    assert [item["title"] for item in body["items"]] == [a.title for a in articles]
    for item, article in zip(body["items"], articles):
        assert item["url"] == f"http://testserver{article.get_absolute_url()}"
        assert item["id"] == f"http://testserver/article/{article.pk}/"
        assert item["content_text"] and item["external_url"] == article.url


def test_links_follow_the_host_the_request_came_by(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.net"]
    _articles()
    parsed = feedparser.parse(client.get("/feed.rss", HTTP_HOST="news.example.net").content)
    assert parsed.entries[0].link.startswith("http://news.example.net/article/")


def test_home_feed_shows_a_syndicated_story_once(client, syndicated):
    original, copies = syndicated()
    links = [e.link for e in feedparser.parse(client.get("/feed.atom").content).entries]
    assert links == [f"http://testserver{original.get_absolute_url()}"]


def test_channel_feed_and_merged_channel_address(client, syndicated):
    channel = ChannelFactory(kind="city", slug="riverton", name="Riverton")
    original, copies = syndicated()
    for article in (original, *copies):
        ArticleChannelFactory(article=article, channel=channel)
    ArticleFactory(title="Elsewhere entirely")
    parsed = feedparser.parse(client.get("/c/city/riverton/feed.rss").content)
    assert [e.title for e in parsed.entries] == [original.title]
    assert parsed.feed.title.startswith("Riverton")
    ChannelAlias.objects.create(kind="city", slug="river-town", channel=channel)
    moved = client.get("/c/city/river-town/feed.json")
    assert moved.status_code == 301 and moved["Location"] == "/c/city/riverton/feed.json"


def test_publisher_feed(client):
    mine = ArticleFactory(title="Our own report")
    ArticleFactory(title="Someone else's")
    parsed = feedparser.parse(client.get(f"/publisher/{mine.publisher.slug}/feed.rss").content)
    assert [e.title for e in parsed.entries] == ["Our own report"]


def test_unknown_feeds_are_404(client):
    assert client.get("/c/topic/nothing-here/feed.rss").status_code == 404
    assert client.get("/publisher/nobody/feed.atom").status_code == 404
    assert client.get("/feed.xml").status_code == 404


def test_conditional_get_answers_304_until_the_feed_changes(client):
    _articles()
    first = client.get("/feed.rss")
    assert "max-age=300" in first["Cache-Control"] and first["Last-Modified"]
    again = client.get("/feed.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/feed.rss", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    ArticleFactory(title="Late news", published_at=timezone.now() + timedelta(minutes=1))
    changed = client.get("/feed.rss", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert client.get("/feed.atom")["ETag"] != changed["ETag"]  # each format is its own representation


def test_feeds_refuse_writes(client):
    assert client.post("/feed.rss").status_code == 405


def test_hostile_text_stays_text_in_every_format(client):
    ArticleFactory(title="Council <b>votes</b> & \x0bdecides", summary="<script>alert(1)</script> after the vote")
    rss = client.get("/feed.rss").content.decode()
    assert "<script>" not in rss and "&amp;lt;script&amp;gt;" in rss  # escaped for the HTML a reader renders
    atom = feedparser.parse(client.get("/feed.atom").content)
    assert atom.entries[0].title == "Council <b>votes</b> & decides"
    item = json.loads(client.get("/feed.json").content)["items"][0]
    assert item["content_text"] == "<script>alert(1)</script> after the vote"


def test_pages_announce_and_show_their_feeds(client):
    article = ArticleFactory()
    channel = ChannelFactory(kind="topic", slug="weather", name="Weather")
    ArticleChannelFactory(article=article, channel=channel)
    for page, base in (("/", "/"), ("/c/topic/weather/", "/c/topic/weather/"),
                       (f"/publisher/{article.publisher.slug}/", f"/publisher/{article.publisher.slug}/")):
        html = client.get(page).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        for fmt, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml"),
                          ("json", "application/feed+json")):
            assert f'type="{mime}"' in html and f'href="{base}feed.{fmt}"' in html
        assert f'<a class="subscribe__rss" href="{base}feed.rss"' in html and ">RSS</a>" in html


def test_links_say_https_behind_a_trusted_tls_proxy(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    _articles()
    body = json.loads(client.get("/feed.json", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver").content)
    assert body["feed_url"] == "https://testserver/feed.json"
    assert body["items"][0]["url"].startswith("https://testserver/article/")


def test_a_private_feed_stays_out_of_shared_caches_and_search_engines(rf):
    from localwire.feeds import build
    from localwire.feeds.views import respond

    ArticleFactory()
    feed = build.feed_of("reader/7", "Picked for one reader", "/", "", build.Article.objects.all())
    response = respond(rf.get("/feed/for-you/secret-token.atom"), feed, "atom", private=True)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert feedparser.parse(response.content).feed.links[-1].href == "http://testserver/feed/for-you/secret-token.atom"
