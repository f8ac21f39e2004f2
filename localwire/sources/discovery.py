"""Find a site's feeds from its home page: <link rel=alternate> first, then feed-looking links."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml", "text/xml", "application/xml")
FEED_PATH = re.compile(r"(/feed/?$|/rss/?$|/atom/?$|\.rss$|\.atom$|/feed\.json$|/rss\.xml$|/atom\.xml$|"
                       r"/feed\.xml$|/index\.xml$)", re.I)


def discover_feeds(page: bytes | str, base_url: str) -> list[str]:
    try:
        doc = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return []
    base = doc.xpath("string(//base/@href)").strip() or base_url
    found: list[str] = []
    for link in doc.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES:
            _add(found, urljoin(base, link.get("href").strip()))
    if found:
        return found
    site = urlsplit(base_url).hostname
    candidates = [urljoin(base, a.get("href").strip()) for a in doc.xpath("//a[@href]")]
    candidates = [c for c in candidates if FEED_PATH.search(urlsplit(c).path)]
    # Same-site links first: a link to another site's feed is rarely this site's.
    for url in sorted(candidates, key=lambda c: urlsplit(c).hostname != site):
        _add(found, url)
    return found


def _add(found: list[str], url: str) -> None:
    if url.startswith(("http://", "https://")) and url not in found:
        found.append(url)
