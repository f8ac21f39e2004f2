"""Feed bytes → ``ParsedFeed``, whatever the format, or a ``FeedError`` that says why not.

The message of a ``FeedError`` is shown to operators on the feed's page, so it
says what is wrong in plain words ("not a feed: the document is HTML").
``parse_feed`` raises nothing else on any input: a feed is third-party data.

Hardening, in order:

* JSON Feeds never reach an XML parser (``jsonfeed.py``).
* An HTML page is refused up front: feedparser's lenient parser would
  otherwise happily report an "empty feed" for it.
* Entity declarations are refused before feedparser runs (``_refuse_entities``):
  they are how billion-laughs and XXE attacks work, and no real feed needs them.
* feedparser gets a ``BytesIO``, never ``bytes`` or ``str``: given a string it
  fetches URLs, and given bytes it first tries ``open()`` on them as a file name.
  Its SAX parser has external general entities switched off, and it strips the
  DOCTYPE itself, so no DTD is ever fetched.
* ``sanitize_html=False``: sanitising is one job done in one place later
  (nh3), and feedparser's sanitiser would silently drop markup we want to
  judge ourselves. ``resolve_relative_uris=True`` keeps content images and
  links working once the HTML leaves the feed's context.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import warnings
from datetime import datetime, timezone
from urllib.parse import urljoin
from xml.parsers import expat

import feedparser

from localwire.pipeline.document import FeedEntry, ParsedFeed
from localwire.sources import jsonfeed
from localwire.sources.errors import FeedError

__all__ = ["FeedError", "parse_feed", "parse_feed_with_warning"]

# feedparser's version strings → the formats ParsedFeed knows.
FORMATS = {
    "rss20": "rss20", "rss": "rss20", "rss10": "rss10", "rss090": "rss09x", "rss091n": "rss09x",
    "rss091u": "rss09x", "rss092": "rss09x", "rss093": "rss09x", "rss094": "rss09x",
    "atom10": "atom10", "atom": "atom10", "atom03": "atom03", "atom02": "atom03", "atom01": "atom03",
}
JSON_TYPES = ("application/feed+json", "application/json")
_WS = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
# Only complete "&name;" references: html.unescape alone also turns "R&notes" into "R¬es".
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_PAGE = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
_NAME = re.compile(r"^[^\W\d_][\w.'’-]*$")  # one word of a person's name
LONG_HTML = 500  # an RSS description this long, with markup, is the article itself


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 fetched from ``url``."""
    return parse_feed_with_warning(body, url, content_type)[0]


def parse_feed_with_warning(body: bytes, url: str, content_type: str | None = None) -> tuple[ParsedFeed, str]:
    """Like ``parse_feed``, plus why the feed was ill-formed though usable ("" when it was fine).

    ParsedFeed has no field for this; callers that want to log it use this.
    """
    try:
        return _parse(body, url, content_type)
    except FeedError:
        raise
    except Exception as exc:  # noqa: BLE001 - the promise is "FeedError or a feed", whatever the input
        raise FeedError(f"could not read the feed (internal error {type(exc).__name__}: {exc})"[:300]) from None


def _parse(body: bytes, url: str, content_type: str | None) -> tuple[ParsedFeed, str]:
    if not isinstance(body, (bytes, bytearray)):
        raise FeedError("not a feed: expected bytes")
    body = bytes(body)
    if not body.strip():
        raise FeedError("not a feed: the response was empty")
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if head[:1] in (b"{", b"[") or (ctype in JSON_TYPES and head[:1] != b"<"):
        feed, warning = jsonfeed.parse_json_feed(body, url), ""
    else:
        if _HTML_PAGE.match(head[:4096]):
            raise FeedError("not a feed: the document is HTML")
        _refuse_entities(body)
        feed, warning = _parse_xml(body, url, content_type)
    if not feed.entries and not feed.title:
        raise FeedError("feed has no entries and no title")
    return feed, warning


class _Stop(Exception):
    pass


def _refuse_entities(body: bytes) -> None:
    """Refuse any entity declaration: that is how XML bombs and XXE work, and feeds don't need them.

    expat reads the prolog exactly as an XML parser would (comments, encodings,
    internal subsets, no fetching of external DTDs) and we stop it at the root
    element, before anything could expand. A prolog expat cannot read goes to
    feedparser's lenient parser, so then any "<!ENTITY" in the bytes, in the
    usual encodings, is enough to refuse.
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
    parser.ExternalEntityRefHandler = entity
    parser.StartElementHandler = root
    try:
        parser.Parse(body, True)
    except _Stop:
        pass
    except Exception:  # noqa: BLE001 - ExpatError, unknown encodings, ...: fall back to a byte scan
        lowered = body.lower()
        needles = [b"<!entity"] + ["<!entity".encode(c) for c in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]
        found.extend(True for n in needles if n in lowered)
    if found:
        raise FeedError("refused: the feed declares XML entities (a known attack on XML parsers)")


def _headers(url: str, content_type: str | None) -> dict[str, str]:
    """What feedparser would have seen over HTTP: the base URL and the charset, if the server sent one.

    The media type is always application/xml: for text/xml without a charset
    feedparser follows RFC 3023 and assumes US-ASCII, which garbles real feeds;
    for text/html it flags every feed served with a sloppy type as ill-formed.
    """
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    kind = f"application/xml; charset={charset.group(1)}" if charset else "application/xml"
    return {"content-location": url, "content-type": kind}


def _parse_xml(body: bytes, url: str, content_type: str | None) -> tuple[ParsedFeed, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = feedparser.parse(io.BytesIO(body), response_headers=_headers(url, content_type),
                                      resolve_relative_uris=True, sanitize_html=False)
        except Exception as exc:  # noqa: BLE001 - feedparser has raised odd things on odd input
            raise FeedError(f"malformed feed: {type(exc).__name__}: {exc}"[:300]) from None
    version = result.get("version") or ""
    channel = result.get("feed") or {}
    entries = result.get("entries") or []
    warning = _describe(result.get("bozo_exception")) if result.get("bozo") else ""
    if not version and not entries:
        raise FeedError(f"not a feed: {warning}" if warning else "not a feed: no RSS, Atom or JSON Feed found")
    parsed = ParsedFeed(
        format=FORMATS.get(version) or _sniff_format(body),
        title=_title(channel),
        site_url=_safe_link(channel.get("link", ""), url),
        description=_plain(channel.get("subtitle", "") or channel.get("description", "")),
    )
    for item in entries:
        entry = _entry(item, url)
        if entry is not None:
            parsed.entries.append(entry)
    return parsed, warning


def _describe(problem) -> str:
    """A bozo exception as one short line, e.g. "malformed XML at line 3: mismatched tag"."""
    if problem is None:
        return ""
    line = getattr(problem, "getLineNumber", lambda: None)()
    message = getattr(problem, "getMessage", lambda: str(problem))()
    message = _WS.sub(" ", str(message)).strip()[:200]
    return f"malformed XML at line {line}: {message}" if line else f"malformed XML: {message}"


def _sniff_format(body: bytes) -> str:
    """feedparser found entries but no version (a broken or odd feed): guess from the root."""
    start = body[:2048].lower()
    if b"<feed" in start:
        return "atom10"
    if b"rdf:rdf" in start:
        return "rss10"
    return "rss20"


def _entry(item, feed_url: str) -> FeedEntry | None:
    link = _entry_link(item, feed_url)
    title = _title(item)
    published = _when(item.get("published_parsed") or item.get("created_parsed"))
    # dict.get: FeedParserDict.get("updated_parsed") silently falls back to the published date.
    updated = _when(dict.get(item, "updated_parsed"))
    summary = item.get("summary", "") or ""
    content = _content(item)
    if content and summary == content and "summary_detail" not in item:
        summary = ""  # feedparser copies Atom content into summary when there is none
    if not content and len(summary) >= LONG_HTML and _TAGS.search(summary):
        content = summary
    entry_id = str(item.get("id") or item.get("guid") or "").strip() or link
    if not entry_id:
        if not (title or summary or content):
            return None
        seed = f"{title}|{published.isoformat() if published else ''}" if title else (summary or content)
        entry_id = "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()
    return FeedEntry(
        entry_id=entry_id[:1000], url=link, title=title, summary=summary, content_html=content,
        authors=_authors(item), published_at=published or updated, updated_at=updated,
        image_url=_image(item, feed_url),
    )


def _content(item) -> str:
    """The longest content element (content:encoded, atom:content), as HTML."""
    best = ""
    for part in item.get("content") or []:
        value = part.get("value") or ""
        if part.get("type") == "text/plain":
            value = html.escape(value).replace("\n\n", "</p><p>")
            value = f"<p>{value}</p>" if value else ""
        if len(value) > len(best):
            best = value
    return best


def _entry_link(item, feed_url: str) -> str:
    """The HTML alternate link (Atom may list self, edit, enclosure... links too)."""
    for link in item.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and "html" in (link.get("type") or "text/html"):
            found = _safe_link(link.get("href", ""), feed_url)
            if found:
                return found
    link = item.get("link") or ""
    if not link and str(item.get("id", "")).startswith(("http://", "https://")):
        link = item["id"]
    return _safe_link(link, feed_url)


def _safe_link(link, base: str) -> str:
    """Absolute http(s) only: javascript:, data: and file: links are dropped here."""
    link = (link or "").strip() if isinstance(link, str) else ""
    if not link:
        return ""
    try:
        absolute = urljoin(base, link)
    except ValueError:
        return ""
    return absolute if absolute.lower().startswith(("http://", "https://")) else ""


def _authors(item) -> list[str]:
    names = [_plain(a.get("name", "")) for a in item.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n] or ([_plain(item["author"])] if item.get("author") else [])
    cleaned: list[str] = []
    for name in names:
        # RSS <author> is "email (Name)"; keep the name.
        match = re.match(r"^\S+@\S+\s*\((.+)\)$", name)
        name = match.group(1).strip() if match else name
        name = re.sub(r"^by\s+", "", name, flags=re.I)
        for part in _split_names(name):
            if part and part not in cleaned:
                cleaned.append(part)
    return cleaned


def _split_names(text: str) -> list[str]:
    """Split "Ann Lee, Bo Ray and Cy Oh" into people, only when every part is clearly a full name.

    "Smith, John", "Staff and wire reports" or "Dr. Ann Lee, MD" stay whole:
    a wrongly split byline is worse than an unsplit one.
    """
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", text)]
    if len(parts) < 2:
        return [text]
    for part in parts:
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(_NAME.match(w) and w[0].isupper() for w in words):
            return [text]
    return parts


def _image(item, base: str) -> str:
    """Enclosed image, then media:content / media:thumbnail, then the iTunes episode image."""
    for enclosure in item.get("enclosures") or []:
        if str(enclosure.get("type", "")).startswith("image/"):
            found = _safe_link(enclosure.get("href", ""), base)
            if found:
                return found
    for key in ("media_content", "media_thumbnail"):
        for media in item.get(key) or []:
            kind = str(media.get("type") or "")
            medium = str(media.get("medium") or "")
            if medium == "image" or kind.startswith("image/") or (key == "media_thumbnail") or (
                    not medium and not kind):
                found = _safe_link(media.get("url", ""), base)
                if found:
                    return found
    image = item.get("image")
    if isinstance(image, dict):
        return _safe_link(image.get("href", ""), base)
    return ""


def _when(parsed) -> datetime | None:
    """feedparser normalises every date it understands to a UTC struct_time."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def _title(obj) -> str:
    """Plain text: tags dropped only when the feed says the title is HTML."""
    value = obj.get("title", "") or ""
    kind = (obj.get("title_detail") or {}).get("type", "text/html")
    if "html" in kind:
        return _plain(value)
    return _WS.sub(" ", _ENTITY.sub(_decode, value)).strip()


def _plain(value: str) -> str:
    """HTML → one line of text; twice-escaped text ("&amp;amp;", common in feeds) is decoded too."""
    text = html.unescape(_TAGS.sub(" ", value or ""))
    return _WS.sub(" ", _ENTITY.sub(_decode, text)).strip()


def _decode(match: re.Match) -> str:
    return html.unescape(match.group(0))
