"""A ``Feed`` as RSS 2.0, Atom 1.0 or JSON Feed 1.1 bytes. No database here: ``build.py`` did the reading.

``absolute`` turns a site path into a full URL (the view passes ``request.build_absolute_uri``), so a
site behind a proxy that forwards the right Host gets its own addresses in every link.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from localwire.feeds.build import Feed, Item

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class Format:
    name: str  # the URL suffix: feed.rss, feed.atom, feed.json
    content_type: str
    label: str


RSS = Format("rss", "application/rss+xml; charset=utf-8", "RSS")
ATOM = Format("atom", "application/atom+xml; charset=utf-8", "Atom")
JSON = Format("json", "application/feed+json", "JSON Feed")
FORMATS = {f.name: f for f in (RSS, ATOM, JSON)}


def render(feed: Feed, fmt: Format, absolute: Callable[[str], str], feed_path: str) -> bytes:
    if fmt is JSON:
        return _json_feed(feed, absolute, feed_path)
    return _xml_feed(feed, Rss201rev2Feed if fmt is RSS else Atom1Feed, absolute, feed_path)


def byline(item: Item) -> str:
    names = list(item.authors)
    return (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else (names[0] if names else item.publisher)


def _xml_feed(feed: Feed, generator: type[SyndicationFeed], absolute, feed_path: str) -> bytes:
    link = absolute(feed.link)
    # RSS descriptions (the channel's and each item's) and Atom summaries (type="html") are read as
    # HTML, so plain text is escaped once more here: a name or summary that says "<script>" stays
    # words on the reader's screen. Titles and names are plain text in both formats: the XML writer's
    # own escaping is the whole of theirs.
    out = generator(title=feed.title, link=link, description=escape(feed.description),
                    language=feed.language or None, feed_url=absolute(feed_path), feed_guid=link,
                    author_name=settings.SITE_NAME)
    for item in feed.items:
        url, stable_id = absolute(item.path), absolute(item.id_path or item.path)
        out.add_item(title=item.title, link=url, unique_id=stable_id, unique_id_is_permalink=True,
                     description=escape(item.summary), pubdate=item.published, updateddate=item.updated,
                     author_name=byline(item), categories=list(item.categories))
    return out.writeString("utf-8").encode("utf-8")


def _json_feed(feed: Feed, absolute, feed_path: str) -> bytes:
    body = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": absolute(feed.link),
        "feed_url": absolute(feed_path),
        "description": feed.description,
        "authors": [{"name": settings.SITE_NAME, "url": absolute("/")}],
        "items": [_json_item(item, absolute) for item in feed.items],
    }
    if feed.language:
        body["language"] = feed.language
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def _json_item(item: Item, absolute) -> dict:
    url = absolute(item.path)
    entry = {
        "id": absolute(item.id_path or item.path),
        "url": url,
        "external_url": item.original_url,
        "title": item.title,
        "content_text": item.summary,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [{"name": name} for name in item.authors] or [{"name": item.publisher}],
        "tags": list(item.categories),
    }
    if item.image_path:
        entry["image"] = absolute(item.image_path)
    if item.language:
        entry["language"] = item.language
    return entry
