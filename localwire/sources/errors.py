"""The named ways reading a source fails, kept apart so every layer of sources can raise them.

Feed and OPML errors come from parsing; fetch errors from the guarded fetcher and the address
policy and transport under it. Each message is what Localwire shows an operator.
"""


class FeedError(Exception):
    """A document is not a feed Localwire can read; the message is shown on the feed."""


class OpmlError(Exception):
    """An OPML file that cannot be read; the message says why."""


class BrokenFeed(FeedError):
    """The document is a feed, but so malformed that nothing could be read from it."""


class FetchError(Exception):
    """A fetch failed; the message is what Localwire shows on the feed."""


class BlockedURL(FetchError):
    """The URL, or an address it resolves to, is not one Localwire will fetch."""


class TooLarge(FetchError):
    """The (decoded) body is over the cap."""


class FetchTimeout(FetchError):
    """The whole exchange overran its deadline."""


class TooManyRedirects(FetchError):
    """More redirects than the fetcher follows: a loop, or a chain no publisher needs."""


class HTTPError(FetchError):
    """For callers that want an error status as an exception (``raise_for_status``)."""

    def __init__(self, status: int, retry_after: float | None = None, url: str = ""):
        self.status, self.retry_after, self.url = status, retry_after, url
        super().__init__(f"HTTP {status}" + (f" from {url}" if url else ""))
