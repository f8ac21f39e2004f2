"""The advertiser's pages: /advertise, the account, a campaign's form, page and preview.

Writes go through ``accounts`` and ``campaigns`` (as the API's do); these read the form and say
what happened. A campaign is its advertiser's alone: anyone else gets 404, as for one that does
not exist; moderators may also open its preview.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from localwire.ads import accounts, campaign_fields, campaigns
from localwire.ads.advertiser_forms import AccountForm, CampaignForm, initial_of
from localwire.ads.models import Campaign
from localwire.ads.money import from_micros, impression_micros, plain, shown
from localwire.community.comments import can_moderate

MOVES = {"pause": (campaigns.pause, "Paused: it shows no more until you resume it."),
         "resume": (campaigns.resume, "Resumed: it shows again within its schedule and budget."),
         "archive": (campaigns.archive, "Archived: it never shows again; its reports are kept.")}


def advertise(request):
    """What advertising here is, what it costs, and the way in."""
    return _advertise_page(request, AccountForm())


def _advertise_page(request, form, status: int = 200):
    floor = Decimal(settings.LOCALWIRE_ADS_FLOOR_CPM)
    return render(request, "ads/advertise.html", {
        "account": accounts.account_of(request.user), "form": form, "floor": shown(floor),
        "floor_impression": plain(from_micros(impression_micros(floor))),
        "currency": settings.LOCALWIRE_ADS_CURRENCY, "cap": campaign_fields.CAP_DEFAULT}, status=status)


@login_required
@require_POST
def open_account(request):
    form = AccountForm(request.POST)
    if form.is_valid():
        try:
            accounts.open_account(request.user, form.cleaned_data["name"], form.cleaned_data["website"])
        except accounts.Conflict:
            return redirect("advertise_account")
        except accounts.Refused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Your advertiser account is open. An operator adds credit to it; "
                                      "you can prepare campaigns meanwhile.")
            return redirect("advertise_account")
    return _advertise_page(request, form, 400)


def _account_or_redirect(request):
    row = accounts.account_of(request.user)
    if row is None:
        messages.info(request, "Open an advertiser account first.")
    return row


@login_required
def account(request):
    """Balance, what is available, the ledger and the campaigns."""
    row = _account_or_redirect(request)
    if row is None:
        return redirect("advertise")
    rows = list(Campaign.objects.filter(advertiser=row).select_related("advertiser")[:200])
    for campaign in rows:
        campaign.state = campaigns.delivery(campaign)
        campaign.state_words = campaigns.delivery_words(campaign, campaign.state)
    return render(request, "ads/advertise_account.html", {
        "account": row, "available": accounts.available(row), "ledger": accounts.ledger(row, 50),
        "campaigns": rows, "currency": settings.LOCALWIRE_ADS_CURRENCY})


def _own(request, pk: int) -> Campaign:
    row = Campaign.objects.select_related("advertiser").filter(pk=pk, advertiser__owner=request.user).first()
    if row is None:
        raise Http404("No campaign of yours has that number.")
    return row


def _form_page(request, form, campaign=None, status=200):
    return render(request, "ads/campaign_form.html", {"form": form, "campaign": campaign,
                                                      "offered": getattr(form, "offered", ())}, status=status)


@login_required
def campaign_new(request):
    row = _account_or_redirect(request)
    if row is None:
        return redirect("advertise")
    if request.method != "POST":
        return _form_page(request, CampaignForm(initial={**CampaignForm().initial, "brand": row.name}))
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            campaign = campaigns.create(row, form.as_data())
        except accounts.Refused as exc:
            form.refused(exc)
        else:
            messages.success(request, "Sent for review. A moderator reads it before readers see it.")
            return redirect("advertise_campaign", pk=campaign.pk)
    return _form_page(request, form, status=400)


@login_required
def campaign_edit(request, pk: int):
    campaign = _own(request, pk)
    if request.method != "POST":
        return _form_page(request, CampaignForm(initial=initial_of(campaign)), campaign)
    form = CampaignForm(request.POST, initial=initial_of(campaign))
    if form.is_valid():
        before = campaign.status
        try:
            campaigns.update(campaign, form.as_data(only_changed=True))
        except accounts.Refused as exc:
            form.refused(exc)
        else:
            again = before != campaign.status == Campaign.Status.IN_REVIEW
            messages.success(request, "Saved. What the ad says or where it shows changed, so it waits for review "
                                      "again." if again else "Saved.")
            return redirect("advertise_campaign", pk=campaign.pk)
    return _form_page(request, form, campaign, status=400)


def _with_state(campaign: Campaign) -> dict:
    state = campaigns.delivery(campaign)
    one = from_micros(impression_micros(campaign.bid_cpm))
    return {"campaign": campaign, "state": state, "state_words": campaigns.delivery_words(campaign, state),
            "remaining": campaigns.remaining(campaign), "one_impression": one,
            "ad": campaigns.preview_ad(campaign)}


@login_required
def campaign_page(request, pk: int):
    """The campaign's settings, where it stands, its landing check and what may be done with it."""
    return render(request, "ads/campaign_detail.html", _with_state(_own(request, pk)))


@login_required
@require_POST
def campaign_move(request, pk: int, move: str):
    campaign = _own(request, pk)
    if move not in MOVES:
        raise Http404("No such action.")
    do, said = MOVES[move]
    try:
        do(campaign)
    except accounts.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, said)
    return redirect("advertise_campaign", pk=campaign.pk)


@login_required
def campaign_preview(request, pk: int):
    """The ad exactly as readers get it, in an article's slot and in a narrow card."""
    campaign = Campaign.objects.select_related("advertiser").filter(pk=pk).first()
    mine = campaign is not None and campaign.advertiser.owner_id == request.user.pk
    if campaign is None or not (mine or can_moderate(request.user)):
        raise Http404("No campaign of yours has that number.")
    return render(request, "ads/campaign_preview.html", {**_with_state(campaign), "mine": mine})
