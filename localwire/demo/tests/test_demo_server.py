"""The demo publishers serve a corpus with the variety the demo and the tests rely on.

Runs without Django: ``pytest localwire/demo -q -p no:django``.
"""

import gzip
import html
import json
import re
import urllib.error
import urllib.request
from collections import Counter
from xml.etree import ElementTree

import pytest

from localwire.demo.corpus import FORMATS, KINDS
from localwire.demo.server import DemoServer, load_corpus

ATOM = "{http://www.w3.org/2005/Atom}"


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def feed_links(url: str, body: bytes) -> list[tuple[str, str]]:
    """(guid, link) of every item in an RSS, Atom or JSON feed."""
    if url.endswith(".json"):
        return [(i["id"], i["url"]) for i in json.loads(body)["items"]]
    root = ElementTree.fromstring(body)
    if root.tag == "rss":
        return [(i.findtext("guid"), i.findtext("link")) for i in root.iter("item")]
    return [(e.findtext(f"{ATOM}id"), e.find(f"{ATOM}link[@rel='alternate']").get("href"))
            for e in root.iter(f"{ATOM}entry")]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


def test_corpus_has_the_promised_variety():
    corpus = load_corpus()
    assert len(corpus.publishers) >= 6
    assert set(KINDS) <= {p.kind for p in corpus.publishers.values()}
    assert set(FORMATS) <= {f for p in corpus.publishers.values() for f in p.formats}
    assert len(corpus.articles) >= 60
    assert len(corpus.stories()) >= 10
    assert len({a.city for a in corpus.articles}) >= 8
    groups = corpus.syndicated_groups()
    assert len(groups) >= 3 and max(len(g) for g in groups.values()) >= 4
    assert len({a.key for a in corpus.articles}) == len(corpus.articles)
    assert any(a.missing_page for a in corpus.articles)
    assert any(a.full_content_in_feed for a in corpus.articles)
    assert Counter(len(a.images) for a in corpus.articles).keys() >= {0, 1, 2, 3}


def test_every_article_records_its_expectations():
    corpus = load_corpus()
    for a in corpus.articles:
        words = len(a.text.split())
        assert 150 <= words <= 600, (a.key, words)
        assert a.keeps and all(k in a.text for k in a.keeps), a.key
        assert a.drop and not any(d in a.text for d in a.drop), a.key
        assert a.byline or a.agency, a.key
        for name in a.authors:
            assert name.split()[-1].lower() in a.byline.lower(), (a.key, name)
    bylines = {a.byline: (a.authors, a.agency) for a in corpus.articles}
    assert bylines["By Joseph Price, By DASHA LITVINOVA Meridian Press"] == (
        ["Joseph Price", "Dasha Litvinova"], "Meridian Press")
    assert bylines["Staff report"] == ([], "")


def test_syndicated_copies_share_the_body_but_not_the_headline():
    corpus = load_corpus()
    for original_key, group in corpus.syndicated_groups().items():
        original = group[0]
        assert original.agency and corpus.publishers[original.publisher].kind == "agency"
        for copy in group[1:]:
            assert copy.paragraphs == original.paragraphs
            assert copy.title != original.title and copy.publisher != original.publisher
            assert (copy.authors, copy.agency) == (original.authors, original.agency)
    assert any(c.intro for g in corpus.syndicated_groups().values() for c in g[1:])


def test_every_feed_parses_in_its_format(server):
    types = {"feed.xml": "application/rss+xml", "atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}
    for feed in server.feeds():
        status, headers, body = get(feed["url"])
        assert status == 200
        assert headers["Content-Type"].startswith(types[feed["url"].rsplit("/", 1)[1]])
        if feed["url"].endswith(".json"):
            assert json.loads(body)["version"] == "https://jsonfeed.org/version/1.1"
        items = feed_links(feed["url"], body)
        assert len(items) == len(server.corpus.of(feed["slug"])) > 0
        assert len({g for g, _ in items}) == len(items)
    assert {f["kind"] for f in server.feeds()} == set(KINDS)
    opml = ElementTree.fromstring(server.opml())
    assert len(opml.findall(".//outline[@xmlUrl]")) == len(server.feeds())


def test_feed_items_are_newest_first_over_about_three_days(server):
    for feed in server.feeds():
        if feed["url"].endswith(".json"):
            dates = [i["date_published"] for i in json.loads(get(feed["url"])[2])["items"]]
            assert dates == sorted(dates, reverse=True)
    ages = [a.minutes_ago for a in server.corpus.articles]
    assert max(ages) <= 3 * 24 * 60 + 60 and min(ages) < 120


def test_conditional_get_and_gzip(server):
    for feed in server.feeds():
        url = feed["url"]
        status, headers, body = get(url)
        assert headers["ETag"] and headers["Last-Modified"]
        assert get(url, **{"If-None-Match": headers["ETag"]})[0] == 304
        assert get(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
        assert get(url, **{"If-None-Match": '"something-else"'})[0] == 200
        status, zheaders, zbody = get(url, **{"Accept-Encoding": "gzip"})
        assert zheaders["Content-Encoding"] == "gzip" and gzip.decompress(zbody) == body
        assert "Content-Encoding" not in headers


def test_pages_answer_except_the_deliberate_404(server):
    for feed in server.feeds():
        for _, link in feed_links(feed["url"], get(feed["url"])[2]):
            status, headers, body = get(link)
            article = next(a for a in server.corpus.articles if link.endswith(f"/{a.publisher}/news/{a.slug}"))
            assert status == (404 if article.missing_page else 200), link
            assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_pages_carry_the_article_and_the_clutter(server):
    for article in server.corpus.articles:
        if article.missing_page:
            continue
        page = get(server.article_url(article))[2].decode()
        text = visible_text(page)
        assert all(k in text for k in article.keeps), article.key
        assert all(d in text for d in article.drop), article.key
        assert html.escape(article.title, quote=True) in page
        assert re.search(r'<html lang="en', page)
        for img in article.images:
            assert f"/{article.publisher}/img/{img.name}.jpg" in page
            assert img.credit in text


def test_missing_page_item_carries_its_content_in_the_feed(server):
    for article in server.corpus.articles:
        if not (article.missing_page or article.full_content_in_feed):
            continue
        feed = next(f for f in server.feeds() if f["slug"] == article.publisher)
        body = get(feed["url"])[2].decode()
        assert html.escape(article.keeps[0]) in body or article.keeps[0] in body


def test_home_pages_images_robots_and_unknown_paths(server):
    for feed in server.feeds():
        status, headers, body = get(feed["site_url"])
        assert status == 200 and feed["url"].encode() in body and b'rel="alternate"' in body
    article = next(a for a in server.corpus.articles if a.image)
    url = f"{server.base_url}/{article.publisher}/img/{article.image.name}.jpg"
    status, headers, body = get(url)
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:3] == b"\xff\xd8\xff"
    assert get(url)[2] == body
    assert b"Disallow: /private/" in get(f"{server.base_url}/robots.txt")[2]
    for path in ("/nope", "/kxrt/news/no-such-story", "/kxrt/img/no-such-photo.jpg", "/private/x"):
        assert get(server.base_url + path)[0] == 404


def test_replicate_multiplies_items_with_distinct_urls():
    with DemoServer(replicate=3) as srv:
        for feed in srv.feeds():
            items = feed_links(feed["url"], get(feed["url"])[2])
            assert len(items) == 3 * len(srv.corpus.of(feed["slug"]))
            assert len({u for _, u in items}) == len(items) == len({g for g, _ in items})
        article = next(a for a in srv.corpus.articles if not a.missing_page)
        pages = [get(srv.article_url(article, k)) for k in range(3)]
        assert [p[0] for p in pages] == [200, 200, 200]
        assert srv.article_url(article, 2).endswith(f"/{article.slug}-r2")
        assert len({visible_text(p[2].decode()) for p in pages}) == 3
