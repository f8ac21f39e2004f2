"""What the fetcher's tests share: the allow list that opens the local server, and a plain answer."""

from localwire.sources.addresses import parse_allow_private

LOCAL = parse_allow_private("127.0.0.1")


def ok(body=b"hello", **headers):
    """A route answering 200 with ``body``."""
    return lambda req: (200, {"Content-Type": "text/plain", **headers}, body)
