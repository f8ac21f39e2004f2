"""The demo publishers serve a corpus with the variety the demo and the tests rely on."""

import gzip
import json
import urllib.error
import urllib.request
from xml.etree import ElementTree

import pytest

from localwire.demo.server import DemoServer, load_corpus


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


def test_corpus_has_the_promised_variety():
    corpus = load_corpus()
    assert len(corpus.publishers) >= 6
    assert {"tv", "agency", "paper", "weekly", "broadcaster", "blog"} <= {p.kind for p in corpus.publishers.values()}
    assert len(corpus.articles) >= 60
    assert len({a.story for a in corpus.articles}) >= 10
    assert len({a.city for a in corpus.articles}) >= 8
    assert len(corpus.syndicated_groups()) >= 3
    formats = {f for p in corpus.publishers.values() for f in p.formats}
    assert {"rss20", "atom10", "json11"} <= formats
    assert all(a.keep and a.keep in " ".join(a.paragraphs) for a in corpus.articles)


def test_every_feed_parses_in_its_format(server):
    for feed in server.feeds():
        status, headers, body = get(feed["url"])
        assert status == 200
        if feed["url"].endswith(".json"):
            assert headers["Content-Type"].startswith("application/feed+json")
            assert json.loads(body)["version"] == "https://jsonfeed.org/version/1.1"
        else:
            ElementTree.fromstring(body)


def test_conditional_get_and_gzip(server):
    url = server.feeds()[0]["url"]
    status, headers, _ = get(url)
    assert get(url, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert get(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    status, headers, body = get(url, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).startswith(b"<?xml")


def test_pages_answer_except_the_deliberate_404(server):
    for article in server.corpus.articles:
        status, headers, body = get(server.article_url(article))
        assert status == (404 if article.missing_page else 200), article.key
    assert any(a.missing_page for a in server.corpus.articles)


def test_images_and_robots(server):
    article = next(a for a in server.corpus.articles if a.image)
    status, headers, body = get(f"{server.base_url}/{article.publisher}/img/{article.image.name}.jpg")
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:3] == b"\xff\xd8\xff"
    assert b"Disallow: /private/" in get(f"{server.base_url}/robots.txt")[2]


def test_replicate_multiplies_items_with_distinct_urls():
    with DemoServer(replicate=3) as srv:
        feed = next(f for f in srv.feeds() if f["url"].endswith("feed.json"))
        items = json.loads(get(feed["url"])[2])["items"]
        article = next(a for a in srv.corpus.articles if not a.missing_page)
        assert get(srv.article_url(article, 2))[0] == 200
    base = len([a for a in load_corpus().articles if a.publisher == feed["slug"]])
    assert len(items) == 3 * base
    assert len({i["url"] for i in items}) == len(items)
