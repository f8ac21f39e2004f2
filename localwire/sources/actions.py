"""Operator actions on publishers and feeds, shared by the CLI, the admin and the demo."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from localwire.sources.models import Entry, Feed, Publisher
from localwire.sources.opml import OpmlFeed, build_opml


def publisher_for(name: str, website: str = "", **extra) -> Publisher:
    publisher = Publisher.objects.filter(name=name).first()
    if publisher is None:
        publisher = Publisher.objects.create(
            name=name, slug=Publisher.unique_slug(name), website=website, **extra
        )
    return publisher


def add_feed(url: str, publisher_name: str = "", title: str = "", website: str = "") -> tuple[Feed, bool]:
    """Add a feed (idempotent on URL); the publisher defaults to the site's host name.

    Callers check the URL first (``checking.check_feed``): this only stores it.
    """
    existing = Feed.objects.filter(url=url).first()
    if existing:
        return existing, False
    host = urlsplit(url).hostname or url
    name = publisher_name or title or host
    with transaction.atomic():
        publisher = publisher_for(name[:200], website or site_of(url))
        feed = Feed.objects.create(publisher=publisher, url=url, title=title[:300])
    return feed, True


def site_of(url: str) -> str:
    """``http://127.0.0.1:8321/feed.xml`` → ``http://127.0.0.1:8321/``: the port is part of the site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2].lower()}/"


def find_feed(ref: str) -> Feed | None:
    """A feed by its id (as ``feeds list`` shows it) or its exact URL."""
    ref = ref.strip()
    if ref.isdigit():
        return Feed.objects.select_related("publisher").filter(pk=int(ref)).first()
    return Feed.objects.select_related("publisher").filter(url=ref).first()


def feed_article_count(feed: Feed) -> int:
    """Articles the feed brought in, counted through its entries: sources sits below articles."""
    return Entry.objects.filter(feed=feed, article__isnull=False).values("article").distinct().count()


def remove_feed(feed: Feed) -> int:
    """Delete the feed and its entries (the to-do list); its articles stay with the publisher.

    Returns how many articles it had brought in, all kept.
    """
    with transaction.atomic():
        kept = feed_article_count(feed)
        feed.delete()
    return kept


def set_paused(feed: Feed, paused: bool) -> bool:
    """Pause (never polled) or resume (polled on the next tick); False when it already was so."""
    if feed.enabled != paused:
        return False
    changes = {"enabled": not paused}
    if not paused:
        changes["next_fetch_at"] = timezone.now()
    Feed.objects.filter(pk=feed.pk).update(**changes)
    return True


def export_opml() -> str:
    feeds = Feed.objects.select_related("publisher").order_by("publisher__name", "url")
    return build_opml(
        OpmlFeed(xml_url=f.url, title=f.publisher.name, html_url=f.publisher.website)
        for f in feeds
    )
