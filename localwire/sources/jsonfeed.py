"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read defensively.

Publishers hand-write these, so every field is checked for its type: a number
where a string belongs is ignored (ids excepted, which 1.1 says to coerce), a
non-list ``items`` reads as no items. Only ``FeedError`` ever leaves here.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import datetime, timezone
from urllib.parse import urljoin

from localwire.pipeline.document import FeedEntry, ParsedFeed
from localwire.sources.errors import FeedError

VERSIONS = {"jsonfeed.org/version/1": "json10", "jsonfeed.org/version/1.1": "json11"}
_WS = re.compile(r"\s+")


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)  # bytes: json detects UTF-8 (with or without BOM), UTF-16 and UTF-32
    except (ValueError, RecursionError) as exc:  # RecursionError: [[[[... nested too deep
        raise FeedError(f"malformed JSON feed: {str(exc)[:200]}") from None
    if not isinstance(data, dict):
        raise FeedError("not a feed: the JSON document is not an object")
    version = _str(data.get("version"))
    items = data.get("items")
    if "jsonfeed.org/version/" not in version and not isinstance(items, list):
        raise FeedError("not a feed: JSON without a JSON Feed version or items")
    feed = ParsedFeed(
        format=VERSIONS.get(version.split("://", 1)[-1].rstrip("/"), "json11"),
        title=_line(data.get("title")),
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
    title = _line(item.get("title"))
    published = _date(item.get("date_published"))
    updated = _date(item.get("date_modified"))
    text = _str(item.get("content_text"))
    content = _str(item.get("content_html")) or _text_to_html(text)
    summary = _str(item.get("summary"))
    raw_id = item.get("id")
    if isinstance(raw_id, (int, float)) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)  # 1.1: "if an id is presented as a number, the reader must coerce it"
    entry_id = _str(raw_id) or link
    if not entry_id:
        if not (title or content or summary):
            return None
        seed = f"{title}|{published.isoformat() if published else ''}" if title else (content or summary)
        entry_id = "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()
    return FeedEntry(
        entry_id=entry_id[:1000], url=link, title=title, summary=summary, content_html=content,
        authors=_authors(item) or feed_authors, published_at=published or updated, updated_at=updated,
        image_url=_link(item.get("image"), base) or _link(item.get("banner_image"), base),
    )


def _authors(obj: dict) -> list[str]:
    """1.1 ``authors`` (a list), else 1.0 ``author`` (one object)."""
    people = obj.get("authors") if isinstance(obj.get("authors"), list) else []
    names = [_line(p.get("name")) for p in people if isinstance(p, dict)]
    if not any(names) and isinstance(obj.get("author"), dict):
        names = [_line(obj["author"].get("name"))]
    return list(dict.fromkeys(n for n in names if n))


def _str(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _line(value) -> str:
    return _WS.sub(" ", _str(value)).strip()


def _link(value, base: str) -> str:
    link = _str(value)
    try:
        link = urljoin(base, link) if link else ""
    except ValueError:
        return ""
    return link if link.lower().startswith(("http://", "https://")) else ""


def _date(value) -> datetime | None:
    """RFC 3339 → aware UTC; a date without an offset is taken as UTC."""
    text = _str(value).upper().replace(" ", "T", 1)
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # fromisoformat takes at most microseconds
    try:
        when = datetime.fromisoformat(text)
        return when.astimezone(timezone.utc) if when.tzinfo else when.replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        return None


def _text_to_html(text: str) -> str:
    """content_text as paragraphs, so content_html is always HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
