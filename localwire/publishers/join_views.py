"""Joining, as pages: the directory of publishers, "For publishers", the apply form, an application
with its checks, and the moderators' queue. Writes go through ``applying``; these read the form and
say what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from localwire.community.comments import can_moderate
from localwire.metrics.publishers import follower_counts
from localwire.paging import Page, page_number, page_of
from localwire.publishers import applying
from localwire.publishers.join_forms import ApplyForm, DecisionForm
from localwire.publishers.models import Application
from localwire.sources.models import Publisher

PAGE_SIZE = 50
SORTS = {"name": "Name", "followers": "Followers", "posts": "Posts"}
LABELS = {"feed": "Feed", "full_text": "Full text", "bylines": "Bylines", "dates": "Dates", "images": "Images",
          "image_credits": "Image credits", "original": "Original reporting", "website": "Website",
          "about": "About page", "not_listed": "Not listed yet"}
QUEUE_TABS = [(Application.Status.PENDING, "Waiting"), (Application.Status.APPROVED, "Approved"),
              (Application.Status.REJECTED, "Rejected")]
QUEUE_SIZE = 50


def directory(request):
    """Every publisher with its kind, home city, followers and posts; sorted by name, followers or posts."""
    sort = request.GET.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    if sort == "followers":
        page, counts = _by_followers(request.GET.get("page"))
    else:
        order = ["-posts", "name"] if sort == "posts" else ["name"]
        page = page_of(_with_posts(Publisher.objects.all()).order_by(*order), request.GET.get("page"), PAGE_SIZE)
        counts = follower_counts(page.object_list)
    for publisher in page.object_list:
        publisher.followers = counts.get(publisher.pk, 0)
    return render(request, "publishers/directory.html", {"page": page, "sort": sort, "sort_label": SORTS[sort]})


def _with_posts(queryset):
    return queryset.annotate(posts=Count("articles")).only("slug", "name", "kind", "home_city")


def _by_followers(number) -> tuple[Page, dict[int, int]]:
    """Followers live in community, counted by the plug-in metrics holds: counted for every publisher
    at once (one grouped query), sorted here, and only the page's rows read in full."""
    number = page_number(number)
    named = list(Publisher.objects.values_list("pk", "name"))
    counts = follower_counts([Publisher(pk=pk) for pk, _ in named])
    ordered = [pk for pk, name in sorted(named, key=lambda row: (-counts[row[0]], row[1].lower()))]
    start = (number - 1) * PAGE_SIZE
    ids = ordered[start:start + PAGE_SIZE]
    if not ids and number > 1:
        raise Http404("No such page.")
    rows = _with_posts(Publisher.objects.filter(pk__in=ids)).in_bulk()
    page = Page([rows[pk] for pk in ids if pk in rows], number, has_next=len(ordered) > start + PAGE_SIZE)
    return page, counts


def for_publishers(request):
    return render(request, "publishers/for_publishers.html", {"max_feeds": applying.MAX_FEEDS})


@login_required
def apply(request):
    """The form; sent, the checks run at once and the application's page shows what they found."""
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return _apply_page(request, form, 400 if form.is_bound else 200)
    data = form.cleaned_data
    try:
        application = applying.apply(request.user, data["name"], data["website"], form.feed_list(),
                                     data["home_city"], data["about"], data["contact_email"])
    except applying.Refused as refused:
        form.add_error(None, str(refused))
        return _apply_page(request, form, 409 if isinstance(refused, applying.Conflict) else 400)
    messages.success(request, "Your application is in. The checks below are what moderators read with it.")
    return redirect("publisher_application", pk=application.pk)


def _apply_page(request, form, status: int):
    mine = Application.objects.filter(user=request.user)[:10]
    return render(request, "publishers/apply.html", {"form": form, "mine": mine}, status=status)


def application(request, pk: int):
    """One application and its checks, for the person who sent it and for moderators."""
    row = Application.objects.select_related("publisher", "user").filter(pk=pk).first()
    moderator = can_moderate(request.user)
    if row is None or not (moderator or (request.user.is_authenticated and row.user_id == request.user.pk)):
        raise Http404("No application of yours has that number.")
    return render(request, "publishers/application.html", {
        "application": row, "checks": shown_checks(row.checks), "moderator": moderator,
        "may_recheck": applying.may_recheck(row, request.user, moderator)})


def shown_checks(found: dict) -> dict:
    """The stored checks with a label for each, as pages show them."""
    def labelled(checks):
        return [{**c, "label": LABELS.get(c.get("name"), c.get("name", ""))} for c in checks or []]

    if not found:
        return {}
    return {**found, "feeds": [{**feed, "checks": labelled(feed.get("checks"))} for feed in found.get("feeds", [])],
            "site": {**found.get("site", {}), "checks": labelled(found.get("site", {}).get("checks"))}}


def _moderator(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    """Applications by status, each with its checks and, while waiting, approve and reject forms."""
    _moderator(request)
    return _queue_page(request, request.GET.get("status", Application.Status.PENDING))


def _queue_page(request, status: str, error: tuple[int, str] | None = None, code: int = 200):
    status = status if status in dict(QUEUE_TABS) else Application.Status.PENDING
    rows = Application.objects.filter(status=status).select_related("user", "publisher", "decided_by")
    rows = list(rows.order_by("created_at", "id") if status == Application.Status.PENDING else rows)[:QUEUE_SIZE]
    for row in rows:
        row.shown = shown_checks(row.checks)
    counts = dict(Application.objects.values_list("status").annotate(n=Count("id")))
    return render(request, "publishers/moderation_applications.html", {
        "tabs": [(value, name, counts.get(value, 0)) for value, name in QUEUE_TABS], "status": status,
        "queue": rows, "error": error}, status=code)


@login_required
@require_POST
def decide(request, pk: int):
    _moderator(request)
    row = get_object_or_404(Application.objects.select_related("user"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, row.status, (row.pk, "Choose Approve or Reject."), 400)
    try:
        applying.decide(row, request.user, form.cleaned_data["decision"], form.cleaned_data["reason"])
    except applying.Refused as refused:
        row.refresh_from_db(fields=["status"])  # the tab it is in now, where the message is shown
        return _queue_page(request, row.status, (row.pk, str(refused)),
                           409 if isinstance(refused, applying.Conflict) else 400)
    if row.publisher is not None:
        messages.success(request, f"Approved: {row.name} is a publisher now, and its applicant manages it.")
    else:
        messages.success(request, f"Rejected: {row.name}. The applicant has been told why.")
    return redirect(reverse("moderation_publishers"))


@login_required
@require_POST
def recheck(request, pk: int):
    """Run a waiting application's checks again once the publisher fixed its feeds: moderators any
    time (back to the queue), the applicant every few minutes (back to the application)."""
    row = get_object_or_404(Application, pk=pk)
    moderator = can_moderate(request.user)
    if not moderator and row.user_id != request.user.pk:
        raise Http404("No application of yours has that number.")
    if not applying.may_recheck(row, request.user, moderator):
        messages.error(request, "These checks ran a few minutes ago; try again later.")
        return redirect("publisher_application", pk=row.pk)
    applying.recheck(row)
    messages.success(request, f"Checked again: {row.name}.")
    if moderator and request.POST.get("back") == "queue":
        return redirect(f"{reverse('moderation_publishers')}#application-{row.pk}")
    return redirect("publisher_application", pk=row.pk)
