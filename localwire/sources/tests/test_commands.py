"""``localwire feeds …`` run in-process against the test database and real local HTTP servers."""

from __future__ import annotations

import gzip

import pytest

from localwire.articles.models import Article
from localwire.cli import main
from localwire.pipeline import runner
from localwire.pipeline.crawl import crawl_once
from localwire.sources import actions
from localwire.sources.models import Entry, Feed, Publisher
from localwire.testing.factories import ArticleFactory, FeedFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{link}
<item><title>Bridge reopens</title><link>{base}/bridge</link><guid>bridge-1</guid></item></channel></rss>"""
TRUNCATED = b"<rss><channel><title>Broken<item><title>x</tit"
HOME_WITHOUT_FEED = b"<!doctype html><html><head><title>Valley Weekly</title></head><body><p>Welcome</p></body></html>"


def rss(server, title="Valley Weekly", link=True) -> bytes:
    link_el = f"<link>{server.url('/')}</link>" if link else ""
    return RSS.format(title=title, link=link_el, base=server.url("").rstrip("/")).encode()


def serve(body: bytes, content_type="application/rss+xml", status=200, **headers):
    return lambda req: (status, {"Content-Type": content_type, **headers}, body)


@pytest.fixture
def server(settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    settings.LOCALWIRE_FETCH_TIMEOUT = 10.0
    with LocalServer() as srv:
        yield srv


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def nothing_stored():
    return Feed.objects.count() == 0 and Publisher.objects.count() == 0


# --- feeds add: refused, broken, not a feed ----------------------------------------------------

@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1:8311@example.com/", "user name or password"),
    ("http://10.0.0.7/feed.xml", "private address"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address"),
    ("http://127.0.0.2/feed.xml", "loopback address"),
    ("ftp://example.com/feed.xml", "only http and https"),
    ("http://0x7f.0.0.1/feed.xml", "unusual spelling"),
])
def test_feeds_add_never_stores_a_refused_address(capsys, server, url, why):
    code, out, err = run(capsys, "feeds", "add", url)
    assert code == 1
    assert "refused" in err and why in err and "nothing was stored" in err
    assert "added" not in out
    assert nothing_stored()


def test_userinfo_refusal_names_the_host_actually_reached(capsys, server):
    _, _, err = run(capsys, "feeds", "add", "http://127.0.0.1:8311@example.com/")
    assert "it would reach example.com" in err


def test_feeds_add_refuses_a_feed_that_redirects_to_a_refused_address(capsys, server):
    server.route("/feed.xml", lambda req: (302, {"Location": "http://10.0.0.7/feed.xml"}, b""))
    code, _, err = run(capsys, "feeds", "add", server.url("/feed.xml"))
    assert code == 1 and "refused" in err and "10.0.0.7" in err
    assert nothing_stored()


@pytest.mark.parametrize("page, why", [
    (HOME_WITHOUT_FEED, ["not a feed", "links to none"]),
    (b'<html><head><link rel="alternate" type="application/rss+xml" href="/gone.xml"></head><body></body></html>',
     ["/gone.xml", "HTTP 404"]),
], ids=["links-to-none", "links-to-a-dead-feed"])
def test_home_page_without_a_usable_feed_is_not_stored(capsys, server, page, why):
    server.route("/", serve(page, "text/html"))
    code, _, err = run(capsys, "feeds", "add", server.url("/"))
    assert code == 1 and all(part in err for part in why)
    assert nothing_stored()


def test_discovered_feed_is_checked_then_stored(capsys, server):
    page = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body></body></html>'
    server.route("/", serve(page, "text/html"))
    server.route("/rss.xml", serve(rss(server)))
    code, out, _ = run(capsys, "feeds", "add", server.url("/"))
    assert code == 0 and f"found the feed {server.url('/rss.xml')}" in out
    assert list(Feed.objects.values_list("url", flat=True)) == [server.url("/rss.xml")]


def test_truncated_feed_is_reported_broken_not_added(capsys, server):
    server.route("/feed.xml", serve(TRUNCATED))
    code, out, err = run(capsys, "feeds", "add", server.url("/feed.xml"))
    assert code == 1 and err.startswith("localwire feeds add: broken:")
    assert "added" not in out
    assert nothing_stored()


def test_a_client_error_is_not_stored_but_a_server_error_is_with_a_warning(capsys, server):
    server.route("/missing.xml", serve(b"no", "text/plain", status=404))
    server.route("/busy.xml", serve(b"later", "text/plain", status=503))
    code, _, err = run(capsys, "feeds", "add", server.url("/missing.xml"))
    assert code == 1 and "HTTP 404" in err and nothing_stored()

    code, out, _ = run(capsys, "feeds", "add", server.url("/busy.xml"))
    assert code == 0
    assert out.startswith("not checked: HTTP 503") and "added:" in out
    assert Feed.objects.get().url == server.url("/busy.xml")


def test_gzipped_feed_without_content_encoding_is_read(capsys, server):
    server.route("/feed.xml", serve(gzip.compress(rss(server, title="Gzip Gazette"))))
    code, out, _ = run(capsys, "feeds", "add", server.url("/feed.xml"))
    assert code == 0 and "Gzip Gazette" in out
    assert Feed.objects.get().publisher.name == "Gzip Gazette"


def test_publisher_website_keeps_the_feeds_port(capsys, server):
    server.route("/feed.xml", serve(rss(server, link=False)))
    assert run(capsys, "feeds", "add", server.url("/feed.xml"))[0] == 0
    assert Publisher.objects.get().website == f"http://127.0.0.1:{server.port}/"


def test_adding_a_stored_feed_again_says_so_without_fetching(capsys, server):
    feed = FeedFactory(url=server.url("/feed.xml"))
    code, out, _ = run(capsys, "feeds", "add", feed.url)
    assert code == 0 and out.startswith("already present")
    assert server.hits("/feed.xml") == 0


# --- broken and half-broken feeds on a crawl ---------------------------------------------------

@pytest.mark.django_db(transaction=True)  # the crawl's threads see only committed rows
def test_crawl_reports_a_truncated_feed_as_failed_and_list_shows_why(capsys, server, pipeline_context):
    server.route("/feed.xml", serve(TRUNCATED))
    feed = FeedFactory(url=server.url("/feed.xml"))
    report = crawl_once(pipeline_context, workers=1, feed_ids=[feed.pk])
    feed.refresh_from_db()
    assert report.feeds["error"] == 1 and report.feeds["ok"] == 0
    assert feed.status == Feed.Status.ERROR and feed.last_error.startswith("broken feed")
    _, out, _ = run(capsys, "feeds", "list")
    assert f"{feed.pk}\terror\t" in out and "broken feed" in out


def test_feed_with_a_minor_fault_is_read_and_the_warning_kept(server, pipeline_context):
    body = rss(server).replace(b"<title>Bridge reopens</title>", b"<title>Bridge&nbsp;reopens</title>")
    server.route("/feed.xml", serve(body))
    feed = FeedFactory(url=server.url("/feed.xml"))
    outcome = runner.poll_feed(feed.pk, pipeline_context)
    feed.refresh_from_db()
    assert outcome.status == "ok" and len(outcome.new_entry_ids) == 1
    assert feed.status == Feed.Status.OK and feed.last_error.startswith("warning: malformed XML")


# --- remove, pause, resume, list ---------------------------------------------------------------

def test_feeds_remove_keeps_the_articles(capsys):
    feed = FeedFactory()
    article = ArticleFactory(publisher=feed.publisher)
    Entry.objects.create(feed=feed, entry_id="a", url=article.url, state=Entry.State.DONE, article=article)
    Entry.objects.create(feed=feed, entry_id="b", url="https://news.example.org/pending")
    code, out, _ = run(capsys, "feeds", "remove", str(feed.pk))
    assert code == 0 and f"1 article it brought in stays under {feed.publisher.name}" in out
    assert not Feed.objects.exists() and not Entry.objects.exists()
    assert Article.objects.filter(pk=article.pk, publisher=feed.publisher).exists()


def test_a_feeds_article_count_counts_each_stored_article_once():
    """Two entries of one feed may lead to the same article (a re-posted item); pending ones to none."""
    feed, other = FeedFactory(), FeedFactory()
    article, elsewhere = ArticleFactory(publisher=feed.publisher), ArticleFactory(publisher=other.publisher)
    for key in ("a", "a-again"):
        Entry.objects.create(feed=feed, entry_id=key, url=article.url, state=Entry.State.DONE, article=article)
    Entry.objects.create(feed=feed, entry_id="pending", url="https://news.example.org/pending")
    Entry.objects.create(feed=other, entry_id="x", url=elsewhere.url, state=Entry.State.DONE, article=elsewhere)
    assert actions.feed_article_count(feed) == 1
    assert actions.feed_article_count(other) == 1


def test_feeds_remove_by_url_and_unknown_feeds(capsys):
    feed = FeedFactory()
    assert run(capsys, "feeds", "remove", "https://nowhere.example.org/feed")[0] == 1
    assert run(capsys, "feeds", "remove", "999999")[0] == 1
    assert Feed.objects.exists()
    assert run(capsys, "feeds", "remove", feed.url)[0] == 0
    assert not Feed.objects.exists()


@pytest.mark.django_db(transaction=True)  # the crawl's threads see only committed rows
def test_a_paused_feed_is_never_polled_and_listed_as_paused(capsys, server, pipeline_context):
    server.route("/feed.xml", serve(rss(server)))
    feed = FeedFactory(url=server.url("/feed.xml"))
    code, out, _ = run(capsys, "feeds", "pause", feed.url)
    assert code == 0 and out.startswith("paused:")
    assert f"{feed.pk}\tpaused\t" in run(capsys, "feeds", "list")[1]

    assert sum(crawl_once(pipeline_context, workers=1).feeds.values()) == 0
    assert sum(crawl_once(pipeline_context, workers=1, feed_ids=[feed.pk]).feeds.values()) == 0  # named by id
    assert runner.poll_feed(feed.pk, pipeline_context).status == "paused"
    assert server.hits("/feed.xml") == 0

    assert run(capsys, "feeds", "pause", str(feed.pk))[1].startswith("already paused")
    assert run(capsys, "feeds", "resume", str(feed.pk))[1].startswith("resumed:")
    assert feed.pk in runner.due_feed_ids()
    assert runner.poll_feed(feed.pk, pipeline_context).status == "ok" and server.hits("/feed.xml") == 1


# --- import-opml ----------------------------------------------------------------------------------

def test_import_opml_checks_every_outline_and_reports_each(capsys, server, tmp_path):
    server.route("/good.xml", serve(rss(server, title="Good")))
    server.route("/nested.xml", serve(rss(server, title="Nested")))
    server.route("/broken.xml", serve(TRUNCATED))
    present = FeedFactory(url=server.url("/present.xml"))
    outlines = [
        f'<outline text="Good" xmlUrl="{server.url("/good.xml")}" htmlUrl="javascript:alert(1)"/>',
        f'<outline text="Folder"><outline text="Nested" xmlUrl="{server.url("/nested.xml")}"/></outline>',
        f'<outline text="Present" xmlUrl="{present.url}"/>',
        '<outline text="Private" xmlUrl="http://10.0.0.7/feed.xml"/>',
        f'<outline text="Dead" xmlUrl="{server.url("/dead.xml")}"/>',
        f'<outline text="Broken" xmlUrl="{server.url("/broken.xml")}"/>',
        '<outline text="Just a label"/>',
        f'<outline text="Good again" xmlUrl="{server.url("/good.xml")}"/>',
    ]
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml version="2.0"><body>{"".join(outlines)}</body></opml>')
    code, out, err = run(capsys, "feeds", "import-opml", str(opml))
    assert code == 1
    assert f"added: {server.url('/good.xml')}: Good" in out
    assert f"added: {server.url('/nested.xml')}: Nested" in out
    assert f"already present: {present.url}" in out
    assert out.count(f"already present: {server.url('/good.xml')}") == 1
    assert "refused: http://10.0.0.7/feed.xml: 10.0.0.7 is a private address" in err
    assert f"unreachable: {server.url('/dead.xml')}: HTTP 404" in err
    assert f"broken: {server.url('/broken.xml')}: malformed XML" in err
    assert "no URL: 'Just a label': skipped" in out
    assert "imported 2 feeds (2 already present, 3 failed, 1 outline without a URL skipped)" in out
    assert sorted(Publisher.objects.values_list("name", flat=True)) == sorted(["Good", "Nested", present.publisher.name])
    assert Publisher.objects.get(name="Good").website == server.url("/")  # the feed's own link, not the outline's


def test_import_opml_exit_codes(capsys, tmp_path):
    assert run(capsys, "feeds", "import-opml", str(tmp_path / "missing.opml"))[0] == 2
    (tmp_path / "page.html").write_text("<html><body>hi</body></html>")
    assert run(capsys, "feeds", "import-opml", str(tmp_path / "page.html"))[0] == 1
    (tmp_path / "empty.opml").write_text('<opml version="2.0"><body/></opml>')
    code, out, _ = run(capsys, "feeds", "import-opml", str(tmp_path / "empty.opml"))
    assert code == 0 and out.startswith("imported 0 feeds")
