"""Feed views: build the feed, answer 304 when the reader already has it, else render it.

Validators come from the items themselves (their ids and dates), so a 304 costs the three queries that
list the items and no rendering.
"""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from localwire.channels.queries import channel_or_alias
from localwire.feeds import build
from localwire.feeds.render import FORMATS, render
from localwire.sources.models import Publisher

MAX_AGE = 300  # seconds a reader or proxy may reuse a feed without asking again


def etag_of(feed: build.Feed, fmt: str, base: str) -> str:
    digest = hashlib.sha256(f"{fmt}\n{base}\n{feed.key}\n{feed.title}\n{feed.description}".encode())
    for item in feed.items:
        digest.update(f"\n{item.path} {item.updated.isoformat()} {item.title}".encode())
    return quote_etag(digest.hexdigest()[:32])


def respond(request, feed: build.Feed, fmt: str, private: bool = False) -> HttpResponse:
    """The feed in one format, or 304 Not Modified when the reader's validators still hold.

    ``private`` is for a feed that belongs to one reader (a token in its address): shared caches must
    not keep it and search engines must not index it."""
    chosen = FORMATS[fmt]
    etag = etag_of(feed, fmt, request.build_absolute_uri("/"))
    updated = feed.updated
    last_modified = int(updated.timestamp()) if updated else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = render(feed, chosen, request.build_absolute_uri, request.path)
        response = HttpResponse(body, content_type=chosen.content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    if private:
        patch_cache_control(response, private=True, max_age=MAX_AGE)
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def home_feed(request, fmt: str):
    return respond(request, build.home_feed(), fmt)


@require_safe
def channel_feed(request, kind: str, slug: str, fmt: str):
    channel, merged = channel_or_alias(kind, slug)
    if channel is None:
        raise Http404("No such channel.")
    if merged:  # a merged channel's old address leads to the feed of the channel it joined
        return redirect(reverse("channel_feed", kwargs={"kind": channel.kind, "slug": channel.slug, "fmt": fmt}),
                        permanent=True)
    return respond(request, build.channel_feed(channel), fmt)


@require_safe
def publisher_feed(request, slug: str, fmt: str):
    return respond(request, build.publisher_feed(get_object_or_404(Publisher, slug=slug)), fmt)
