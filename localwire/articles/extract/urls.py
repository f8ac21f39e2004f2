"""Canonical URLs: one address per article, whatever tracking a link carried."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from localwire.articles.extract.patterns import TRACKING_PARAMS


def strip_tracking(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def _site(host: str | None) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def canonical_url(page_url: str, candidates: list[str]) -> str:
    """The first declared canonical on the page's own site; another site's is not trusted.

    A page must not be able to claim another publisher's article (and so be
    merged into it) just by declaring that article's URL canonical.
    """
    site = _site(urlsplit(page_url).hostname)
    for candidate in candidates:
        candidate = (candidate or "").strip()
        if not candidate:
            continue
        absolute = urljoin(page_url, candidate)
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and _site(parts.hostname) == site:
            return strip_tracking(absolute)
    return strip_tracking(page_url) if page_url.startswith(("http://", "https://")) else page_url
