"""Moderators' decision on a campaign in review: approve it, or reject it with a reason.

Approval checks the landing page again (it may have gone since the advertiser submitted) and is
refused while it fails, so no approved ad leads readers to a dead or refused page. The decision
itself is one conditional UPDATE on the campaign's status: two moderators deciding at once get
one decision and one ``Conflict``. The advertiser is mailed once the decision has committed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from localwire.ads.accounts import Conflict, Refused
from localwire.ads.landing import check_landing
from localwire.ads.models import Campaign
from localwire.ads.versions import campaigns_changed

log = logging.getLogger(__name__)

APPROVE, REJECT = "approve", "reject"
MAX_REASON = 500
QUEUE_SIZE = 100
SEEN_PRECISION = timedelta(milliseconds=1)


def queue(status: str = Campaign.Status.IN_REVIEW):
    """Campaigns of one status, with their advertisers: those waiting oldest first, others newest."""
    rows = Campaign.objects.filter(status=status).select_related("advertiser", "advertiser__owner", "reviewed_by")
    if status == Campaign.Status.IN_REVIEW:
        rows = rows.order_by("submitted_at", "id")
    return rows[:QUEUE_SIZE]


def decide(campaign: Campaign, moderator, decision: str, reason: str = "", seen=None) -> Campaign:
    """Approve or reject a campaign in review; ``Refused`` for a bad request or a failing landing
    page, ``Conflict`` when it is no longer in review. ``seen`` is the ``updated_at`` of the version
    the moderator read: when given, a campaign edited since is not decided (``Conflict``), so no
    one approves words they never saw."""
    reason = " ".join((reason or "").split())
    if decision not in (APPROVE, REJECT):
        raise Refused("The decision is “approve” or “reject”.", "decision")
    if decision == REJECT and not reason:
        raise Refused("Say why the campaign is rejected: the advertiser reads it.", "reason")
    if len(reason) > MAX_REASON:
        raise Refused(f"A reason can be at most {MAX_REASON} characters long.", "reason")
    if campaign.status != Campaign.Status.IN_REVIEW:
        raise Conflict(f"This campaign is no longer in review (it is {campaign.get_status_display().lower()}).")
    if decision == APPROVE:
        found = check_landing(campaign.landing_url)
        Campaign.objects.filter(pk=campaign.pk).update(landing_check=found)
        campaign.landing_check = found
        if not found["ok"]:
            raise Refused(f"The landing page {campaign.landing_url} {found['detail']}; it must answer before "
                          "the campaign is approved.", "landing_url")
    status = Campaign.Status.APPROVED if decision == APPROVE else Campaign.Status.REJECTED
    with transaction.atomic():
        _settle(campaign, status, moderator, reason, seen)
        transaction.on_commit(lambda: _mail(campaign, decision, reason))
    campaigns_changed()
    return campaign


def _settle(campaign: Campaign, status: str, moderator, reason: str, seen=None) -> None:
    now = timezone.now()
    rows = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.IN_REVIEW)
    if seen is not None:
        # JSON carries times to the millisecond: the version read is the one updated within it.
        same = {"updated_at__gte": seen, "updated_at__lt": seen + SEEN_PRECISION}
        if rows.exists() and not rows.filter(**same).exists():
            raise Conflict("The advertiser changed this campaign since you opened it; read it again before "
                           "deciding.")
        rows = rows.filter(**same)
    done = rows.update(
        status=status, reviewed_by=moderator, reviewed_at=now, review_reason=reason, updated_at=now)
    if not done:
        raise Conflict("This campaign was decided by someone else a moment ago.")
    campaign.status, campaign.reviewed_by, campaign.reviewed_at = status, moderator, now
    campaign.review_reason, campaign.updated_at = reason, now


def _mail(campaign: Campaign, decision: str, reason: str) -> None:
    owner = campaign.advertiser.owner
    if owner is None or not owner.email:
        return
    if decision == APPROVE:
        subject = f"Your campaign “{campaign.name}” is approved"
        lines = [f"Your campaign “{campaign.name}” is approved. It shows within its schedule and budget "
                 "while your account has money available."]
    else:
        subject = f"Your campaign “{campaign.name}” was not approved"
        lines = [f"A moderator did not approve your campaign “{campaign.name}”.", "", "Reason given: " + reason,
                 "", "Edit the campaign to put this right; an edited campaign is reviewed again."]
    if decision == APPROVE and reason:
        lines += ["", "Note from the moderator: " + reason]
    lines += ["", f"Your campaign: /advertise/campaigns/{campaign.pk}"]
    body = "\n".join(["Hello,", "", *lines])
    try:
        send_mail(f"[Localwire] {subject}", body, settings.DEFAULT_FROM_EMAIL, [owner.email])
    except OSError:  # a mail server down must not undo a decision already made
        log.warning("could not mail %s about campaign %s", owner.email, campaign.pk, exc_info=True)
