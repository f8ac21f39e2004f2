"""The portal's Articles tab: the publisher's articles with their views, re-fetching one after a
correction, taking one down (a reason, then a confirmation), and what was taken down before.

Thin: each view finds the manager's publisher (404 for anyone else), calls ``article_actions``
and says what happened through django messages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from localwire.paging import page_of
from localwire.publishers import article_actions as actions
from localwire.publishers.access import managed_publisher

PAGE_SIZE = 25
MAX_REASON = 2000


def _back(publisher, request):
    """To the list the form was on (its page and filter), never to another site."""
    url = reverse("portal_articles", kwargs={"slug": publisher.slug})
    kept = QueryDict(request.POST.get("back", ""))
    query = urlencode({k: kept[k][:actions.MAX_FILTER] for k in ("q", "page") if kept.get(k)})
    return redirect(f"{url}?{query}" if query else url)


@login_required
def articles(request, slug: str):
    publisher = managed_publisher(request.user, slug)
    title = request.GET.get("q", "").strip()[:actions.MAX_FILTER]
    page = page_of(actions.articles_of(publisher, title), request.GET.get("page"), PAGE_SIZE)
    return render(request, "publishers/portal_articles.html", {
        "publisher": publisher, "portal_tab": "articles", "page": page, "q": title,
        "taken_down": actions.taken_down_of(publisher), "back": request.GET.urlencode(),
    })


@login_required
@require_POST
def refetch(request, slug: str, pk: int):
    publisher = managed_publisher(request.user, slug)
    note = request.POST.get("note", "")
    try:
        done = actions.refetch_article(publisher, pk, request.user, note)
    except actions.RefetchFailed as exc:
        messages.error(request, f"Nothing was changed. {exc}")
        return _back(publisher, request)
    if done.changed:
        messages.success(request, "The article was fetched again and updated; its page notes the correction.")
    else:
        messages.info(request, "The article was fetched again; its page says the same as before, so nothing changed.")
    return _back(publisher, request)


@login_required
@require_POST
def take_down(request, slug: str, pk: int):
    """First POST (from the list): the confirmation page. Second (``confirmed``): the takedown."""
    publisher = managed_publisher(request.user, slug)
    article = actions.publisher_article(publisher, pk)
    reason = request.POST.get("reason", "").strip()[:MAX_REASON]
    if not reason:
        messages.error(request, "Say why the article is taken down; the reason is kept in the audit log.")
        return _back(publisher, request)
    if request.POST.get("confirmed") != "yes":
        return render(request, "publishers/portal_takedown_confirm.html", {
            "publisher": publisher, "portal_tab": "articles", "article": article, "reason": reason,
            "back": request.POST.get("back", ""),
        })
    record = actions.take_down_article(publisher, pk, request.user, reason)
    messages.success(request, f"“{record.title}” was taken down. It is gone from every page, feed and search.")
    return _back(publisher, request)
