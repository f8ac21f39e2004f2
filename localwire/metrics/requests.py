"""Every request counted and timed by the page it asked for, and logged on one line when asked.

``RequestMetricsMiddleware`` is first in ``MIDDLEWARE`` so its clock covers every other middleware
too (static files, sessions, the ad slots). It costs a request a few microseconds: the counts go to
this process's ``tally`` and a thread moves them to the shared totals (``totals.py``).

The ``page`` label is the URL pattern's name (``article``, ``api-v1:get_article``), never the path,
so the number of series stays bounded however many articles or junk URLs are asked for: the admin
is one page, ``admin``; static files are ``static``; anything unnamed or not found is ``other``.
The time is until the response is handed to the server, not until its last byte is sent.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left

from django.conf import settings

from localwire import tally
from localwire.metrics import totals

access_log = logging.getLogger("localwire.access")

# Upper bounds of the latency histogram's buckets, in seconds: Prometheus's usual ones, which span
# a kept page (a millisecond) to a page that made a reader give up (ten seconds).
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BUCKET_LABELS = tuple(f"{bound:g}" for bound in BUCKETS) + ("+Inf",)
METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
SECRET_ARGUMENTS = ("token",)  # URL arguments never written to the log (private feeds, password resets)


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        counting = bool(settings.LOCALWIRE_METRICS_TOKEN)
        if counting or settings.LOG_REQUESTS:
            page = page_name(request)
            if counting:
                record(page, request.method, response.status_code, seconds)
                totals.keep_flushing()
            if settings.LOG_REQUESTS:
                log_request(request, response.status_code, page, seconds)
        return response


def page_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:  # never reached the URLs: a file WhiteNoise served, or refused before
        return "static" if request.path.startswith(settings.STATIC_URL) else "other"
    if "admin" in match.namespaces:  # a name per model and action, used by staff: one page
        return "admin"
    return match.view_name if match.url_name else "other"


def record(page: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"
    bucket = BUCKET_LABELS[bisect_left(BUCKETS, seconds)]
    tally.add_all((f"requests|{page}|{method}|{status}", f"duration|{page}|{bucket}", f"duration_sum|{page}"),
                  (1, 1, seconds))


def log_request(request, status: int, page: str, seconds: float) -> None:
    """One INFO line: method, path (without its query, which holds what readers searched for, and
    with secret URL arguments blanked), status, milliseconds and page."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in (match.kwargs.items() if match else ()):
        if name in SECRET_ARGUMENTS and value:
            path = path.replace(str(value), "[token]")
    ms = round(seconds * 1000, 1)
    access_log.info("%s %s %s %.1f ms %s", request.method, path, status, ms, page,
                    extra={"method": request.method, "path": path, "status": status, "duration_ms": ms, "page": page})
