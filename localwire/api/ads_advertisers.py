"""``/api/v1/me/advertiser…`` and ``/api/v1/me/campaigns…``: an advertiser's account and campaigns.

Every rule lives in ``ads.accounts`` and ``ads.campaigns``; these read the request and shape the
answer. Money is a string both ways ("12.50"); a whole JSON number (12) is taken too, a JSON
number with a fraction (12.5) is refused, as a float is not an exact amount. A broken rule is 400
with ``detail`` (and ``field``, and ``choices`` when a place name stands for several towns).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from localwire.ads import accounts, campaigns
from localwire.ads.accounts import Conflict, Refused
from localwire.ads.models import Advertiser, Campaign
from localwire.ads.money import plain
from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut

router = Router(auth=READER, tags=["advertising"])
Money = str | int | float | None  # floats are read only to be refused with a clear message


class RefusalOut(Schema):
    detail: str
    field: str = ""  # the field at fault, dotted: "creative.headline"
    choices: list[str] = []  # towns offered when a place name stands for several


class AdvertiserIn(Schema):
    name: str = ""
    website: str = ""


class AdvertiserOut(Schema):
    id: int
    name: str
    website: str
    status: str  # active or suspended
    balance: str
    available: str  # balance less what is leased or counted but not yet charged
    currency: str


class LedgerEntryOut(Schema):
    id: int
    kind: str  # credit, spend or adjustment
    amount: str
    balance_after: str
    campaign: int | None
    day: str | None
    note: str
    created_at: datetime


class LedgerOut(Schema):
    entries: list[LedgerEntryOut]


class CreativeIn(Schema):
    headline: str | None = None
    body: str | None = None
    brand: str | None = None
    cta: str | None = None
    landing_url: str | None = None
    image_url: str | None = None


class TargetingIn(Schema):
    places: list[str] | None = None  # gazetteer labels: "Little Rock, Arkansas, US"
    radius_km: float | int | str | None = None
    channels: list[str] | None = None  # "topic/sports", "city/little-rock-ar-us"


class ScheduleIn(Schema):
    start: str | None = None  # ISO date (local midnight) or date and time
    end: str | None = None  # ISO date (the end of that day) or date and time


class BudgetIn(Schema):
    total: Money = None
    daily: Money = None


class CampaignIn(Schema):
    name: str | None = None
    creative: CreativeIn | None = None
    targeting: TargetingIn | None = None
    schedule: ScheduleIn | None = None
    budget: BudgetIn | None = None
    bid_cpm: Money = None
    frequency_cap: int | str | None = None


class CampaignOut(Schema):
    id: int
    name: str
    status: str  # in_review, approved, rejected, paused, archived
    delivery: str  # whether it shows now and, when not, why (see docs/ads.md)
    delivery_words: str
    creative: dict  # {headline, body, brand, cta, landing_url, image_url}
    targeting: dict  # {places: [{label, geonameid}], radius_km, channels}
    schedule: dict  # {start, end}
    budget: dict  # {total, daily, spent, committed}
    bid_cpm: str
    frequency_cap: int
    landing_check: dict  # {ok, detail, checked_at}
    review: dict  # {reason, reviewed_at}
    created_at: datetime
    updated_at: datetime


def advertiser_out(row: Advertiser) -> AdvertiserOut:
    return AdvertiserOut(id=row.pk, name=row.name, website=row.website, status=row.status,
                         balance=plain(row.balance), available=plain(accounts.available(row)),
                         currency=settings.LOCALWIRE_ADS_CURRENCY)


def campaign_out(row: Campaign) -> CampaignOut:
    """The one JSON shape of a campaign, for its advertiser and for moderators."""
    state = campaigns.delivery(row)
    return CampaignOut(
        id=row.pk, name=row.name, status=row.status, delivery=state, delivery_words=campaigns.delivery_words(row, state),
        creative={name: getattr(row, name) for name in campaigns.CREATIVE},
        targeting={"places": [{"label": p.get("label", ""), "geonameid": p.get("geonameid")} for p in row.places],
                   "radius_km": row.radius_km, "channels": list(row.channels)},
        schedule={"start": row.start_at.isoformat(), "end": row.end_at.isoformat()},
        budget={"total": plain(row.budget_total),
                "daily": None if row.budget_daily is None else plain(row.budget_daily),
                "spent": plain(row.spent), "committed": plain(row.committed)},
        bid_cpm=plain(row.bid_cpm), frequency_cap=row.frequency_cap,
        landing_check=row.landing_check or {"ok": None, "detail": "not checked yet", "checked_at": None},
        review={"reason": row.review_reason or None,
                "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None},
        created_at=row.created_at, updated_at=row.updated_at)


def refusal(exc: Refused):
    """A broken rule as its answer: 409 for a clash with what is stored, 400 for the rest."""
    return Status(409 if isinstance(exc, Conflict) else 400,
                  RefusalOut(detail=str(exc), field=exc.field, choices=list(exc.choices)))


def _account(request) -> Advertiser:
    row = accounts.account_of(request.auth)
    if row is None:
        raise HttpError(404, "You have no advertiser account yet: open one with POST /api/v1/me/advertiser.")
    return row


def _campaign(request, campaign_id: int) -> Campaign:
    """The caller's own campaign; someone else's is 404, exactly as one that does not exist."""
    row = Campaign.objects.select_related("advertiser").filter(
        pk=campaign_id, advertiser__owner=request.auth).first()
    if row is None:
        raise HttpError(404, "No campaign of yours has that id.")
    return row


ERRORS = {400: RefusalOut, 404: ErrorOut, 409: RefusalOut}


@router.post("/me/advertiser", response={201: AdvertiserOut, **ERRORS})
def open_account(request, body: AdvertiserIn):
    """Open my advertiser account (one per person; a second is 409). Money is added by an operator."""
    try:
        row = accounts.open_account(request.auth, body.name, body.website)
    except Refused as exc:
        return refusal(exc)
    return Status(201, advertiser_out(row))


@router.get("/me/advertiser", response={200: AdvertiserOut, 404: ErrorOut})
def my_account(request):
    """My advertiser account with its balance and what is available to spend; 404 if I have none."""
    return advertiser_out(_account(request))


@router.get("/me/advertiser/ledger", response={200: LedgerOut, 404: ErrorOut})
def my_ledger(request):
    """Every change to my balance, newest first (the last 200)."""
    entries = [LedgerEntryOut(id=e.pk, kind=e.kind, amount=plain(e.amount), balance_after=plain(e.balance_after),
                              campaign=e.campaign_id, day=e.day.isoformat() if e.day else None, note=e.note,
                              created_at=e.created_at) for e in accounts.ledger(_account(request))]
    return LedgerOut(entries=entries)


@router.post("/me/campaigns", response={201: CampaignOut, **ERRORS})
def create_campaign(request, body: CampaignIn):
    """Submit a campaign; it waits in review (its landing page is checked at once, up to 6 s)."""
    try:
        row = campaigns.create(_account(request), body.dict(exclude_unset=True))
    except Refused as exc:
        return refusal(exc)
    return Status(201, campaign_out(row))


@router.get("/me/campaigns", response={200: list[CampaignOut], 404: ErrorOut})
def my_campaigns(request):
    """My campaigns, newest first."""
    rows = Campaign.objects.filter(advertiser=_account(request)).select_related("advertiser")
    return [campaign_out(row) for row in rows[:200]]


@router.get("/me/campaigns/{campaign_id}", response={200: CampaignOut, 404: ErrorOut})
def my_campaign(request, campaign_id: int):
    return campaign_out(_campaign(request, campaign_id))


@router.patch("/me/campaigns/{campaign_id}", response={200: CampaignOut, **ERRORS})
def change_campaign(request, campaign_id: int, body: CampaignIn):
    """Change some fields. Name, schedule, budget, bid and cap change in place; a change to the
    creative or targeting sends the campaign back to review."""
    row = _campaign(request, campaign_id)
    try:
        campaigns.update(row, body.dict(exclude_unset=True))
    except Refused as exc:
        return refusal(exc)
    return campaign_out(row)


def _move(request, campaign_id: int, move):
    row = _campaign(request, campaign_id)
    try:
        move(row)
    except Refused as exc:
        return refusal(exc)
    return campaign_out(row)


@router.post("/me/campaigns/{campaign_id}/pause", response={200: CampaignOut, **ERRORS})
def pause_campaign(request, campaign_id: int):
    """Stop showing an approved campaign; 409 for one that is not approved."""
    return _move(request, campaign_id, campaigns.pause)


@router.post("/me/campaigns/{campaign_id}/resume", response={200: CampaignOut, **ERRORS})
def resume_campaign(request, campaign_id: int):
    """Show a paused campaign again; 409 for one that is not paused."""
    return _move(request, campaign_id, campaigns.resume)


@router.post("/me/campaigns/{campaign_id}/archive", response={200: CampaignOut, **ERRORS})
def archive_campaign(request, campaign_id: int):
    """Put a campaign away for good: never shown again, its reports kept."""
    return _move(request, campaign_id, campaigns.archive)
