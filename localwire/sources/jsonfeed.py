"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read defensively: every field is checked for type."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urljoin

from localwire.document import FeedEntry, ParsedFeed
from localwire.sources.errors import FeedError

VERSIONS = {"https://jsonfeed.org/version/1": "json10", "https://jsonfeed.org/version/1.1": "json11"}


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(f"malformed JSON feed: {exc}") from None
    if not isinstance(data, dict):
        raise FeedError("not a feed: the JSON document is not an object")
    version = _str(data.get("version"))
    items = data.get("items")
    if not version.startswith("https://jsonfeed.org/version/") and not isinstance(items, list):
        raise FeedError("not a feed: JSON without a JSON Feed version or items")
    feed = ParsedFeed(
        format=VERSIONS.get(version, "json11"),
        title=_str(data.get("title")),
        site_url=_link(data.get("home_page_url"), url),
        description=_str(data.get("description")),
    )
    feed_authors = _authors(data)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            entry = _entry(item, url, feed_authors)
            if entry is not None:
                feed.entries.append(entry)
    return feed


def _entry(item: dict, base: str, feed_authors: list[str]) -> FeedEntry | None:
    link = _link(item.get("url"), base) or _link(item.get("external_url"), base)
    entry_id = _str(item.get("id")) or (str(item["id"]) if isinstance(item.get("id"), int) else "")
    entry_id = entry_id or link
    if not entry_id:
        return None
    text = _str(item.get("content_text"))
    content = _str(item.get("content_html")) or (f"<p>{_escape(text)}</p>" if text else "")
    return FeedEntry(
        entry_id=entry_id[:1000], url=link, title=_str(item.get("title")),
        summary=_str(item.get("summary")), content_html=content,
        authors=_authors(item) or feed_authors,
        published_at=_date(item.get("date_published")) or _date(item.get("date_modified")),
        updated_at=_date(item.get("date_modified")),
        image_url=_link(item.get("image"), base) or _link(item.get("banner_image"), base),
    )


def _authors(obj: dict) -> list[str]:
    people = obj.get("authors") if isinstance(obj.get("authors"), list) else [obj.get("author")]
    return [_str(p.get("name")) for p in people if isinstance(p, dict) and _str(p.get("name"))]


def _str(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _link(value, base: str) -> str:
    link = urljoin(base, _str(value)) if _str(value) else ""
    return link if link.startswith(("http://", "https://")) else ""


def _date(value) -> datetime | None:
    """RFC 3339; Python 3.11's fromisoformat reads it, including a trailing Z."""
    try:
        when = datetime.fromisoformat(_str(value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n\n", "</p><p>")
