"""A signed-in reader's hidden ads and advertisers: add, list, show again.

Hides are the reader's own choice, kept as ``AdHide`` rows for their account only; they are read
once per request when choosing ads (``decide.hides_of``) and never shared with advertisers.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from localwire.ads.models import AdHide, Advertiser, Campaign


class NothingToHide(LookupError):
    """The campaign or advertiser does not exist."""


def hide(user, campaign_id: int | None = None, advertiser_id: int | None = None) -> tuple[AdHide, bool]:
    """Hide one campaign, or every campaign of one advertiser; returns the hide and whether it is new."""
    if (campaign_id is None) == (advertiser_id is None):
        raise ValueError("hide either a campaign or an advertiser")
    if campaign_id is not None and not Campaign.objects.filter(pk=campaign_id).exists():
        raise NothingToHide("No such ad.")
    if advertiser_id is not None and not Advertiser.objects.filter(pk=advertiser_id).exists():
        raise NothingToHide("No such advertiser.")
    what = {"campaign_id": campaign_id} if campaign_id is not None else {"advertiser_id": advertiser_id}
    try:
        with transaction.atomic():
            return AdHide.objects.get_or_create(user=user, **what)
    except IntegrityError:  # the same hide made at the same moment in another request
        return AdHide.objects.get(user=user, **what), False


def hides_of(user) -> list[AdHide]:
    return list(AdHide.objects.filter(user=user).select_related("campaign__advertiser", "advertiser")
                .order_by("-created_at", "-id"))


def show_again(user, hide_id: int) -> bool:
    """Forget one of the reader's hides; False when they have none by that id."""
    return AdHide.objects.filter(user=user, pk=hide_id).delete()[0] > 0


def described(row: AdHide) -> str:
    """'The ad "Fresh bread" from Corner Bakery', 'Every ad from Corner Bakery'."""
    if row.campaign_id:
        return f"The ad \u201c{row.campaign.headline}\u201d from {row.campaign.advertiser.name}"
    return f"Every ad from {row.advertiser.name}"
