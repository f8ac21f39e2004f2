"""Feed parsing: every format Localwire reads, and every way a feed can be hostile or broken."""

import random
from datetime import datetime, timezone

import pytest

from localwire.document import ParsedFeed
from localwire.sources.discovery import discover_feeds
from localwire.sources.opml import OpmlError, OpmlFeed, build_opml, parse_opml, parse_outlines
from localwire.sources.parse import BrokenFeed, FeedError, parse_feed

BASE = "https://gazette.example.org/feed"

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Valley Weekly</title>
<link>https://gazette.example.org/</link><description>News</description>
<item><title>Library hours change</title><link>https://gazette.example.org/library</link>
<description>The library opens later on Mondays.</description></item></channel></rss>"""

RSS10 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://gazette.example.org/"><title>Valley RDF</title><link>https://gazette.example.org/</link>
<description>d</description></channel>
<item rdf:about="https://gazette.example.org/bridge"><title>Bridge closes</title>
<link>https://gazette.example.org/bridge</link><dc:creator>Ana Ruiz</dc:creator>
<dc:date>2026-11-20T08:30:00-06:00</dc:date></item></rdf:RDF>"""

RSS20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>KXRT 7 News</title><link>https://kxrt.example.org/</link><description>Local</description>
<item><title>Storm damage &amp; cleanup</title><link>/news/storm?utm_source=rss</link>
<guid isPermaLink="false">kxrt-1001</guid><pubDate>Tue, 24 Nov 2026 15:04:00 -0600</pubDate>
<author>news@kxrt.example.org (Dana Whitfield)</author><description>Short dek.</description>
<content:encoded><![CDATA[<p>Crews worked overnight.</p><p>Power is back.</p>]]></content:encoded>
<enclosure url="https://kxrt.example.org/img/storm.jpg" type="image/jpeg" length="1000"/></item>
<item><title>Second item</title><link>https://kxrt.example.org/news/two</link>
<media:content url="https://kxrt.example.org/img/two.jpg" medium="image"/></item>
<item><title>No link, no guid</title><description>Only text.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Capital Ledger</title><link rel="alternate" href="https://ledger.example.org/"/><id>urn:ledger</id>
<updated>2026-11-24T12:00:00Z</updated>
<entry><title type="html">Budget &lt;em&gt;passes&lt;/em&gt;</title><id>urn:ledger:1</id>
<link rel="self" type="application/atom+xml" href="https://ledger.example.org/1.atom"/>
<link rel="alternate" type="text/html" href="https://ledger.example.org/budget"/>
<published>2026-11-24T10:00:00+01:00</published><updated>2026-11-24T11:00:00Z</updated>
<author><name>Joseph Price</name></author><author><name>Mei Chen</name></author>
<content type="html">&lt;p&gt;The budget passed.&lt;/p&gt;</content></entry></feed>"""

XSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>
<item><title>Hello</title><link>https://x.example.org/a</link>
<description><![CDATA[<script>alert(1)</script><img src=x onerror=alert(2)>Kept text]]></description></item></channel></rss>"""

TRUNCATED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Cut off</title>
<item><title>One</title><link>https://c.example.org/1</link></item>
<item><title>Two</title><link>https://c.example.org/2</link></item><item><title>Thr"""


def test_rss091():
    feed = parse_feed(RSS091, BASE)
    assert feed.format == "rss09x" and feed.title == "Valley Weekly"
    assert feed.entries[0].url == "https://gazette.example.org/library"
    assert feed.entries[0].entry_id == "https://gazette.example.org/library"


def test_rss10_rdf_with_dublin_core():
    entry = parse_feed(RSS10, BASE).entries[0]
    assert entry.authors == ["Ana Ruiz"]
    assert entry.published_at == datetime(2026, 11, 20, 14, 30, tzinfo=timezone.utc)


def test_rss20_content_author_enclosure_and_relative_links():
    feed = parse_feed(RSS20, BASE, "application/rss+xml")
    first, second, third = feed.entries
    assert feed.format == "rss20" and feed.site_url == "https://kxrt.example.org/"
    assert first.title == "Storm damage & cleanup"
    assert first.url == "https://gazette.example.org/news/storm?utm_source=rss"
    assert first.entry_id == "kxrt-1001"
    assert first.authors == ["Dana Whitfield"]
    assert "Power is back." in first.content_html
    assert first.image_url == "https://kxrt.example.org/img/storm.jpg"
    assert first.published_at == datetime(2026, 11, 24, 21, 4, tzinfo=timezone.utc)
    assert second.image_url == "https://kxrt.example.org/img/two.jpg"
    assert third.url == "" and third.entry_id.startswith("sha1:")


def test_atom_prefers_the_html_alternate_link_and_keeps_all_authors():
    feed = parse_feed(ATOM, BASE)
    entry = feed.entries[0]
    assert feed.format == "atom10"
    assert entry.url == "https://ledger.example.org/budget"
    assert entry.title == "Budget passes"
    assert entry.authors == ["Joseph Price", "Mei Chen"]
    assert entry.published_at == datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
    assert entry.updated_at == datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("version, fmt", [("https://jsonfeed.org/version/1", "json10"),
                                          ("https://jsonfeed.org/version/1.1", "json11")])
def test_json_feed_both_versions(version, fmt):
    body = (
        '{"version": "%s", "title": "River Blog", "home_page_url": "https://river.example.org/",'
        '"author": {"name": "Old Style"}, "authors": [{"name": "Sam Lee"}],'
        '"items": [{"id": 7, "url": "/posts/7", "title": "Fish count", "content_text": "Up.\\n\\nDown.",'
        '"date_published": "2026-11-23T09:00:00-05:00", "image": "/img/fish.jpg"},'
        '{"id": "8", "external_url": "https://elsewhere.example.org/x", "content_html": "<p>Hi</p>",'
        '"author": {"name": "Pat Kim"}, "date_published": "not a date"}, "junk", {"title": "no id or url"}]}'
    ) % version
    feed = parse_feed(body.encode(), "https://river.example.org/feed.json", "application/feed+json")
    assert feed.format == fmt and feed.title == "River Blog"
    first, second = feed.entries
    assert first.entry_id == "7" and first.url == "https://river.example.org/posts/7"
    assert first.content_html == "<p>Up.</p><p>Down.</p>"
    assert first.image_url == "https://river.example.org/img/fish.jpg"
    assert first.published_at == datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
    assert second.url == "https://elsewhere.example.org/x" and second.published_at is None
    assert second.authors == ["Pat Kim"]


def test_xss_payload_is_carried_as_data_for_the_sanitiser():
    entry = parse_feed(XSS, BASE).entries[0]
    assert "Kept text" in entry.summary


def test_truncated_feed_keeps_the_items_it_has():
    feed = parse_feed(TRUNCATED, BASE)
    assert [e.title for e in feed.entries][:2] == ["One", "Two"]


def test_truncated_feed_with_items_is_read_with_a_warning_and_without_any_is_broken():
    assert parse_feed(TRUNCATED, BASE).warning.startswith("warning: malformed XML")
    assert parse_feed(RSS20, BASE).warning == ""
    with pytest.raises(BrokenFeed, match="broken feed: malformed XML"):
        parse_feed(b"<rss><channel><title>Broken<item><title>x</tit", BASE)


def test_an_empty_well_formed_feed_is_not_broken():
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', BASE)
    assert (feed.title, feed.entries, feed.warning) == ("Quiet", [], "")


@pytest.mark.parametrize("body, message", [
    (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b'<rss version="2.0"><channel><title>&b;</title></channel></rss>', "entities"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b'<rss version="2.0"><channel><title>&x;</title></channel></rss>', "entities"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!-- ] --><!ENTITY x SYSTEM "file:///etc/hostname">]>'
     b'<rss version="2.0"><channel><title>&x;</title></channel></rss>', "entities"),
    (b"<!doctype html><html><head><title>Home</title></head><body>Welcome</body></html>", "html"),
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"/etc/passwd", "not a feed"),
    (b"[1, 2, 3]", "not an object"),
    (b'{"hello": "world"}', "not a feed"),
    (b"{not json", "malformed json"),
])
def test_refused_documents_say_why(body, message):
    with pytest.raises(FeedError) as caught:
        parse_feed(body, BASE)
    assert message in str(caught.value).lower()
    assert "root:" not in str(caught.value)


def test_random_bytes_never_raise_anything_but_feed_error():
    rng = random.Random(7)
    outcomes: list = []
    pieces = [RSS20, ATOM, RSS10, b"<rss>", b"<channel>", b"<item>", b"\x00", b"&", b"<![CDATA[", b"]]>"]
    for _ in range(300):
        body = b"".join(rng.choice(pieces)[: rng.randint(0, 200)] for _ in range(rng.randint(0, 6)))
        body += bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
        try:
            outcomes.append(parse_feed(body, BASE))
        except FeedError as exc:
            outcomes.append(exc)
    refused = [o for o in outcomes if isinstance(o, FeedError)]
    assert all(str(exc) for exc in refused), "a refusal always says why"
    read = [o for o in outcomes if not isinstance(o, FeedError)]
    assert all(isinstance(feed, ParsedFeed) for feed in read)
    # The mix is varied enough to reach both sides: readable fragments and refusals.
    assert refused and any(feed.format == "rss20" for feed in read)


def test_deep_nesting_is_handled():
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>D</title>'
    item = b"<item><title>Deep</title><link>https://gazette.example.org/deep</link></item>"
    with pytest.raises(BrokenFeed, match="malformed XML"):
        parse_feed(head + b"<x>" * 5000 + b"</channel></rss>", BASE)
    feed = parse_feed(head + b"<x>" * 5000 + b"</x>" * 5000 + item + b"</channel></rss>", BASE)
    assert (feed.title, [(e.title, e.url) for e in feed.entries]) == (
        "D", [("Deep", "https://gazette.example.org/deep")])


def test_opml_round_trip_and_nested_folders():
    feeds = [OpmlFeed("https://a.example.org/feed", "A & B", "https://a.example.org/"),
             OpmlFeed("https://b.example.org/rss.xml", "B")]
    assert [(f.xml_url, f.title, f.html_url) for f in parse_opml(build_opml(feeds).encode())] == [
        ("https://a.example.org/feed", "A & B", "https://a.example.org/"),
        ("https://b.example.org/rss.xml", "B", "")]
    nested = (b'<opml version="1.0"><body><outline text="Local"><outline text="Paper" xmlUrl="https://p.example.org/f"/>'
              b'</outline><outline text="dup" xmlUrl="https://p.example.org/f"/><outline text="bad" xmlUrl="file:///x"/></body></opml>')
    parsed = parse_opml(nested)
    assert [(f.xml_url, f.category) for f in parsed] == [("https://p.example.org/f", "Local")]


def test_outlines_for_an_importer_keep_every_feed_outline_as_written():
    body = (b'<opml version="2.0"><body><outline text="Local"><outline text="Paper" xmlUrl="https://p.example.org/f"/>'
            b'<outline text="No link"/></outline><outline text="Empty folder"><outline text="Deeper">'
            b'<outline text="Deep" xmlUrl="file:///x"/></outline></outline></body></opml>')
    assert [(o.xml_url, o.title, o.category) for o in parse_outlines(body)] == [
        ("https://p.example.org/f", "Paper", "Local"), ("", "No link", "Local"), ("file:///x", "Deep", "Deeper")]


@pytest.mark.parametrize("body", [b"<html/>", b"not xml", b'<!DOCTYPE o [<!ENTITY a "b">]><opml><body/></opml>',
                                  b"<opml/>"])
def test_bad_opml_is_a_clear_error(body):
    with pytest.raises(OpmlError):
        parse_opml(body)


def test_discovery_prefers_declared_feeds_then_feed_like_links():
    page = (b'<html><head><base href="https://site.example.org/news/">'
            b'<link rel="alternate" type="application/atom+xml" href="atom.xml">'
            b'<link rel="alternate" type="application/feed+json" href="/feed.json">'
            b'<link rel="stylesheet" href="/s.css"></head></html>')
    assert discover_feeds(page, "https://site.example.org/") == [
        "https://site.example.org/news/atom.xml", "https://site.example.org/feed.json"]
    links = b'<a href="https://other.example.org/feed">x</a><a href="/rss">y</a><a href="/about">z</a>'
    assert discover_feeds(links, "https://site.example.org/") == [
        "https://site.example.org/rss", "https://other.example.org/feed"]
    assert discover_feeds(b"\x00\xff", "https://site.example.org/") == []
