"""An advertiser whose owner deletes their account: the ads stop, the money's history stays.

The account row, its ledger and its campaigns' days are the site's books (revenue, what was
charged, what is still credited), so they outlive the person: the account loses its owner and
every campaign not yet archived is archived, so nothing of theirs is shown again. What was left
on the balance is the operator's to settle with them (``localwire ads ledger`` shows it).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from localwire.ads.models import Advertiser, Campaign
from localwire.ads.versions import campaigns_changed


def advertiser_leaving(user) -> dict[str, int]:
    """Runs inside the deletion's transaction (``community.leaving``), before the user row goes."""
    advertiser = Advertiser.objects.filter(owner=user).first()
    if advertiser is None:
        return {}
    archived = (Campaign.objects.filter(advertiser=advertiser).exclude(status=Campaign.Status.ARCHIVED)
                .update(status=Campaign.Status.ARCHIVED, updated_at=timezone.now()))
    transaction.on_commit(campaigns_changed)
    return {"ads.Campaign (archived)": archived}
