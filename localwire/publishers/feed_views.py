"""The portal's Feeds tab: ``/portal/<slug>/feeds`` shows each feed's health and advice, adds a feed
(checked at once) and pauses or resumes one.

Every change is a function in ``feed_actions`` (which logs it), as the API's are; these views read
the form and show the answer in words. A publisher the signed-in person does not manage is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from localwire.publishers import feed_actions
from localwire.publishers.access import managed_publisher
from localwire.publishers.feed_health import RECENT_DAYS, feed_health


def _page(request, publisher, *, url="", refusal="", status=200):
    context = {"publisher": publisher, "portal_tab": "feeds", "feeds": feed_health(publisher),
               "recent_days": RECENT_DAYS, "url": url, "refusal": refusal}
    return render(request, "publishers/portal_feeds.html", context, status=status)


@login_required
def feeds(request, slug: str):
    """Each feed with its status, schedule, plain-words error, numbers and advice; the add form."""
    return _page(request, managed_publisher(request.user, slug))


@login_required
@require_POST
def add_feed(request, slug: str):
    """Check the address and store the feed; a refusal is shown on the page with the address kept."""
    publisher = managed_publisher(request.user, slug)
    url = request.POST.get("url", "").strip()
    try:
        feed, warning = feed_actions.add_feed(publisher, request.user, url)
    except feed_actions.FeedRefused as exc:
        status = 429 if isinstance(exc, feed_actions.TooManyChecks) else 400
        return _page(request, publisher, url=url, refusal=str(exc), status=status)
    note = f" The check noted: {warning}." if warning else ""
    messages.success(request, f"Added {feed.title or feed.url}. We fetch it on the next crawl.{note}")
    return redirect("portal_feeds", slug=publisher.slug)


@login_required
@require_POST
def pause_feed(request, slug: str, feed_id: int):
    """``paused=1`` pauses, ``paused=0`` resumes."""
    publisher = managed_publisher(request.user, slug)
    paused = request.POST.get("paused") == "1"
    try:
        feed = feed_actions.pause_feed(publisher, request.user, feed_id, paused)
    except feed_actions.OperatorPaused as exc:
        messages.error(request, str(exc))
        return redirect("portal_feeds", slug=publisher.slug)
    done = "Paused: we will not fetch" if paused else "Resumed: we fetch"
    messages.success(request, f"{done} {feed.title or feed.url}" + ("." if paused else " on the next crawl."))
    return redirect("portal_feeds", slug=publisher.slug)
