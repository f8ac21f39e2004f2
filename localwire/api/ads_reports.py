"""Advertising reports in the API: a campaign's days, all of an advertiser's campaigns, operator revenue.

``/me/campaigns/{id}/report`` and ``/me/advertiser/report`` answer only the advertiser account's
owner (anyone else gets 404, as the dashboards do); ``/operator/ads/revenue`` only the site's staff
(403 for anyone else). The figures are ``ads.reports`` and ``ads.revenue``'s, shaped here: money
travels as strings (``"12.50"``, ``"0.0025"``) so no client reads it into a float.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from localwire.ads.money import plain
from localwire.ads.reports import (RangeError, advertiser_summary, campaign_range, campaign_report, own_advertiser,
                                   owned_campaign)
from localwire.ads.revenue import revenue
from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.publishers.analytics import day_range

router = Router(auth=READER, tags=["advertising"])


class ReportDayOut(Schema):
    date: date
    impressions: int
    clicks: int
    spend: str  # what that day's counted impressions cost, e.g. "1.2500"


class ReportTotalsOut(Schema):
    impressions: int
    clicks: int
    spend: str
    ctr: float  # clicks / impressions, rounded to 4 places; 0 when none were shown


class CampaignReportOut(Schema):
    campaign: int
    since: date
    until: date
    currency: str
    days: list[ReportDayOut]  # every local day of the range, oldest first, zeros included
    totals: ReportTotalsOut


class CampaignSummaryOut(ReportTotalsOut):
    id: int
    name: str
    status: str


class AdvertiserReportOut(Schema):
    advertiser: int
    since: date
    until: date
    currency: str
    campaigns: list[CampaignSummaryOut]  # newest first, zeros for those that delivered nothing
    totals: ReportTotalsOut


class RevenueFiguresOut(Schema):
    revenue: str  # counted spend of delivered ads
    charged: str  # the part of it settled into advertisers' ledgers
    credited: str  # prepaid credit added
    impressions: int
    clicks: int
    ctr: float


class RevenueDayOut(RevenueFiguresOut):
    date: date


class RevenueAdvertiserOut(RevenueFiguresOut):
    id: int
    name: str
    status: str
    balance: str  # the account's balance now, not at the end of the range


class RevenueOut(Schema):
    since: date
    until: date
    currency: str
    days: list[RevenueDayOut]
    advertisers: list[RevenueAdvertiserOut]  # anyone with delivery or credit in the range, most revenue first
    totals: RevenueFiguresOut


MONEY = ("spend", "revenue", "charged", "credited", "balance")


def _strings(row: dict) -> dict:
    """The row with its money as plain decimal strings."""
    return {key: plain(value) if key in MONEY else value for key, value in row.items()}


def _own_campaign(user, campaign_id: int):
    try:
        return owned_campaign(user, campaign_id)
    except Http404 as exc:
        raise HttpError(404, str(exc)) from None


@router.get("/me/campaigns/{campaign_id}/report", response={200: CampaignReportOut, 400: ErrorOut, 404: ErrorOut})
def campaign_report_api(request, campaign_id: int, since: str | None = None, until: str | None = None):
    """Impressions, clicks and spend per local day from `since` to `until` (YYYY-MM-DD, both
    included; by default the last 30 days, none before the campaign starts; at most 366), with
    totals and the click-through rate. 400 for a bad range; 404 unless the campaign is yours."""
    campaign = _own_campaign(request.auth, campaign_id)
    try:
        first, last = campaign_range(campaign, since, until)
    except RangeError as exc:
        raise HttpError(400, str(exc)) from None
    report = campaign_report(campaign, first, last)
    return {"campaign": campaign.pk, "since": first, "until": last, "currency": settings.LOCALWIRE_ADS_CURRENCY,
            "days": [_strings(day) for day in report["days"]], "totals": _strings(report["totals"])}


@router.get("/me/advertiser/report", response={200: AdvertiserReportOut, 400: ErrorOut, 404: ErrorOut})
def advertiser_report_api(request, since: str | None = None, until: str | None = None):
    """Each of your campaigns' impressions, clicks, ctr and spend over the range (the last 30 days
    by default), and their sums. 404 without an advertiser account."""
    try:
        advertiser = own_advertiser(request.auth)
    except Http404 as exc:
        raise HttpError(404, str(exc)) from None
    try:
        first, last = day_range(since, until)
    except RangeError as exc:
        raise HttpError(400, str(exc)) from None
    summary = advertiser_summary(advertiser, first, last)
    return {"advertiser": advertiser.pk, "since": first, "until": last,
            "currency": settings.LOCALWIRE_ADS_CURRENCY,
            "campaigns": [_strings(row) for row in summary["campaigns"]], "totals": _strings(summary["totals"])}


@router.get("/operator/ads/revenue", response={200: RevenueOut, 400: ErrorOut, 403: ErrorOut})
def revenue_api(request, since: str | None = None, until: str | None = None):
    """Revenue (counted spend), charged (settled into ledgers) and credited money, impressions and
    clicks per local day and per advertiser over the range (the last 30 days by default, at most
    366). Staff only: 403 for anyone else."""
    if not request.auth.is_staff:
        raise HttpError(403, "Only the site's operators may see advertising revenue.")
    try:
        first, last = day_range(since, until)
    except RangeError as exc:
        raise HttpError(400, str(exc)) from None
    data = revenue(first, last)
    return {"since": first, "until": last, "currency": settings.LOCALWIRE_ADS_CURRENCY,
            "days": [_strings(day) for day in data["days"]],
            "advertisers": [_strings(row) for row in data["advertisers"]], "totals": _strings(data["totals"])}
