"""Pages for claiming a profile, the list of my publishers, and the portal's Team and Activity tabs.

The work is in ``claims.py`` and ``team.py``, as for the API; these read the form and say the
answer in words (django messages). Portal pages start with ``managed_publisher``: to anyone else
they do not exist (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from localwire.paging import page_of
from localwire.publishers import claims, team
from localwire.publishers.access import managed_publisher, manages, publishers_of
from localwire.publishers.models import Action, Claim
from localwire.sources.models import Publisher

ACTIVITY_PAGE = 50


def _claim_page(request, publisher, claim=None, problem=""):
    return render(request, "publishers/claim.html", {
        "publisher": publisher, "claim": claim, "problem": problem,
        "methods": claims.methods(claim) if claim else [], "manages": manages(request.user, publisher)})


@login_required
def claim(request, slug: str):
    """GET shows my claim (if any); POST starts one, or verifies it (``verify`` in the form)."""
    publisher = get_object_or_404(Publisher, slug=slug)
    mine = Claim.objects.filter(user=request.user, publisher=publisher).select_related("publisher").first()
    if request.method != "POST":
        return _claim_page(request, publisher, mine if mine and publisher.website else None)
    try:
        if "verify" in request.POST and mine is not None:
            claims.verify_claim(mine)
            messages.success(request, f"Verified: you now manage {publisher.name}.")
            return redirect("portal_team", slug=publisher.slug)
        mine = claims.start_claim(request.user, publisher)
    except claims.AlreadyManager as exc:
        messages.info(request, str(exc))
        return redirect("portal_team", slug=publisher.slug)
    except claims.ClaimError as exc:
        return _claim_page(request, publisher, mine if publisher.website else None, str(exc))
    return redirect("publisher_claim", slug=publisher.slug)


@login_required
def portal_list(request):
    """The publishers I manage, and my pending claims."""
    pending = [c for c in claims.claims_of(request.user) if c.status == Claim.Status.PENDING]
    return render(request, "publishers/portal_list.html",
                  {"publishers": publishers_of(request.user), "claims": pending})


def _team_page(request, publisher, status=200):
    return render(request, "publishers/team.html", {
        "publisher": publisher, "portal_tab": "team", "managers": team.managers_of(publisher),
        "invites": team.pending_invites(publisher)}, status=status)


@login_required
def team_page(request, slug: str):
    return _team_page(request, managed_publisher(request.user, slug))


@login_required
@require_POST
def team_invite(request, slug: str):
    publisher = managed_publisher(request.user, slug)
    try:
        row = team.invite(publisher, request.user, request.POST.get("email", ""),
                          lambda token: request.build_absolute_uri(reverse("portal_invite", args=[token])))
    except team.TeamError as exc:
        messages.error(request, str(exc))
        return _team_page(request, publisher, status=400)
    messages.success(request, f"Invitation sent to {row.email}; the link works for {team.INVITE_DAYS} days.")
    return redirect("portal_team", slug=slug)


@login_required
@require_POST
def team_cancel(request, slug: str, invite_id: int):
    publisher = managed_publisher(request.user, slug)
    try:
        team.cancel_invite(publisher, request.user, invite_id)
    except team.TeamError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Invitation withdrawn.")
    return redirect("portal_team", slug=slug)


@login_required
@require_POST
def team_remove(request, slug: str, username: str):
    publisher = managed_publisher(request.user, slug)
    try:
        team.remove_manager(publisher, request.user, username)
    except (LookupError, team.TeamError) as exc:
        messages.error(request, str(exc))
        return redirect("portal_team", slug=slug)
    if username == request.user.username:
        messages.success(request, f"You no longer manage {publisher.name}.")
        return redirect("portal_list")
    messages.success(request, f"{username} no longer manages {publisher.name}.")
    return redirect("portal_team", slug=slug)


@login_required
def invite_page(request, token: str):
    """GET shows whose invitation it is (or why it cannot be used); POST accepts it."""
    try:
        row = team.find_invite(token)
        if request.method == "POST":
            publisher = team.accept_invite(token, request.user)
            messages.success(request, f"You now manage {publisher.name}.")
            return redirect("portal_team", slug=publisher.slug)
    except team.TeamError as exc:
        return render(request, "publishers/invite.html", {"problem": str(exc)}, status=400)
    return render(request, "publishers/invite.html", {"invite": row, "already": manages(request.user, row.publisher)})


@login_required
def activity(request, slug: str):
    """The audit log of the publisher: every portal action, newest first."""
    publisher = managed_publisher(request.user, slug)
    page = page_of(Action.objects.filter(publisher=publisher).order_by("-created_at", "-id"),
                   request.GET.get("page"), ACTIVITY_PAGE)
    return render(request, "publishers/activity.html",
                  {"publisher": publisher, "portal_tab": "activity", "page": page})
