"""What a campaign delivered over a range of local days, as plain data for the dashboard, CSV and API.

Every figure is read from ``CampaignDay`` rows (impressions, clicks and spend flushed from the cache
counters, so they trail the live counts by about a minute). Days without a row are days with
nothing delivered and are shown as zeros, so a chart's bars line up with the calendar. The range
rules (YYYY-MM-DD, at most ``MAX_DAYS``) are the publisher Audience tab's, imported from there.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.http import Http404
from django.utils import timezone

from localwire.ads.campaigns import delivery, delivery_words
from localwire.ads.models import ZERO, Advertiser, Campaign, CampaignDay
from localwire.ads.money import exact
from localwire.publishers.analytics import DEFAULT_DAYS, MAX_DAYS, RangeError, day_range

__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "RangeError", "campaign_range", "campaign_report", "ctr",
           "advertiser_summary", "budget_left", "delivery_status", "days_between", "owned_campaign",
           "own_advertiser"]


def owned_campaign(user, campaign_id: int) -> Campaign:
    """The signed-in user's own campaign, or a 404 that says nothing about anyone else's."""
    campaign = (Campaign.objects.select_related("advertiser")
                .filter(pk=campaign_id, advertiser__owner_id=getattr(user, "pk", None),
                        advertiser__owner__isnull=False).first())
    if campaign is None:
        raise Http404("You have no campaign with that number.")
    return campaign


def own_advertiser(user) -> Advertiser:
    advertiser = Advertiser.objects.filter(owner_id=getattr(user, "pk", None), owner__isnull=False).first()
    if advertiser is None:
        raise Http404("You have no advertiser account.")
    return advertiser


def ctr(clicks: int, impressions: int) -> float:
    """Clicks per impression, 0 when nothing was shown (a share, 0.0125 is 1.25 %)."""
    return round(clicks / impressions, 4) if impressions else 0.0


def days_between(since: date, until: date) -> list[date]:
    return [since + timedelta(days=offset) for offset in range((until - since).days + 1)]


def campaign_range(campaign: Campaign, since: str | date | None, until: str | date | None,
                   today: date | None = None) -> tuple[date, date]:
    """The range asked for; without ``since``, the last DEFAULT_DAYS days up to ``until`` (today by
    default) but none before the campaign's first day, so a new campaign's chart is not mostly empty.
    Raises ``RangeError`` for a date that is not one, a range running backwards or too long."""
    first, last = day_range(since, until, today)
    if since in (None, ""):
        start = timezone.localdate(campaign.start_at)
        first = min(max(first, start), last)
    return first, last


def _totals(days: list[dict]) -> dict:
    impressions = sum(d["impressions"] for d in days)
    clicks = sum(d["clicks"] for d in days)
    return {"impressions": impressions, "clicks": clicks,
            "spend": exact(sum((d["spend"] for d in days), ZERO)), "ctr": ctr(clicks, impressions)}


def campaign_report(campaign: Campaign, since: date | None = None, until: date | None = None) -> dict:
    """``{"since", "until", "days": [{date, impressions, clicks, spend}], "totals": {impressions,
    clicks, spend, ctr}}`` for every local day from ``since`` to ``until`` (both included), zeros too.
    Without dates, ``campaign_range``'s default; raises ``RangeError`` for a bad range."""
    if since is None or until is None:
        since, until = campaign_range(campaign, since, until)
    day_range(since, until)  # raises RangeError for a backwards or too long range
    rows = {day: (impressions, clicks, spend) for day, impressions, clicks, spend in
            CampaignDay.objects.filter(campaign=campaign, day__range=(since, until))
            .values_list("day", "impressions", "clicks", "spend")}
    days = []
    for day in days_between(since, until):
        impressions, clicks, spend = rows.get(day, (0, 0, ZERO))
        days.append({"date": day, "impressions": impressions, "clicks": clicks, "spend": exact(spend)})
    return {"since": since, "until": until, "days": days, "totals": _totals(days)}


def advertiser_summary(advertiser: Advertiser, since: date, until: date) -> dict:
    """Each of the advertiser's campaigns (newest first) with its impressions, clicks, ctr and spend
    in the range, zeros for those that delivered nothing, and the sums: one grouped query."""
    day_range(since, until)  # raises RangeError for a backwards or too long range
    found = {row["campaign_id"]: row for row in
             CampaignDay.objects.filter(campaign__advertiser=advertiser, day__range=(since, until))
             .values("campaign_id").annotate(impressions=Sum("impressions"), clicks=Sum("clicks"),
                                             spend=Sum("spend"))}
    campaigns = []
    for campaign in advertiser.campaigns.order_by("-created_at", "-id"):
        row = found.get(campaign.pk, {})
        impressions, clicks = row.get("impressions") or 0, row.get("clicks") or 0
        campaigns.append({"id": campaign.pk, "name": campaign.name, "status": campaign.status,
                          "status_label": campaign.get_status_display(), "impressions": impressions,
                          "clicks": clicks, "ctr": ctr(clicks, impressions), "spend": exact(row.get("spend"))})
    return {"since": since, "until": until, "campaigns": campaigns, "totals": _totals(campaigns)}


def budget_left(campaign: Campaign, today: date | None = None) -> dict:
    """What the budgets still allow, from counted spend: ``total`` always, ``daily`` (today's) or None."""
    today = today or timezone.localdate()
    total = max(campaign.budget_total - campaign.spent, ZERO)
    daily = None
    if campaign.budget_daily is not None:
        spent_today = (CampaignDay.objects.filter(campaign=campaign, day=today)
                       .values_list("spend", flat=True).first()) or ZERO
        daily = max(campaign.budget_daily - spent_today, ZERO)
    return {"total": exact(total), "daily": None if daily is None else exact(daily),
            "spent": exact(campaign.spent)}


def delivery_status(campaign: Campaign, now: datetime | None = None) -> dict:
    """``{"state", "words"}``: whether the campaign is being shown and, if not, why (``campaigns.delivery``)."""
    state = delivery(campaign, now)
    return {"state": state, "words": delivery_words(campaign, state, now)}
