"""Whole pages for anonymous readers, kept in the cache for a short while.

Most visits to a news site are anonymous readers opening the same few pages, which look the same
for all of them; rendering each again costs tens of milliseconds of Python. A page is kept when
nothing in it belongs to the visitor: the request carries no session or message cookie, and the
response sets no cookie and holds no CSRF token. Signed-in readers always get a fresh page.

Pages live ``LOCALWIRE_PAGE_CACHE_SECONDS`` (relative times such as "5 minutes ago" may be that
much behind) and are retired sooner by ``changed()``: ``web/apps.py`` calls it when the pipeline
sends ``articles_changed``, ``community/apps.py`` when a comment or a moderation log row is saved.
They live in the ``pages`` cache: per process by default (``LOCALWIRE_PAGE_CACHE_MAX_ENTRIES``
pages at most); with ``CACHE_URL=redis://…`` every process and machine shares it. Pages are kept
compressed (a quarter of their size or less, for a fraction of a millisecond). Each carries its
ETag and ``Cache-Control``, so a browser, proxy or CDN asks again with ``If-None-Match`` and gets a
304 (``conditional.py``).
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from localwire import tally
from localwire.caching import conditional

log = logging.getLogger(__name__)

VERSION_KEY = "lw:pages:version"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link", "ETag", "Cache-Control", "Last-Modified")
VISITOR_COOKIES = ("lw_local",)  # cookies that change a page without making it personal


def changed() -> None:
    """Retire every kept page; never raises (a stale page for a minute beats a failed write)."""
    try:
        caches["pages"].set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        log.warning("could not retire cached pages", exc_info=True)


def for_anonymous(on_hit=None):
    """Decorate a GET view whose page is the same for every anonymous visitor.

    ``on_hit(request, *args, **kwargs)`` runs when the page comes from the cache (or is answered
    304 from it), for what the view does besides rendering (counting a view). Shared pages carry
    an ETag and ``Cache-Control`` and answer a matching conditional GET with 304; pages for a
    reader with a session are marked private (``conditional.py``).
    """
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.LOCALWIRE_PAGE_CACHE_SECONDS
            if not _shareable_request(request):
                response = view(request, *args, **kwargs)
                conditional.mark_personal(response)
                return response
            key = _key(request) if seconds else None
            kept = _get(key) if key else None
            if key:
                tally.add("page_cache|miss" if kept is None else "page_cache|hit")  # /metrics (docs/monitoring.md)
            if kept is not None:
                if on_hit is not None:
                    on_hit(request, *args, **kwargs)
                return conditional.answer(request, _rebuild(kept))
            response = view(request, *args, **kwargs)
            if not _shareable_response(request, response):
                if response.status_code == 200:
                    conditional.mark_personal(response)  # it set a cookie or holds this visitor's token
                return response
            conditional.mark_shared(response, seconds)
            if key:
                _set(key, response, seconds)
            return conditional.answer(request, response)
        return wrapper
    return decorate


def _shareable_request(request) -> bool:
    cookies = request.COOKIES
    return (request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in cookies
            and "messages" not in cookies)


def _shareable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a form in it carries this visitor's token
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _key(request) -> str:
    version = version_now()
    extra = "|".join(request.COOKIES.get(name, "") for name in VISITOR_COOKIES)
    where = f"{request.get_host()}|{request.get_full_path()}|{extra}"
    return f"lw:page:{version}:{hashlib.blake2b(where.encode(), digest_size=16).hexdigest()}"


def version_now() -> int:
    """Moves whenever ``changed()`` is called: what was built under an older one is out of date."""
    try:
        return caches["pages"].get(VERSION_KEY) or 0
    except Exception:
        return 0


def _get(key: str):
    try:
        return caches["pages"].get(key)
    except Exception:
        log.warning("page cache unavailable", exc_info=True)
        return None


def _set(key: str, response, seconds: int) -> None:
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    try:
        caches["pages"].set(key, (zlib.compress(response.content, 1), headers), timeout=seconds)
    except Exception:
        log.warning("could not keep a page", exc_info=True)


def _rebuild(kept) -> HttpResponse:
    content, headers = kept
    response = HttpResponse(zlib.decompress(content))
    for name, value in headers.items():
        response[name] = value
    response["X-Localwire-Cache"] = "hit"
    return response
