"""Feed bytes → ``ParsedFeed``, whatever the format, or a ``FeedError`` that says why not.

XML goes to feedparser only after a pre-scan refuses entity declarations
(billion laughs, external entities); feedparser is only ever handed a byte
stream, never a string it could take for a URL or a file name.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import warnings
from xml.parsers import expat
from xml.sax import SAXException
from datetime import datetime, timezone
from urllib.parse import urljoin

import feedparser

from localwire.document import FeedEntry, ParsedFeed
from localwire.sources import jsonfeed
from localwire.sources.errors import BrokenFeed, FeedError

__all__ = ["BrokenFeed", "FeedError", "parse_feed"]

FORMATS = {
    "rss20": "rss20", "rss10": "rss10", "rss090": "rss09x", "rss091n": "rss09x",
    "rss091u": "rss09x", "rss092": "rss09x", "rss093": "rss09x", "rss094": "rss09x",
    "rss": "rss20", "atom10": "atom10", "atom03": "atom03", "atom02": "atom03",
    "atom01": "atom03", "atom": "atom10", "cdf": "cdf",
}
# What a feed fetch asks for (the pipeline's polls and the check before a feed is added).
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
_WS = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]+>")


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    if not body or not body.strip():
        raise FeedError("not a feed: the response was empty")
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if head[:1] in (b"{", b"[") or ctype in ("application/feed+json", "application/json"):
        return jsonfeed.parse_json_feed(body, url)
    _refuse_entities(body)
    return _parse_xml(body, url)


class _Stop(Exception):
    pass


def _refuse_entities(body: bytes) -> None:
    """Entity declarations have no place in a feed and are how XML bombs and XXE work.

    expat reads the prolog exactly as an XML parser would (comments, encodings,
    internal subsets) and stops at the root element, before any expansion.
    """
    found = []

    def entity(*_args):
        found.append(True)
        raise _Stop

    def root(*_args):
        raise _Stop

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *args: entity()
    parser.StartElementHandler = root
    try:
        parser.Parse(body, True)
    except _Stop:
        pass
    except (expat.ExpatError, ValueError, LookupError):
        # Ill-formed XML goes to feedparser's lenient parser: refuse it if it
        # so much as mentions an entity declaration.
        if b"<!entity" in body.lower() or b"<\x00!\x00e\x00n\x00t" in body.lower():
            found.append(True)
    if found:
        raise FeedError("refused: the feed declares XML entities (a known attack on XML parsers)")


def _parse_xml(body: bytes, url: str) -> ParsedFeed:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # A stream, never bytes or str: feedparser treats strings as URLs or paths.
            result = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url},
                                      resolve_relative_uris=True, sanitize_html=False)
        except Exception as exc:  # feedparser has raised odd things on odd input
            raise FeedError(f"malformed feed: {type(exc).__name__}: {exc}") from None
    version = result.get("version") or ""
    channel = result.get("feed") or {}
    entries = result.get("entries") or []
    if not version and not entries:
        raise FeedError(_why_not_a_feed(body, result))
    problem = _malformed(result)
    if problem and not entries:
        raise BrokenFeed(f"broken feed: {problem}; no item could be read")
    parsed = ParsedFeed(
        format=FORMATS.get(version, version or "unknown"),
        title=_text(channel.get("title", "")),
        site_url=_safe_link(channel.get("link", ""), url),
        description=_text(channel.get("subtitle", "") or channel.get("description", "")),
        warning=f"warning: {problem}, read as far as it goes" if problem else "",
    )
    for item in entries:
        entry = _entry(item, url)
        if entry is not None:
            parsed.entries.append(entry)
    return parsed


def _malformed(result) -> str:
    """What is wrong with the XML, when feedparser had to fall back to its lenient parser.

    feedparser's ``bozo`` also flags notes that are no fault of the document's structure (a
    declared encoding it overrode, no Content-Type given); only the XML parser's own errors count. A well-formedness error is:
    with items still read it is a warning kept on the feed, with none the feed is broken.
    """
    problem = result.get("bozo_exception")
    if not result.get("bozo") or not isinstance(problem, SAXException):
        return ""
    return f"malformed XML ({_WS.sub(' ', str(problem))[:200]})"


def _why_not_a_feed(body: bytes, result) -> str:
    if re.search(rb"<html|<!doctype html", body[:2048], re.I):
        return "not a feed: the document is an HTML page"
    problem = result.get("bozo_exception")
    if problem is not None:
        return f"not a feed: malformed XML ({_WS.sub(' ', str(problem))[:200]})"
    return "not a feed: no RSS, Atom or JSON Feed found"


def _entry(item, feed_url: str) -> FeedEntry | None:
    link = _entry_link(item, feed_url)
    title = _text(item.get("title", ""))
    published = _when(item.get("published_parsed") or item.get("created_parsed"))
    updated = _when(item.get("updated_parsed"))
    entry_id = (item.get("id") or item.get("guid") or link or "").strip()
    if not entry_id:
        if not (title or item.get("summary")):
            return None
        seed = f"{title}|{published}|{item.get('summary', '')[:200]}"
        entry_id = "sha1:" + hashlib.sha1(seed.encode()).hexdigest()
    content = ""
    for part in item.get("content") or []:
        if len(part.get("value", "")) > len(content):
            content = part.get("value", "")
    return FeedEntry(
        entry_id=entry_id[:1000], url=link, title=title, summary=item.get("summary", "") or "",
        content_html=content, authors=_authors(item), published_at=published or updated,
        updated_at=updated, image_url=_image(item, feed_url),
    )


def _entry_link(item, feed_url: str) -> str:
    for link in item.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and "html" in link.get("type", "text/html"):
            return _safe_link(link.get("href", ""), feed_url)
    link = item.get("link") or ""
    if not link and str(item.get("id", "")).startswith(("http://", "https://")):
        link = item["id"]
    return _safe_link(link, feed_url)


def _safe_link(link: str, base: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    absolute = urljoin(base, link)
    return absolute if absolute.startswith(("http://", "https://")) else ""


def _authors(item) -> list[str]:
    names = [_text(a.get("name", "")) for a in item.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and item.get("author"):
        names = [_text(item["author"])]
    # RSS <author> is "email (Name)"; keep the name.
    cleaned = []
    for name in names:
        match = re.match(r"^\S+@\S+\s*\((.+)\)$", name)
        cleaned.append(match.group(1).strip() if match else name)
    return cleaned


def _image(item, base: str) -> str:
    for enclosure in item.get("enclosures") or []:
        if str(enclosure.get("type", "")).startswith("image/"):
            return _safe_link(enclosure.get("href", ""), base)
    for key in ("media_content", "media_thumbnail"):
        for media in item.get(key) or []:
            if media.get("url") and media.get("medium", "image") == "image":
                return _safe_link(media["url"], base)
    image = item.get("image")
    if isinstance(image, dict) and image.get("href"):
        return _safe_link(image["href"], base)
    return ""


def _when(parsed) -> datetime | None:
    """feedparser normalises every date it understands to a UTC struct_time."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def _text(value: str) -> str:
    return _WS.sub(" ", html.unescape(_TAGS.sub(" ", value or ""))).strip()
