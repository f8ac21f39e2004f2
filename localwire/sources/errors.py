class FeedError(Exception):
    """A document is not a feed Localwire can read; the message is shown on the feed."""


class OpmlError(Exception):
    """An OPML file that cannot be read; the message says why."""


class BrokenFeed(FeedError):
    """The document is a feed, but so malformed that nothing could be read from it."""
