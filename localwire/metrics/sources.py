"""Where a counted view came from, read from the page the reader followed a link from.

The site sends ``Referrer-Policy: same-origin``, so its own pages send their full address in
``Referer`` and other sites send at most their origin (or nothing). Only the path of one of our own
pages is read, and only to pick one of a few names: nothing about the reader is kept, and another
site's address is never stored, only ``outside``.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host

HOME, FOR_YOU, LOCAL, SEARCH = "home", "for_you", "local", "search"
CHANNEL, STORY, ARTICLE, OTHER, OUTSIDE = "channel", "story", "article", "other", "outside"
# Every name a view can be filed under, in the order the portal shows them.
SOURCES = (HOME, FOR_YOU, LOCAL, SEARCH, CHANNEL, STORY, ARTICLE, OTHER, OUTSIDE)
LABELS = {  # as the portal names them; docs/publishers.md says what each covers
    HOME: "Home", FOR_YOU: "For you", LOCAL: "Local", SEARCH: "Search", CHANNEL: "Channel pages",
    STORY: "Story pages", ARTICLE: "Other articles", OTHER: "Other pages", OUTSIDE: "Outside",
}

# Own pages by the start of their path; a section matches itself and anything below it.
_EXACT = {"/": HOME}
_SECTIONS = (("/for-you", FOR_YOU), ("/local", LOCAL), ("/search", SEARCH), ("/c/", CHANNEL),
             ("/publisher/", CHANNEL), ("/contributor/", CHANNEL), ("/story/", STORY), ("/article/", ARTICLE))


def _section(path: str) -> str:
    if path in _EXACT:
        return _EXACT[path]
    for start, name in _SECTIONS:
        if path.startswith(start) and (start.endswith("/") or path == start or path[len(start)] == "/"):
            return name
    return OTHER


def classify(referer: str, own_hosts: tuple[str, ...]) -> str:
    """The source name of a view whose request carried ``referer``; ``own_hosts`` are this site's
    host names (lower case, no port, IPv6 without brackets) in ALLOWED_HOSTS' forms, ``.domain`` for
    a domain and its subdomains, matched as Django matches a request's host. ``*`` is no proof
    that a page is ours, so ``own_hosts`` never holds it."""
    if not referer:
        return OUTSIDE
    try:
        parts = urlsplit(referer.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # a malformed address, e.g. an unclosed IPv6 bracket
        return OUTSIDE
    if parts.scheme not in ("http", "https") or not validate_host(host, own_hosts):
        return OUTSIDE
    return _section(parts.path or "/")


def _bare(host: str) -> str:
    return host.lower().strip("[]").rstrip(".")


@lru_cache(maxsize=16)
def _configured(allowed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_bare(host) for host in allowed if host and host != "*")


def own_hosts(request) -> tuple[str, ...]:
    """The host the request was made to, and every host ALLOWED_HOSTS names."""
    hosts = _configured(tuple(settings.ALLOWED_HOSTS))
    try:
        domain, _ = split_domain_port(request.get_host())
    except Exception:  # a host Django refuses is no host of ours
        return hosts
    return (_bare(domain), *hosts) if domain else hosts


def source_of(request) -> str:
    return classify(request.META.get("HTTP_REFERER", ""), own_hosts(request))
