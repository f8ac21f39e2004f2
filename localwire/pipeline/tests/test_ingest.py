"""End to end: the demo publishers' feeds and pages over HTTP on 127.0.0.1, into the database."""

import pytest

from localwire.articles.models import Article, RawPage
from localwire.demo.records import Article as DemoArticle
from localwire.demo.run import setup_publishers
from localwire.demo.server import load_corpus
from localwire.pipeline.crawl import crawl_once
from localwire.sources.models import Entry, Feed

pytestmark = pytest.mark.django_db(transaction=True)


def _crawl(ctx):
    Feed.objects.update(next_fetch_at="2000-01-01T00:00:00Z")
    return crawl_once(ctx, workers=4)


def _corpus_by_url(server) -> dict[str, DemoArticle]:
    return {server.article_url(a): a for a in load_corpus().articles}


def _headlines(demo: DemoArticle) -> tuple[str, str]:
    """The corpus headline, and the same without a section kicker ("World: …") that extraction drops."""
    return demo.title, demo.title.split(": ", 1)[-1]


def _words(text: str) -> str:
    return " ".join(text.split())


def test_demo_corpus_is_ingested_end_to_end(demo_server, pipeline_context):
    setup_publishers(demo_server)
    report = _crawl(pipeline_context)

    corpus = _corpus_by_url(demo_server)
    assert report.feeds["error"] == 0
    assert report.entries["failed"] == 0
    assert Entry.objects.filter(state=Entry.State.PENDING).count() == 0
    stored = {a.url: a for a in Article.objects.prefetch_related("images")}
    assert set(stored) == set(corpus), "one article for each corpus item, and nothing else"
    for url, article in stored.items():
        assert article.title in _headlines(corpus[url]), url
        # A photo in the corpus gives the article at least one; none is invented.
        assert (article.images.count() > 0) == bool(corpus[url].images), url
        assert article.images.count() <= len(corpus[url].images), url
    # Every page that answered is kept, compressed, for later re-extraction.
    fetched = {url for url, article in stored.items() if not article.from_feed_only}
    assert fetched <= set(RawPage.objects.values_list("url", flat=True))


def test_second_crawl_is_not_modified_and_adds_nothing(demo_server, pipeline_context):
    setup_publishers(demo_server)
    _crawl(pipeline_context)
    before = (Article.objects.count(), Entry.objects.count(), RawPage.objects.count())
    etags = dict(Feed.objects.values_list("pk", "etag"))

    report = _crawl(pipeline_context)

    assert report.feeds["not_modified"] == Feed.objects.count()
    assert (Article.objects.count(), Entry.objects.count(), RawPage.objects.count()) == before
    assert dict(Feed.objects.values_list("pk", "etag")) == etags
    assert set(Feed.objects.values_list("status", flat=True)) == {Feed.Status.NOT_MODIFIED}


def test_forgotten_validators_still_leave_no_duplicates(demo_server, pipeline_context):
    setup_publishers(demo_server)
    _crawl(pipeline_context)
    count = Article.objects.count()
    Feed.objects.update(etag="", last_modified="")

    report = _crawl(pipeline_context)

    assert report.feeds["ok"] == Feed.objects.count()
    assert Article.objects.count() == count
    assert report.entries["stored"] == 0


def test_unreachable_page_keeps_the_feed_content(demo_server, pipeline_context):
    setup_publishers(demo_server)
    _crawl(pipeline_context)
    corpus = _corpus_by_url(demo_server)
    feed_only = {a.url: a for a in Article.objects.filter(from_feed_only=True)}
    assert set(feed_only) == {url for url, demo in corpus.items() if demo.missing_page}
    assert feed_only, "the corpus has an item whose page answers 404"
    for url, article in feed_only.items():
        assert article.title in _headlines(corpus[url]), "the feed's own title is kept"
        for paragraph in corpus[url].paragraphs:
            assert _words(paragraph) in _words(article.text), "the feed's own content is kept"


def test_crash_after_feed_parse_is_recovered(demo_server, pipeline_context):
    """Entries committed with the feed's validators survive a crash before any page was fetched."""
    from localwire.pipeline import runner

    setup_publishers(demo_server)
    for feed_id in Feed.objects.values_list("pk", flat=True):
        runner.poll_feed(feed_id, pipeline_context)  # then "crash": no entry processed
    pending = Entry.objects.filter(state=Entry.State.PENDING).count()
    assert pending >= 60 and Article.objects.count() == 0

    report = crawl_once(pipeline_context, workers=2, feed_ids=[])

    assert report.entries["stored"] + report.entries["feed_only"] + report.entries["duplicate"] == pending
    assert not Entry.objects.filter(state=Entry.State.PENDING).exists()


def test_saved_raw_page_is_reused_not_refetched(demo_server, pipeline_context):
    from localwire.pipeline import runner

    setup_publishers(demo_server)
    feed = Feed.objects.first()
    outcome = runner.poll_feed(feed.pk, pipeline_context)
    entry = Entry.objects.get(pk=outcome.new_entry_ids[0])
    RawPage.objects.create(
        url=entry.url, final_url=entry.url, status=200, content_type="text/html",
        body=RawPage.compress(b"<html><head><title>Saved copy</title></head><body><article>"
                              b"<h1>Saved copy</h1><p>" + b"This copy was saved before a crash. " * 20
                              + b"</p></article></body></html>"),
    )
    runner.process_entry(entry.pk, pipeline_context)
    article = Entry.objects.get(pk=entry.pk).article
    assert "saved before a crash" in article.text


def test_saved_error_page_still_falls_back_to_the_feed(demo_server, pipeline_context):
    from localwire.pipeline import runner

    setup_publishers(demo_server)
    feed = Feed.objects.first()
    entry = Entry.objects.get(pk=runner.poll_feed(feed.pk, pipeline_context).new_entry_ids[0])
    RawPage.objects.create(url=entry.url, final_url=entry.url, status=404, content_type="text/html",
                           body=RawPage.compress(b"<html><body><h1>Not found</h1></body></html>"))
    runner.process_entry(entry.pk, pipeline_context)
    entry.refresh_from_db()
    assert entry.article.from_feed_only
    assert entry.last_error == "HTTP 404"


def test_crawl_understands_what_it_stored(demo_server, pipeline_context):
    from localwire.channels.models import Channel
    from localwire.nlp.analyze import ANALYZER_VERSION

    pipeline_context.analyze = True
    setup_publishers(demo_server)
    report = _crawl(pipeline_context)
    assert report.analysed == Article.objects.count()
    assert not Article.objects.exclude(analysis_version=ANALYZER_VERSION).exists()
    tornado = Article.objects.get(url__endswith="/kxrt/news/tornado-toll-rises-seven")
    kinds = set(tornado.channel_links.values_list("channel__kind", flat=True))
    assert {"topic", "person", "city", "region", "country", "tag"} <= kinds
    assert Channel.objects.filter(kind="city", slug="little-rock-ar-us").exists()
