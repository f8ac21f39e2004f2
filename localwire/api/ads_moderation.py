"""``/api/v1/moderation/campaigns…``: moderators reviewing advertisers' campaigns (``ads.review``)."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from localwire.ads import review
from localwire.ads.accounts import Refused
from localwire.ads.models import Campaign
from localwire.api.ads_advertisers import CampaignOut, RefusalOut, campaign_out, refusal
from localwire.api.auth import READER, require_moderator
from localwire.api.schemas import ErrorOut

router = Router(auth=READER, tags=["advertising"])


class DecisionIn(Schema):
    decision: str = ""  # "approve" or "reject"
    reason: str = ""  # needed to reject; the advertiser reads it
    seen: datetime | None = None  # optional: the campaign's updated_at as read; 409 if it changed since


class QueuedCampaignOut(CampaignOut):
    advertiser: dict  # {id, name, website, status}


class QueueOut(Schema):
    campaigns: list[QueuedCampaignOut]


def queued_out(row: Campaign) -> QueuedCampaignOut:
    found = campaign_out(row).dict()
    found["advertiser"] = {"id": row.advertiser_id, "name": row.advertiser.name, "website": row.advertiser.website,
                           "status": row.advertiser.status}
    return QueuedCampaignOut(**found)


@router.get("/moderation/campaigns", response={200: QueueOut, 400: ErrorOut, 403: ErrorOut})
def campaign_queue(request, status: str = Campaign.Status.IN_REVIEW):
    """Moderators: campaigns by status (in review: oldest first), each with its advertiser."""
    require_moderator(request)
    if status not in Campaign.Status.values:
        raise HttpError(400, f"status is one of {', '.join(Campaign.Status.values)}.")
    return QueueOut(campaigns=[queued_out(row) for row in review.queue(status)])


@router.post("/moderation/campaigns/{campaign_id}/decision",
             response={200: CampaignOut, 400: RefusalOut, 403: ErrorOut, 404: ErrorOut, 409: RefusalOut})
def decide_campaign(request, campaign_id: int, body: DecisionIn):
    """Moderators: approve (the landing page is checked again and must answer) or reject with a
    reason. The advertiser is mailed either way; a campaign no longer in review is 409."""
    moderator = require_moderator(request)
    row = get_object_or_404(Campaign.objects.select_related("advertiser__owner"), pk=campaign_id)
    try:
        review.decide(row, moderator, body.decision, body.reason, body.seen)
    except Refused as exc:
        return refusal(exc)
    return campaign_out(row)
