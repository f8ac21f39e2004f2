"""A small publisher site served on 127.0.0.1 for the Articles tests: a feed of two items and their
pages, whose words the tests look for on every surface. ``pages`` may be changed while it runs."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

from django.utils import timezone

from localwire.articles.models import Article
from localwire.pipeline import runner
from localwire.sources.models import Entry

QUARRY_TITLE = "Quarry blast rattles Millbrook homes"
LIBRARY_TITLE = "Library extends weekend hours"

QUARRY_BODY = """<p>A blast at the Hollins quarry shook windows across the east side of Millbrook on Monday,
residents said, and a crack opened in the wall of the Pellworth primary school gym.</p>
<p>The quarry operator said the charge was within its permit and that an engineer would inspect the school.</p>
<p>Neighbours asked the town council to suspend blasting until the inspection is done.</p>
<p>The council will take up the request at its meeting on Thursday evening.</p>"""

LIBRARY_BODY = """<p>The Millbrook public library will open on Sundays from next month, its board decided,
after a survey in which most readers asked for weekend hours.</p>
<p>Two part-time staff will be hired; the cost is covered by a grant from the county.</p>
<p>The children's room keeps its Saturday reading hour, which volunteers run.</p>"""


def page_html(title: str, body: str, canonical: str, byline: str = "Dana Whitfield") -> str:
    return (f"<html><head><title>{title}</title><meta name='author' content='{byline}'>"
            f"<link rel='canonical' href='{canonical}'></head><body>"
            f"<article><h1>{title}</h1><p class='byline'>By {byline}</p>{body}</article></body></html>")


def feed_xml(base: str, guid_suffix: str = "", link_suffix: str = "") -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}/news/{slug}{link_suffix}</link><guid>{slug}{guid_suffix}</guid>"
        f"<pubDate>{format_datetime(timezone.now() - timedelta(hours=n), usegmt=True)}</pubDate>"
        f"<description>{title}.</description></item>"
        for n, (slug, title) in enumerate((("quarry", QUARRY_TITLE), ("library", LIBRARY_TITLE)), start=2))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Millbrook Ledger</title>"
            f"<link>{base}/</link><description>News</description>{items}</channel></rss>")


class LedgerSite:
    """Routes the feed and the two pages on ``server``; ``pages[slug]`` is the HTML served now."""

    def __init__(self, server):
        self.server = server
        self.base = server.url("").rstrip("/")
        self.guid_suffix = self.link_suffix = ""  # change them to make the feed's items look new
        self.pages = {"quarry": page_html(QUARRY_TITLE, QUARRY_BODY, self.url("quarry")),
                      "library": page_html(LIBRARY_TITLE, LIBRARY_BODY, self.url("library"))}
        server.route("/feed.xml", lambda req: (200, {"Content-Type": "application/rss+xml"},
                                               feed_xml(self.base, self.guid_suffix, self.link_suffix).encode()))
        for slug in self.pages:
            server.route(f"/news/{slug}", self._page(slug))

    def _page(self, slug):
        def serve(req):
            page = self.pages[slug]
            if isinstance(page, tuple):  # (status, body): a page that fails
                return page[0], {"Content-Type": "text/html"}, page[1].encode()
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()
        return serve

    def url(self, slug: str) -> str:
        return f"{self.base}/news/{slug}"


def crawl(feed, ctx) -> list:
    """Poll the feed and store its new entries, as a crawl does; the outcomes in entry order."""
    outcome = runner.poll_feed(feed.pk, ctx)
    return [runner.process_entry(pk, ctx) for pk in sorted(outcome.new_entry_ids)]


def stored(title: str) -> Article:
    return Article.objects.get(title=title)


def entries_of(feed) -> list[Entry]:
    return list(Entry.objects.filter(feed=feed).order_by("pk"))
