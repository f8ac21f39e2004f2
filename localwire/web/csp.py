"""A Content-Security-Policy on every response: scripts, styles and everything else only from this
site, pictures also as data: URLs.

Sanitised article bodies already carry no script; the policy is the second wall should anything slip
through, and it also stops pages loading assets from a CDN (the site must work offline). Templates
therefore hold no inline ``<script>``, ``<style>``, ``style=`` or ``on…=``: behaviour lives in static
files. JSON-LD (``<script type="application/ld+json">``) is data, never run, and is not affected.
With ``DEBUG`` on, the policy is only reported (browser console), so Django's own debug pages, which
are styled inline, still read well.
"""

from __future__ import annotations

from django.conf import settings

POLICY = "; ".join((
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ("Content-Security-Policy-Report-Only" if settings.DEBUG
                       else "Content-Security-Policy")

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response:  # a view may set a narrower policy of its own
            response[self.header] = POLICY
        return response
