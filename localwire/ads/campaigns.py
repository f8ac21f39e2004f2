"""Campaigns as their advertiser makes and changes them: create, edit, pause, resume, archive.

Every ad a reader sees was reviewed as it is: a change to what the ad says or where it shows
(its creative or targeting) sends an approved, paused or rejected campaign back to review, with
the earlier decision cleared. Its name, schedule, budget, bid and cap change in place. Writes
touch only the columns they change, under a lock of the campaign's row, because budget leases
(``budget.py``) move ``committed`` and ``spent`` at the same time from other processes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from localwire.ads import campaign_fields as fields
from localwire.ads.accounts import Conflict, Refused, available
from localwire.ads.creative import ServedAd
from localwire.ads.landing import check_landing
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.ads.money import from_micros, impression_micros
from localwire.ads.targeting import clean_targeting, place_labels
from localwire.ads.versions import campaigns_changed
from localwire.articles.imageproxy import image_url

MAX_IN_REVIEW = 20
PREVIEW_WIDTH = 640
CREATIVE = ("headline", "body", "brand", "cta", "landing_url", "image_url")
TARGETING = ("places", "radius_km", "channels")
REVIEWED = CREATIVE + TARGETING
Status = Campaign.Status
DELIVERY_WORDS = {
    "in_review": "Waiting for a moderator to review it.",
    "rejected": "Rejected by a moderator; edit it to send it for review again.",
    "scheduled": "Approved; it starts showing at its start time.",
    "delivering": "Showing to readers now.",
    "paused": "Paused by you; resume it to show it again.",
    "ended": "Its end time has passed.",
    "budget_spent": "Its total budget is used up; raise the total to show it again.",
    "no_funds": "Your account's available money cannot pay for one more impression; an operator adds credit.",
    "daily_spent": "Today's budget is spent; it shows again tomorrow.",
    "suspended": "Your account is suspended, so none of its campaigns show.",
    "archived": "Archived: kept for its reports, never shown again.",
}


def cleaned(data: dict, now: datetime | None = None) -> dict:
    """Every field of a new campaign as stored, or ``Refused`` naming the first broken rule."""
    if not isinstance(data, dict):
        raise Refused("Send the campaign as an object.")
    found = {"name": fields.clean_name(data.get("name"))}
    found.update(fields.clean_creative(data.get("creative")))
    found.update(clean_targeting(data.get("targeting")))
    found.update(fields.clean_schedule(data.get("schedule"), now))
    found.update(fields.clean_budget(data.get("budget")))
    found["bid_cpm"] = fields.clean_bid(data.get("bid_cpm"))
    found["frequency_cap"] = fields.clean_cap(data.get("frequency_cap"))
    return found


def _room_for_review(advertiser_id: int, leaving: int = 0) -> None:
    waiting = Campaign.objects.filter(advertiser_id=advertiser_id, status=Status.IN_REVIEW).exclude(
        pk=leaving).count()
    if waiting >= MAX_IN_REVIEW:
        raise Conflict(f"You have {waiting} campaigns waiting for review; wait for some to be decided first.")


def create(advertiser: Advertiser, data: dict, now: datetime | None = None) -> Campaign:
    """A new campaign, in review, with its landing page checked (a failed check is kept, not refused)."""
    found = cleaned(data, now)
    found["landing_check"] = check_landing(found["landing_url"])  # outside any transaction: it waits on a site
    with transaction.atomic():
        Advertiser.objects.select_for_update().only("pk").get(pk=advertiser.pk)  # one create at a time
        _room_for_review(advertiser.pk)
        moment = timezone.now()
        return Campaign.objects.create(advertiser=advertiser, status=Status.IN_REVIEW, submitted_at=moment,
                                       created_at=moment, updated_at=moment, **found)


def as_input(campaign: Campaign) -> dict:
    """The campaign in the shape ``create`` takes, for merging a partial change into it."""
    return {"name": campaign.name,
            "creative": {name: getattr(campaign, name) for name in CREATIVE},
            "targeting": {"places": place_labels(campaign.places), "radius_km": campaign.radius_km,
                          "channels": list(campaign.channels)},
            "schedule": {"start": campaign.start_at.isoformat(), "end": campaign.end_at.isoformat()},
            "budget": {"total": str(campaign.budget_total.normalize()),
                       "daily": "" if campaign.budget_daily is None else str(campaign.budget_daily.normalize())},
            "bid_cpm": str(campaign.bid_cpm.normalize()), "frequency_cap": campaign.frequency_cap}


def _changes(campaign: Campaign, data: dict, now: datetime | None) -> dict:
    """The stored values ``data`` (a partial campaign) would change, checked; unchanged ones left out."""
    if not isinstance(data, dict):
        raise Refused("Send the changes as an object.")
    merged, found = as_input(campaign), {}
    for part in ("creative", "targeting", "schedule", "budget"):
        if part in data:
            if not isinstance(data[part], dict):
                raise Refused(f"{part} must be an object.", part)
            merged[part] = {**merged[part], **data[part]}
    if "name" in data:
        found["name"] = fields.clean_name(data["name"])
    if "creative" in data:
        found.update(fields.clean_creative(merged["creative"]))
    if "targeting" in data:
        found.update(clean_targeting(merged["targeting"], campaign.places))
    if "schedule" in data:
        found.update(fields.clean_schedule(merged["schedule"], now, campaign.end_at))
    if "budget" in data:
        found.update(fields.clean_budget(merged["budget"], max(campaign.committed, campaign.spent)))
    if "bid_cpm" in data:
        found["bid_cpm"] = fields.clean_bid(data["bid_cpm"])
    if "frequency_cap" in data:
        found["frequency_cap"] = fields.clean_cap(data["frequency_cap"])
    return {name: value for name, value in found.items() if getattr(campaign, name) != value}


def update(campaign: Campaign, data: dict, now: datetime | None = None) -> Campaign:
    """Apply a partial change (any of the fields ``create`` takes, nested ones merged field by field)."""
    if campaign.status == Status.ARCHIVED:
        raise Conflict("An archived campaign cannot be changed.")
    changes = _changes(campaign, data, now)
    if "landing_url" in changes:
        changes["landing_check"] = check_landing(changes["landing_url"])
    if not changes:
        return campaign
    with transaction.atomic():
        row = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if row.status == Status.ARCHIVED:
            raise Conflict("An archived campaign cannot be changed.")
        if "budget_total" in changes and changes["budget_total"] < max(row.committed, row.spent):
            raise Refused("The total cannot go below what this campaign has already committed or spent.",
                          "budget.total")
        if any(name in changes for name in REVIEWED) and row.status != Status.IN_REVIEW:
            _room_for_review(row.advertiser_id, leaving=row.pk)
            changes.update(status=Status.IN_REVIEW, reviewed_by=None, reviewed_at=None, review_reason="",
                           submitted_at=timezone.now())
        changes["updated_at"] = timezone.now()
        try:
            Campaign.objects.filter(pk=row.pk).update(**changes)
        except IntegrityError:  # a lease took more in the meantime than the lowered total allows
            raise Refused("The total cannot go below what this campaign has already committed.",
                          "budget.total") from None
    for name, value in changes.items():
        setattr(campaign, name, value)
    campaigns_changed()
    return campaign


def _move(campaign: Campaign, before: tuple[str, ...], after: str, refusal: str) -> Campaign:
    """One conditional update: two requests at once cannot both move the campaign."""
    now = timezone.now()
    if not Campaign.objects.filter(pk=campaign.pk, status__in=before).update(status=after, updated_at=now):
        campaign.refresh_from_db(fields=["status"])
        raise Conflict(refusal.format(status=campaign.get_status_display().lower()))
    campaign.status, campaign.updated_at = after, now
    campaigns_changed()
    return campaign


def pause(campaign: Campaign) -> Campaign:
    return _move(campaign, (Status.APPROVED,), Status.PAUSED,
                 "Only an approved campaign can be paused; this one is {status}.")


def resume(campaign: Campaign) -> Campaign:
    return _move(campaign, (Status.PAUSED,), Status.APPROVED,
                 "Only a paused campaign can be resumed; this one is {status}.")


def archive(campaign: Campaign) -> Campaign:
    """For good: an archived campaign keeps its reports and ledger entries and is never shown."""
    return _move(campaign, tuple(s for s in Status.values if s != Status.ARCHIVED), Status.ARCHIVED,
                 "This campaign is already {status}.")


def delivery(campaign: Campaign, now: datetime | None = None) -> str:
    """Whether it shows now and, when not, why: one of ``DELIVERY_WORDS``'s keys."""
    now = now or timezone.now()
    if campaign.status in (Status.ARCHIVED, Status.IN_REVIEW, Status.REJECTED):
        return str(campaign.status)
    if campaign.advertiser.status == Advertiser.Status.SUSPENDED:
        return "suspended"
    if campaign.status == Status.PAUSED:
        return "paused"
    if now > campaign.end_at:
        return "ended"
    if now < campaign.start_at:
        return "scheduled"
    one = from_micros(max(impression_micros(campaign.bid_cpm), 1))
    if campaign.budget_total - max(campaign.committed, campaign.spent) < one:
        return "budget_spent"
    if available(campaign.advertiser) < one:
        return "no_funds"
    if campaign.budget_daily is not None and campaign.budget_daily - _spent_on(campaign, now) < one:
        return "daily_spent"
    return "delivering"


def _spent_on(campaign: Campaign, now: datetime) -> Decimal:
    day = CampaignDay.objects.filter(campaign=campaign, day=timezone.localdate(now)).only("spend").first()
    return day.spend if day else Decimal(0)


def delivery_words(campaign: Campaign, state: str | None = None, now: datetime | None = None) -> str:
    """The state in a sentence for the advertiser, with its dates and a rejection's reason."""
    state = state or delivery(campaign, now)
    when = {"scheduled": campaign.start_at, "ended": campaign.end_at, "delivering": campaign.end_at}.get(state)
    if state == "rejected" and campaign.review_reason:
        return f"Rejected by a moderator: {campaign.review_reason} Edit it to send it for review again."
    if when is not None:
        day = f"{timezone.localtime(when):%-d %b %Y, %H:%M}"
        return {"scheduled": f"Approved; it starts showing on {day}.", "ended": f"It ended on {day}.",
                "delivering": f"Showing to readers now, until {day}."}[state]
    return DELIVERY_WORDS[state]


def remaining(campaign: Campaign) -> Decimal:
    return max(campaign.budget_total - max(campaign.committed, campaign.spent), Decimal(0))


def preview_ad(campaign: Campaign) -> ServedAd:
    """The ad as readers will see it; its link goes to the landing page itself (nothing is counted)."""
    return ServedAd(
        campaign_id=campaign.pk, advertiser_id=campaign.advertiser_id, advertiser=campaign.advertiser.name,
        headline=campaign.headline, body=campaign.body, brand=campaign.brand, cta=campaign.cta,
        image_url=image_url(campaign.image_url, PREVIEW_WIDTH) if campaign.image_url else "",
        click_url=campaign.landing_url, reason="Preview", why_url="#targeting")
