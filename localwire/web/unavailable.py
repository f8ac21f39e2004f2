"""A reader never sees a 500 because the database went away for a moment.

PostgreSQL restarting, a failover, or a pooler dropping connections raises ``OperationalError`` or
``InterfaceError`` wherever the request happened to touch the database: in a view, in the session
or auth middleware, or in a template rendering a lazy query. A middleware's ``process_exception``
sees only the views' errors, so the site's ``handler500`` (urls.py) does the sorting instead: Django
calls it inside the ``except`` of every layer, for whatever was raised, and ``sys.exc_info()`` there
is the error itself. A database error becomes a short 503 with ``Retry-After``, which browsers,
crawlers and load balancers all understand as "come back shortly"; anything else stays a 500.

Django drops a connection that raised once the request ends, and with ``CONN_HEALTH_CHECKS`` checks
a kept one before the next request uses it, so the first request after the database is back gets
a page again. The 503 touches nothing that could need the database: no template engine, no session.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.views import defaults

RETRY_AFTER_SECONDS = 5

PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Back in a moment</title></head>
<body><h1>Back in a moment</h1>
<p>The news is briefly out of reach while the site reconnects to its database.
Please try again in a few seconds.</p></body></html>
"""


def database_away(exc: BaseException | None) -> bool:
    """The error, or one it was raised from, says the database could not be reached or used."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def unavailable() -> HttpResponse:
    response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"  # a proxy must not keep the outage
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    """``handler500``: a 503 while the database is away, else the plain 500 Django would send."""
    if database_away(sys.exc_info()[1]):
        return unavailable()
    return defaults.server_error(request)
