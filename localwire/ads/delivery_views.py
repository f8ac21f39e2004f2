"""The reader's side of an ad: following its link, "Why this ad?", hiding ads.

A click link that was not signed here, or was changed, is refused with a page (400) and never
redirects anywhere; a link older than ``clicks.VALID_DAYS`` or to a campaign that has ended (no
longer approved or paused) is Gone (410). The landing page always comes from the database.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from localwire.ads import clicks, hiding
from localwire.ads.models import AdHide, Campaign

LIVE = (Campaign.Status.APPROVED, Campaign.Status.PAUSED)  # a click on a paused ad still reaches the advertiser


def _refused(request, status: int, message: str):
    response = render(request, "ads/link_refused.html", {"message": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def click(request, signed: str):
    now = timezone.now()
    link = clicks.read_click(signed)
    if link is None:
        return _refused(request, 400, "This ad link is not valid.")
    if clicks.expired(link, now):
        return _refused(request, 410, "This ad link has expired.")
    row = Campaign.objects.filter(pk=link.campaign_id).values_list("landing_url", "status").first()
    if row is None or row[1] not in LIVE:
        return _refused(request, 410, "This ad has ended.")
    clicks.count(request, link, now)
    response = HttpResponseRedirect(row[0])
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the advertiser learns nothing of the page read
    return response


@never_cache
@require_GET
def why(request, signed: str):
    about = clicks.read_why(signed)
    if about is None:
        return _refused(request, 400, "This link is not valid.")
    campaign = Campaign.objects.select_related("advertiser").filter(pk=about.campaign_id).first()
    if campaign is None:
        return _refused(request, 410, "This ad has ended.")
    hidden = set()
    if request.user.is_authenticated:
        rows = AdHide.objects.filter(Q(campaign=campaign) | Q(advertiser_id=campaign.advertiser_id),
                                     user=request.user).values_list("campaign_id", flat=True)
        hidden = {"campaign" if campaign_id else "advertiser" for campaign_id in rows}
    return render(request, "ads/why.html", {"campaign": campaign, "advertiser": campaign.advertiser,
                                            "reason": about.reason, "hidden": hidden})


@login_required
@require_POST
def hide(request):
    what, raw = request.POST.get("what", ""), request.POST.get("campaign", "")
    campaign = Campaign.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if campaign is None or what not in ("ad", "advertiser"):
        return _refused(request, 400, "There is no such ad to hide.")
    if what == "ad":
        hiding.hide(request.user, campaign_id=campaign.pk)
        messages.success(request, "Hidden: you will not see this ad again.")
    else:
        hiding.hide(request.user, advertiser_id=campaign.advertiser_id)
        messages.success(request, f"Hidden: you will not see ads from {campaign.advertiser.name} again.")
    return redirect("ad_hidden")


@login_required
@never_cache
def hidden(request):
    rows = hiding.hides_of(request.user)
    return render(request, "ads/hidden.html", {"hides": [(row, hiding.described(row)) for row in rows]})


@login_required
@require_POST
def show_again(request, pk: int):
    if hiding.show_again(request.user, pk):
        messages.success(request, "Shown again.")
    return redirect("ad_hidden")
