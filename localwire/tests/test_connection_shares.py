"""`serve --processes N`: a copy takes a new connection only while it is among the least busy."""

from __future__ import annotations

import multiprocessing
import threading
import time

import httpx

from localwire import serve
from localwire.connection_shares import STALE_SECONDS, ConnectionShares, share_accepting


def test_the_busier_copy_waits_and_equal_copies_both_accept():
    shares = ConnectionShares(2)
    now = time.monotonic()
    assert shares.may_accept(1, 2, now)
    assert not shares.may_accept(0, 3, now)
    assert shares.may_accept(0, 2, now)  # level again: either may take the next
    assert shares.may_accept(1, 2, now)


def test_a_copy_that_stopped_reporting_holds_no_one_back():
    shares = ConnectionShares(2)
    now = time.monotonic()
    shares.may_accept(1, 0, now - STALE_SECONDS - 1)  # died, or hangs, with no connections
    assert shares.may_accept(0, 7, now)


def _report(shares: ConnectionShares, slot: int, count: int) -> None:
    shares.may_accept(slot, count)


def test_the_counts_are_shared_across_a_fork():
    shares = ConnectionShares(2)
    child = multiprocessing.get_context("fork").Process(target=_report, args=(shares, 1, 1))
    child.start()
    child.join(timeout=30)
    assert shares.counts[1] == 1
    assert not shares.may_accept(0, 4)


def test_a_server_stops_listening_while_another_copy_is_less_busy_and_still_answers(transactional_db):
    listener = serve._listen("127.0.0.1", 0)
    server = serve.make_server(listener)
    shares = ConnectionShares(2)
    share_accepting(server, shares, slot=0)
    shares.may_accept(1, 0)  # the other copy holds nothing
    assert not server.readable()
    shares.may_accept(1, 10)
    assert server.readable()

    stop = threading.Event()

    def serve_until_stopped():  # waitress's own loop, a round at a time, so closing never races it
        while not stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)

    loop = threading.Thread(target=serve_until_stopped, daemon=True)
    loop.start()
    try:
        assert httpx.get(f"http://127.0.0.1:{listener.getsockname()[1]}/healthz", timeout=30).status_code == 200
    finally:
        stop.set()
        loop.join(timeout=10)
        server.close()
