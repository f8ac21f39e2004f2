"""The moderators' queue of campaigns: each with its preview, targeting and landing check, and
approve and reject forms. Decisions go through ``review.decide``, as the API's do."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from localwire.ads import campaigns, review
from localwire.ads.accounts import Conflict, Refused
from localwire.ads.advertiser_forms import DecisionForm
from localwire.ads.models import Campaign
from localwire.community.comments import can_moderate

TABS = [(Campaign.Status.IN_REVIEW, "In review"), (Campaign.Status.APPROVED, "Approved"),
        (Campaign.Status.REJECTED, "Rejected"), (Campaign.Status.PAUSED, "Paused")]


def _moderator(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    _moderator(request)
    return _queue_page(request, request.GET.get("status", Campaign.Status.IN_REVIEW))


def _queue_page(request, status: str, error: tuple[int, str] | None = None, code: int = 200):
    status = status if status in dict(TABS) else Campaign.Status.IN_REVIEW
    rows = list(review.queue(status))
    for row in rows:
        row.ad = campaigns.preview_ad(row)
    counts = dict(Campaign.objects.values_list("status").annotate(n=Count("id")))
    return render(request, "ads/moderation_campaigns.html", {
        "tabs": [(value, name, counts.get(value, 0)) for value, name in TABS], "status": status,
        "queue": rows, "error": error}, status=code)


@login_required
@require_POST
def decide(request, pk: int):
    _moderator(request)
    row = get_object_or_404(Campaign.objects.select_related("advertiser__owner"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, row.status, (row.pk, "Choose Approve or Reject."), 400)
    try:
        review.decide(row, request.user, form.cleaned_data["decision"], form.cleaned_data["reason"],
                      form.cleaned_data["seen"])
    except Refused as exc:
        row.refresh_from_db(fields=["status"])
        return _queue_page(request, row.status, (row.pk, str(exc)), 409 if isinstance(exc, Conflict) else 400)
    if row.status == Campaign.Status.APPROVED:
        messages.success(request, f"Approved: {row.name} by {row.advertiser.name}. The advertiser has been told.")
    else:
        messages.success(request, f"Rejected: {row.name} by {row.advertiser.name}. The advertiser has been told why.")
    return redirect("moderation_campaigns")
