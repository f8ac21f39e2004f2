class FeedError(Exception):
    """A document is not a feed Localwire can read; the message is shown on the feed."""


class OpmlError(Exception):
    """An OPML file that cannot be read; the message says why."""
