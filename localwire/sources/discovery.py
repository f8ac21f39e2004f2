"""Find a site's feeds from one of its pages, so operators can paste a home page instead of a feed URL.

Declared feeds (``<link rel="alternate" type=...>``) are the publisher's own
answer and come first, in page order. Only when there are none do we guess
from ``<a href>`` links that look like feeds, this site's before others'
(a link to another site's feed is rarely this site's). Junk in, [] out.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml")
# Path endings that mean "feed": /feed, /rss, /atom (with or without a slash), *.rss, *.atom,
# *.xml (except sitemaps) and feed.json.
FEED_PATH = re.compile(r"(/(feed|rss|atom)/?$|\.(rss|atom)$|\.xml$|(^|/)feed\.json$)", re.I)
FEED_QUERY = re.compile(r"(^|&)(feed|format)=(rss|rss2|atom|json)\b", re.I)


def discover_feeds(html: bytes | str, base_url: str) -> list[str]:
    """Absolute, de-duplicated feed URLs found in the page at ``base_url``, best first."""
    try:
        return _discover(html, base_url)
    except Exception:  # noqa: BLE001 - ParserError on empty pages, ValueError on str with encoding decl, ...
        return []


def _discover(html: bytes | str, base_url: str) -> list[str]:
    doc = lxml.html.document_fromstring(html)
    base = urljoin(base_url, doc.xpath("string(//base/@href)").strip()) or base_url
    links = doc.xpath("//link[@href]")
    anchors = doc.xpath("//a[@href]")
    found: list[str] = []
    for link in links:
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES:
            url = _absolute(base, link.get("href"))
            # WordPress declares its REST API as an application/json alternate of every page.
            if kind == "application/json" and "/wp-json/" in url:
                continue
            _add(found, url)
    if found:
        return found
    site = _site(base_url)
    candidates = [url for url in (_absolute(base, a.get("href")) for a in anchors) if _looks_like_feed(url)]
    for url in sorted(candidates, key=lambda c: _site(c) != site):  # stable: page order within each group
        _add(found, url)
    return found


def _looks_like_feed(url: str) -> bool:
    parts = urlsplit(url)
    if "sitemap" in parts.path.lower():
        return False
    return bool(FEED_PATH.search(parts.path) or FEED_QUERY.search(parts.query))


def _absolute(base: str, href) -> str:
    try:
        url = urljoin(base, (href or "").strip()).split("#", 1)[0]
    except ValueError:
        return ""
    return url if url.lower().startswith(("http://", "https://")) else ""


def _site(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _add(found: list[str], url: str) -> None:
    if url and url not in found:
        found.append(url)
