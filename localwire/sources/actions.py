"""Operator actions on publishers and feeds, shared by the CLI, the admin and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction

from localwire.sources.discovery import discover_feeds
from localwire.sources.feeds import FeedError, parse_feed
from localwire.sources.http import FetchError, Fetcher
from localwire.sources.models import Feed, Publisher
from localwire.sources.opml import OpmlFeed, build_opml, parse_opml


class FeedAddError(Exception):
    """The URL is neither a feed nor a page that links to one."""


@dataclass
class Probe:
    url: str
    title: str = ""
    site_url: str = ""
    note: str = ""


def probe_feed(url: str, fetcher: Fetcher) -> Probe:
    """Fetch the URL once: a feed is taken as is; an HTML page is searched for its feed."""
    try:
        response = fetcher.get(url)
    except FetchError as exc:
        return Probe(url, note=f"not checked: {exc}")
    if response.status >= 400:
        return Probe(url, note=f"not checked: HTTP {response.status}")
    content_type = response.headers.get("content-type", "")
    try:
        parsed = parse_feed(response.body, response.final_url, content_type)
        return Probe(url, title=parsed.title, site_url=parsed.site_url)
    except FeedError as exc:
        found = discover_feeds(response.body, response.final_url)
        if not found:
            raise FeedAddError(f"{url} is not a feed ({exc}) and links to none") from None
        return Probe(found[0], note=f"found the feed {found[0]} on {url}")


def publisher_for(name: str, website: str = "", **extra) -> Publisher:
    publisher = Publisher.objects.filter(name=name).first()
    if publisher is None:
        publisher = Publisher.objects.create(
            name=name, slug=Publisher.unique_slug(name), website=website, **extra
        )
    return publisher


def add_feed(url: str, publisher_name: str = "", title: str = "", website: str = "") -> tuple[Feed, bool]:
    """Add a feed (idempotent on URL); the publisher defaults to the site's host name."""
    existing = Feed.objects.filter(url=url).first()
    if existing:
        return existing, False
    host = urlsplit(url).hostname or url
    name = publisher_name or title or host
    with transaction.atomic():
        publisher = publisher_for(name[:200], website or f"{urlsplit(url).scheme}://{host}/")
        feed = Feed.objects.create(publisher=publisher, url=url, title=title[:300])
    return feed, True


def import_opml(data: bytes) -> tuple[int, int]:
    """Returns (added, already there); the outline's title names the publisher."""
    added = skipped = 0
    for item in parse_opml(data):
        _, created = add_feed(item.xml_url, item.title, item.title, item.html_url)
        added, skipped = added + created, skipped + (not created)
    return added, skipped


def export_opml() -> str:
    feeds = Feed.objects.select_related("publisher").order_by("publisher__name", "url")
    return build_opml(
        OpmlFeed(xml_url=f.url, title=f.publisher.name, html_url=f.publisher.website)
        for f in feeds
    )
