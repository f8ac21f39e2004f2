"""Is this URL a feed Localwire can poll? Asked once before a feed is stored, by every way in.

``feeds add``, ``feeds import-opml`` and the admin's feed form all call ``check_feed``, so a URL
is judged the same way wherever it comes from:

- refused by the SSRF guard (loopback, private, userinfo, other schemes, a redirect to any of
  those), or answering with a client error (404, 410, …): never stored;
- a feed that is broken (malformed with nothing readable) or a page that is not a feed and links
  to none: never stored;
- an HTML page that links to a feed: that feed is checked the same way and stored instead;
- unreachable for a reason that passes (a timeout, HTTP 408, 429 or 5xx): stored with a warning,
  "not checked: …", as the next poll will retry it. Anything else that fails is not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from localwire.sources.addresses import check_url
from localwire.sources.discovery import discover_feeds
from localwire.sources.errors import BlockedURL, BrokenFeed, FeedError, FetchError, FetchTimeout
from localwire.sources.http import Fetcher
from localwire.sources.parse import FEED_ACCEPT, parse_feed

TRANSIENT_STATUSES = {408, 429}  # and every 5xx
MAX_DISCOVERED = 3  # feeds a home page links to that are tried, in its order

REFUSED, BROKEN, NOT_A_FEED, UNREACHABLE = "refused", "broken", "not a feed", "unreachable"


class FeedCheckError(Exception):
    """The URL must not be stored; ``kind`` (REFUSED, BROKEN, NOT_A_FEED, UNREACHABLE) says which
    way it failed, the message why: callers print "kind: message"."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass
class CheckedFeed:
    url: str  # the feed itself: the URL given, or the feed a page given links to
    title: str = ""
    site_url: str = ""
    warning: str = ""  # "not checked: …", "found the feed … on …", a malformed-XML warning


@dataclass
class _Page:
    """A document that is no feed, kept for discovery to read its links."""

    body: bytes
    url: str
    why_not: str


def check_feed(url: str, fetcher: Fetcher) -> CheckedFeed:
    """The feed to store for ``url``, or a ``FeedCheckError`` saying why nothing may be stored."""
    refuse_userinfo(url)
    _guard(url, fetcher)
    found = _fetch_and_parse(url, fetcher)
    return found if isinstance(found, CheckedFeed) else _discovered(url, found, fetcher)


def refuse_userinfo(url: str) -> None:
    """``http://127.0.0.1:8311@example.com/`` reaches example.com, not 127.0.0.1: refuse and say so."""
    try:
        netloc = urlsplit(url.strip()).netloc
    except ValueError:
        return  # the guard says what is wrong with it
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        raise FeedCheckError(REFUSED, (
            f"{url} has a user name or password before '@' ({userinfo!r}): it would reach "
            f"{host or 'no host'}, not what it seems to name, so such URLs are never fetched"))


def _guard(url: str, fetcher: Fetcher) -> None:
    try:
        check_url(url, fetcher.allow_private)
    except BlockedURL as exc:
        raise FeedCheckError(REFUSED, _reason(exc)) from None


def _fetch_and_parse(url: str, fetcher: Fetcher) -> CheckedFeed | _Page:
    try:
        response = fetcher.get(url, accept=FEED_ACCEPT)
    except BlockedURL as exc:  # a name resolving to a refused address, a redirect to one
        raise FeedCheckError(REFUSED, _reason(exc)) from None
    except FetchTimeout as exc:
        return CheckedFeed(url, warning=f"not checked: {exc}; the next crawl tries again")
    except FetchError as exc:
        raise FeedCheckError(UNREACHABLE, str(exc)) from None
    if response.status in TRANSIENT_STATUSES or response.status >= 500:
        return CheckedFeed(url, warning=f"not checked: HTTP {response.status} from {response.final_url}; "
                                        "the next crawl tries again")
    if response.status >= 400:
        raise FeedCheckError(UNREACHABLE, f"HTTP {response.status} from {response.final_url}")
    content_type = response.headers.get("content-type", "")
    try:
        parsed = parse_feed(response.body, response.final_url, content_type)
    except BrokenFeed as exc:
        raise FeedCheckError(BROKEN, str(exc).removeprefix("broken feed: ")) from None
    except FeedError as exc:
        return _Page(response.body, response.final_url, str(exc))
    return CheckedFeed(url, title=parsed.title, site_url=parsed.site_url, warning=parsed.warning)


def _discovered(url: str, page: _Page, fetcher: Fetcher) -> CheckedFeed:
    """The first feed the page links to that checks out; a refused or broken link is skipped."""
    found = [f for f in discover_feeds(page.body, page.url) if f not in (url, page.url)][:MAX_DISCOVERED]
    if not found:
        raise FeedCheckError(NOT_A_FEED, f"{url} is not a feed ({page.why_not}) and links to none")
    failures: list[tuple[str, FeedCheckError]] = []
    for candidate in found:
        try:
            _guard(candidate, fetcher)
            checked = _fetch_and_parse(candidate, fetcher)
        except FeedCheckError as exc:
            failures.append((candidate, exc))
            continue
        if isinstance(checked, CheckedFeed):
            checked.warning = "; ".join(filter(None, [f"found the feed {candidate} on {url}", checked.warning]))
            return checked
        failures.append((candidate, FeedCheckError(NOT_A_FEED, checked.why_not)))
    candidate, first = failures[0]
    raise FeedCheckError(first.kind, f"{url} is not a feed, and the feed it links to, {candidate}, "
                                     f"is {first.kind}: {first}")


def _reason(exc: Exception) -> str:
    """The guard's message without its own "blocked: " prefix (the caller says "refused")."""
    text = str(exc)
    return text.split(": ", 1)[1] if text.startswith("blocked: ") else text
