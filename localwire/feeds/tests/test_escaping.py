"""Every feed, sitemap and OPML file Localwire writes carries hostile names as text.

A publisher, feed, article, channel and reader all named with markup, quotes, an ampersand and a
control character: each output must parse as strict XML (or JSON), give the name back as the same
words, and where a reader renders a field as HTML (RSS descriptions, Atom ``type="html"``) carry it
escaped once more, so that rendering shows the words and runs nothing."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from localwire.community.models import Follow
from localwire.community.private_feed import for_you_paths
from localwire.sources import actions
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FeedFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script> & "quotes" \x0b'
SHOWN = '<script>alert(1)</script> & "quotes"'  # the control character cannot be in XML and is dropped
NS = {"atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/",
      "s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture
def hostile(client):
    publisher = PublisherFactory(name=HOSTILE, about="")
    FeedFactory(publisher=publisher, title=HOSTILE)
    channel = ChannelFactory(name=HOSTILE, slug="hostile", description="")
    article = ArticleFactory(publisher=publisher, title=HOSTILE, summary=HOSTILE, authors=[HOSTILE],
                             published_at=timezone.now())  # inside the news sitemap's two days
    ArticleChannelFactory(article=article, channel=channel)
    user = UserFactory()
    Follow.objects.create(user=user, channel=channel)
    Follow.objects.create(user=user, publisher=publisher)
    return {"publisher": publisher, "channel": channel, "user": user}


def strict_xml(body: bytes):
    return etree.fromstring(body, etree.XMLParser(resolve_entities=False, recover=False))


def as_html_text(markup: str) -> str:
    """What a reader rendering this field as HTML shows: no tag may survive, only the words."""
    assert "<script" not in markup
    return html.unescape(markup)


def feed_paths(hostile) -> list[str]:
    user = hostile["user"]
    bases = ["/feed", "/c/topic/hostile/feed", f"/publisher/{hostile['publisher'].slug}/feed"]
    paths = [f"{base}.{fmt}" for base in bases for fmt in ("rss", "atom", "json")]
    return paths + list(for_you_paths(user).values())


def test_rss_channel_and_items_carry_names_as_text(client, hostile):
    for path in [p for p in feed_paths(hostile) if p.endswith(".rss")]:
        channel = strict_xml(client.get(path).content).find("channel")
        as_html_text(channel.findtext("description"))
        for item in channel.findall("item"):
            assert item.findtext("title") == SHOWN
            assert as_html_text(item.findtext("description")) == SHOWN
            assert item.findtext("dc:creator", namespaces=NS) == SHOWN
    publisher_rss = client.get(f"/publisher/{hostile['publisher'].slug}/feed.rss").content
    channel = strict_xml(publisher_rss).find("channel")
    assert channel.findtext("title").startswith(SHOWN)
    assert as_html_text(channel.findtext("description")) .startswith(f"Latest from {SHOWN}")
    topic = strict_xml(client.get("/c/topic/hostile/feed.rss").content).find("channel")
    assert as_html_text(topic.findtext("description")) .startswith(f"Latest news about {SHOWN}")


def test_atom_feeds_carry_names_as_text(client, hostile):
    for path in [p for p in feed_paths(hostile) if p.endswith(".atom")]:
        root = strict_xml(client.get(path).content)
        assert root.findtext("atom:title", namespaces=NS)
        for entry in root.findall("atom:entry", NS):
            assert entry.findtext("atom:title", namespaces=NS) == SHOWN
            assert entry.find("atom:title", NS).get("type", "text") == "text"
            summary = entry.find("atom:summary", NS)
            assert summary.get("type") == "html" and as_html_text(summary.text) == SHOWN
            assert entry.findtext("atom:author/atom:name", namespaces=NS) == SHOWN


def test_json_feeds_carry_names_as_plain_strings(client, hostile):
    for path in [p for p in feed_paths(hostile) if p.endswith(".json")]:
        body = json.loads(client.get(path).content)
        for item in body["items"]:
            assert item["title"] == SHOWN and item["content_text"] == SHOWN
            assert item["authors"] == [{"name": SHOWN}]
            assert "content_html" not in item  # nothing is offered as HTML


def test_news_sitemap_and_sections_parse_with_the_title_as_text(client, hostile):
    news = strict_xml(client.get(reverse("sitemap_news")).content)
    assert news.findtext("s:url/news:news/news:title", namespaces=NS) == SHOWN
    index = strict_xml(client.get(reverse("sitemap_index")).content)
    for loc in index.findall("s:sitemap/s:loc", NS):
        strict_xml(client.get(loc.text.replace("http://testserver", "")).content)


def test_opml_exports_carry_names_as_text(client, hostile):
    client.force_login(hostile["user"])
    follows = strict_xml(client.get(reverse("follows_opml")).content)
    texts = {o.get("text").strip() for o in follows.iter("outline")}
    assert SHOWN in texts
    operator = strict_xml(actions.export_opml().encode())
    assert SHOWN in {o.get("title").strip() for o in operator.iter("outline")}
