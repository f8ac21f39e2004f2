"""Garbage collection in a long-running web process: what lives as long as the process is kept out
of the collector's sight.

A full collection walks every object the process holds, and no thread of the process runs while
it does. In a serving process (Django, the URL patterns, compiled templates, For you's decoded
pool, kept cards) that was about 230,000 objects and 130 ms, once every ~600 pages: at 130 pages
a second on two processes, a pause every ten seconds in each, holding the four or so pages in flight
and queueing the ones behind them, which was most of For you's p99 (220 ms against a median of 55).
Everything made while starting and during the first pages (templates compiled, URL resolvers filled,
a first pool decoded) stays until the process ends, so it is moved to the permanent generation
(``gc.freeze``): once when the server is ready, once more after its first ``WARM_PAGES``. A full
collection then walks what came later, ~6 ms. What is frozen and later let go is still freed
(by reference counting); only a reference cycle among frozen objects would stay, and those were
made to last anyway.
"""

from __future__ import annotations

import gc
import threading

from django.core.signals import request_finished

WARM_PAGES = 500


def freeze_now() -> None:
    gc.collect()
    gc.freeze()


def freeze_when_warm(pages: int = WARM_PAGES) -> None:
    """Freeze now, and again once this process has answered ``pages`` requests. For servers only
    (``localwire serve``, gunicorn's workers): a test run would keep every test's leftovers."""
    freeze_now()
    counted = {"pages": 0}
    lock = threading.Lock()

    def count(**_) -> None:
        with lock:
            counted["pages"] += 1
            if counted["pages"] != pages:
                return
        request_finished.disconnect(count, dispatch_uid="localwire-heap-warm")
        freeze_now()

    request_finished.connect(count, dispatch_uid="localwire-heap-warm", weak=False)
