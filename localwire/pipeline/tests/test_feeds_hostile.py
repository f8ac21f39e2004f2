"""Feeds that are broken, hostile or failing are recorded on the feed and never stop the worker."""

import gzip
from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.articles.models import Article
from localwire.pipeline import runner
from localwire.pipeline.crawl import crawl_once
from localwire.testing.factories import FeedFactory
from localwire.sources.models import Feed
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db(transaction=True)

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile Gazette</title>
<link>{base}/</link><description>x</description>
<item><title>Council &lt;b&gt;votes&lt;/b&gt; on budget</title><link>{base}/story</link><guid>story-1</guid>
<description><![CDATA[<p>The council met.</p><script>alert('feed')</script><img src=x onerror="alert(1)">
<a href="javascript:alert(2)">click</a>]]></description></item></channel></rss>"""

PAGE = """<html><head><title>Council votes on budget</title></head><body><article>
<h1>Council votes on budget</h1><p>The council met on Tuesday and voted on the budget for next year.</p>
<p>Members argued for two hours about road repairs before the vote.<script>alert('page')</script></p>
<p><img src="{base}/pic.jpg" onerror="alert(3)"> Residents spoke at the public comment period.</p>
<p>The measure passed seven votes to two, and takes effect in January of next year.</p>
</article></body></html>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title></channel></rss>"""


def _feed_at(server, path):
    return FeedFactory(url=server.url(path))


def test_xss_in_feed_and_page_comes_out_inert(pipeline_context):
    with LocalServer() as server:
        base = server.url("").rstrip("/")
        server.route("/feed.xml", lambda req: (200, {"Content-Type": "application/rss+xml"},
                                               RSS.format(base=base).encode()))
        server.route("/story", lambda req: (200, {"Content-Type": "text/html"},
                                            PAGE.format(base=base).encode()))
        feed = _feed_at(server, "/feed.xml")
        crawl_once(pipeline_context, workers=1, feed_ids=[feed.pk])
    article = Article.objects.get()
    for stored in (article.html, article.summary, article.title, article.text):
        lowered = stored.lower()
        assert "<script" not in lowered and "onerror" not in lowered and "javascript:" not in lowered
    assert "seven votes to two" in article.text


@pytest.mark.parametrize(
    "body, reason",
    [
        (BILLION_LAUGHS, "entit"),
        (b"<html><body><p>Just a web page</p></body></html>", "feed"),
        (b"\x00\xff\xfe garbage \x89PNG", "feed"),
        (b"", "feed"),
    ],
    ids=["billion-laughs", "html", "binary", "empty"],
)
def test_malformed_feed_is_recorded_not_raised(pipeline_context, body, reason):
    with LocalServer() as server:
        server.route("/feed.xml", lambda req: (200, {"Content-Type": "application/rss+xml"}, body))
        feed = _feed_at(server, "/feed.xml")
        report = crawl_once(pipeline_context, workers=1, feed_ids=[feed.pk])
    feed.refresh_from_db()
    assert report.feeds["error"] == 1
    assert feed.status == Feed.Status.ERROR and feed.error_count == 1
    assert reason in feed.last_error.lower()
    assert feed.next_fetch_at > timezone.now()


def test_gzip_bomb_feed_is_refused(pipeline_context, settings):
    bomb = gzip.compress(b"<rss>" + b" " * 30_000_000)
    with LocalServer() as server:
        server.route("/feed.xml", lambda req: (
            200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, bomb))
        feed = _feed_at(server, "/feed.xml")
        crawl_once(pipeline_context, workers=1, feed_ids=[feed.pk])
    feed.refresh_from_db()
    assert feed.status == Feed.Status.ERROR
    assert "large" in feed.last_error.lower()


def test_retry_after_is_honoured_and_backoff_grows(pipeline_context):
    with LocalServer() as server:
        server.route("/feed.xml", lambda req: (429, {"Retry-After": "7200"}, b"slow down"))
        feed = _feed_at(server, "/feed.xml")
        runner.poll_feed(feed.pk, pipeline_context)
        feed.refresh_from_db()
        assert feed.next_fetch_at - timezone.now() > timedelta(seconds=7100)
        assert "429" in feed.last_error
        for _ in range(12):
            runner.poll_feed(feed.pk, pipeline_context)
    feed.refresh_from_db()
    assert feed.error_count == 13
    assert feed.next_fetch_at - timezone.now() <= timedelta(days=7, seconds=5)
    assert feed.next_fetch_at - timezone.now() >= timedelta(days=3)


def test_refused_address_is_an_error_on_the_feed(settings):
    from localwire.sources.context import build_context

    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    ctx = build_context()
    feed = FeedFactory(url="http://169.254.169.254/latest/meta-data/")
    runner.poll_feed(feed.pk, ctx)
    feed.refresh_from_db()
    assert feed.status == Feed.Status.ERROR
    assert "169.254.169.254" in feed.last_error
