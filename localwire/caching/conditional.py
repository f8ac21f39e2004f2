"""Conditional GET and ``Cache-Control`` for HTML pages, so browsers, proxies and CDNs keep what
they may and ask again cheaply.

An anonymous page (``pages.for_anonymous``) gets an ETag worked out from the page as kept, before
``ads/slots.py`` fills its ad slots: every visitor's copy of the page has the same ETag whatever ad
it showed, so it is a weak one (``W/"…"``: the same page, not the same bytes). A request whose
``If-None-Match`` names it (or, with no ``If-None-Match``, whose ``If-Modified-Since`` is no older
than a ``Last-Modified`` the view set) is answered 304 with no body; a 304 has no slot to fill, so
no ad is chosen or counted for it.

``Cache-Control`` (``LOCALWIRE_PAGE_CACHE_SECONDS`` = N):

- an anonymous page with no ad slot (or with ads off): ``public, max-age=N``: a shared cache may
  keep it as long as the site itself would;
- an anonymous page with ad slots while ads are on: ``private, max-age=N``: each visitor's browser
  may keep its copy, a CDN may not, or it would show the ad one visitor drew to everyone, and no
  impression would be counted for the others;
- any page for a reader with a session (signed in, or holding a message): ``private, no-cache``,
  and ``private, no-store`` under ``/account/``; set by ``PersonalPagesMiddleware`` on HTML
  responses that chose none themselves.

Every anonymous page varies on ``Cookie``, so a proxy never hands the anonymous copy to a reader
who is signed in (or has picked a Local city).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

AD_SLOT = b"<!--lw-ad "  # what ``ads/slots.py`` leaves where an ad may go
ACCOUNT_PREFIX = "/account/"


def etag_of(content: bytes) -> str:
    return 'W/"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def mark_shared(response, seconds: int) -> None:
    """ETag, Cache-Control and Vary for a page every anonymous visitor gets alike, set on the
    page before its ad slots are filled."""
    content = response.content
    response["ETag"] = etag_of(content)
    who = "private" if settings.LOCALWIRE_ADS and AD_SLOT in content else "public"
    response["Cache-Control"] = f"{who}, max-age={max(int(seconds), 0)}"
    patch_vary_headers(response, ("Cookie",))


def mark_personal(response) -> None:
    """A page made for this reader: never kept by a shared cache, asked again every time."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))


def answer(request, response):
    """304 Not Modified (no body) when the request's validators match the page's, else the page."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=modified, response=response)


def _has_session(request) -> bool:
    user = getattr(request, "user", None)
    return (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
            or bool(user is not None and user.is_authenticated))


class PersonalPagesMiddleware:
    """``Cache-Control`` for the HTML pages of readers with a session that did not set their own;
    list it after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.has_header("Cache-Control") or "text/html" not in response.get("Content-Type", "")
                or not _has_session(request)):
            return response
        if request.path.startswith(ACCOUNT_PREFIX):
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie",))
        else:
            mark_personal(response)
        return response
