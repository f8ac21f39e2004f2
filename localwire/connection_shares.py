"""How ``serve``'s forked copies share out connections: each copy takes a new connection only while
it holds no more open connections than the least busy copy.

All copies accept from one listening socket, and a keep-alive connection stays with the copy that
took it. Left to chance, eight connections from a proxy or a load generator fall 5 and 3, or 6 and
2, as often as 4 and 4; the busier copy then queues requests while the other idles (in
``benchmarks/web.py`` the runs split that way were the ones whose p99 doubled, with the server's
CPU at 160% of 200%). The counts live in memory shared across the fork; a copy whose count has not
been refreshed for ``STALE_SECONDS`` (one that died or hangs) is left out, so no copy waits for it.
"""

from __future__ import annotations

import time
from multiprocessing.sharedctypes import RawArray

STALE_SECONDS = 5.0  # a serving copy refreshes its count at least once a second (waitress's loop timeout)


class ConnectionShares:
    """One slot per copy: its open connections and when it last said so. Made before forking."""

    def __init__(self, copies: int):
        self.counts = RawArray("i", copies)
        self.stamps = RawArray("d", copies)

    def may_accept(self, slot: int, open_now: int, now: float | None = None) -> bool:
        """Record this copy's count; whether it may take another connection now."""
        now = time.monotonic() if now is None else now
        self.counts[slot], self.stamps[slot] = open_now, now
        live = [count for count, stamp in zip(self.counts, self.stamps) if now - stamp < STALE_SECONDS]
        return open_now <= min(live)


def share_accepting(server, shares: ConnectionShares, slot: int) -> None:
    """Make a waitress server poll its listening socket only while this copy may accept. Its map
    holds its channels beside the listener and its wake-up trigger, the same two in every copy."""
    readable = server.readable

    def readable_when_least_busy() -> bool:
        return readable() and shares.may_accept(slot, len(server._map))

    server.readable = readable_when_least_busy
