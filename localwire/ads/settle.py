"""Past days' money made final: counted spend charged to the ledger, unspent leases given back.

``settle`` charges each past day's counted spend not yet in the ledger (``ledger.charge`` takes it
from the balance and the held money together). ``reconcile`` returns what a day two or more days
back leased and never counted — leases of processes killed before they gave them back, and
impressions whose counters were lost with the cache; those counters expire after
``caching.journal.KEEP_SECONDS``, so by then nothing more can arrive for that day.

The books then satisfy, at every moment and not only when quiet (``check_books``):
``Advertiser.held == Σ (committed − released − charged)`` over the advertiser's days, and
``Campaign.committed == Σ (committed − released)`` over the campaign's days.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import ZERO, Advertiser, Campaign, CampaignDay, LedgerEntry
from localwire.ads.money import added, exact
from localwire.caching.journal import KEEP_SECONDS

log = logging.getLogger(__name__)

SETTLED_AFTER_DAYS = KEEP_SECONDS // 86400  # a day's counters are gone this many days after it


def settle(now: datetime) -> int:
    """Charge every day before today whose counted spend exceeds what was charged; returns the rows
    charged. One day's failure is logged and left for the next flush."""
    today = timezone.localdate(now)
    due = CampaignDay.objects.filter(day__lt=today, spend__gt=F("charged")).values_list("pk", flat=True)
    done = 0
    for pk in list(due):
        try:
            done += settle_day(pk)
        except ledger.LedgerRefused:
            log.error("could not settle campaign day %s: the balance does not cover it", pk, exc_info=True)
    return done


def settle_day(pk: int) -> int:
    """One day's charge and its ``charged = spend`` in one transaction; the row is read under lock
    so two settlers never charge the same spend."""
    with transaction.atomic():
        row = CampaignDay.objects.select_for_update().select_related("campaign").get(pk=pk)
        amount = row.spend - row.charged
        if amount <= 0:
            return 0
        ledger.charge(row.campaign.advertiser_id, amount, row.campaign_id, row.day)
        CampaignDay.objects.filter(pk=pk).update(charged=F("spend"))  # the stored value: never above it
        return 1


def reconcile(now: datetime) -> Decimal:
    """Give back what days at least ``SETTLED_AFTER_DAYS`` old leased and never counted; returns the sum."""
    last = timezone.localdate(now) - timedelta(days=SETTLED_AFTER_DAYS)
    due = CampaignDay.objects.filter(day__lte=last, committed__gt=F("released") + F("spend")).values_list(
        "pk", flat=True)
    total = ZERO
    for pk in list(due):
        total += reconcile_day(pk)
    return total


def reconcile_day(pk: int) -> Decimal:
    """The past day's row is locked first (no lease touches a past day), then campaign and
    advertiser in the order a lease takes them (``budget.take``)."""
    with transaction.atomic():
        row = CampaignDay.objects.select_for_update().select_related("campaign").get(pk=pk)
        unspent = row.committed - row.released - row.spend
        if unspent <= 0:
            return ZERO
        Campaign.objects.filter(pk=row.campaign_id).update(committed=added("committed", -unspent))
        Advertiser.objects.filter(pk=row.campaign.advertiser_id).update(held=added("held", -unspent))
        CampaignDay.objects.filter(pk=pk).update(released=added("released", unspent))
    log.info("gave back %s that campaign %s leased on %s and never counted", unspent, row.campaign_id, row.day)
    return unspent


def check_books(advertiser_id: int, today: date | None = None) -> list[str]:
    """Every way the advertiser's money disagrees with itself, one sentence each; empty when the
    books are right. ``today`` also checks that every day before it is fully charged."""
    advertiser = Advertiser.objects.get(pk=advertiser_id)
    found = []
    days = CampaignDay.objects.filter(campaign__advertiser_id=advertiser_id)
    sums = _sums(days, "committed", "released", "charged")
    owed = sums["committed"] - sums["released"] - sums["charged"]
    if advertiser.held != owed:
        found.append(f"held {advertiser.held} but its days leave {owed} leased or counted and not charged")
    entries = LedgerEntry.objects.filter(advertiser_id=advertiser_id)
    total = _sums(entries, "amount")["amount"]
    if advertiser.balance != total:
        found.append(f"balance {advertiser.balance} but its ledger adds up to {total}")
    last = entries.order_by("-created_at", "-id").values_list("balance_after", flat=True).first()
    if last is not None and last != advertiser.balance:
        found.append(f"balance {advertiser.balance} but the last ledger entry leaves {last}")
    if not ZERO <= advertiser.held <= advertiser.balance:
        found.append(f"held {advertiser.held} is not between zero and the balance {advertiser.balance}")
    for campaign in Campaign.objects.filter(advertiser_id=advertiser_id):
        found.extend(_campaign_problems(campaign, today))
    return [f"{advertiser.name} (#{advertiser.pk}): {problem}" for problem in found]


def _campaign_problems(campaign: Campaign, today: date | None) -> list[str]:
    days = CampaignDay.objects.filter(campaign=campaign)
    sums = _sums(days, "committed", "released", "spend")
    leased = sums["committed"] - sums["released"]
    found = []
    if campaign.committed != leased:
        found.append(f"campaign #{campaign.pk} has {campaign.committed} committed but its days {leased}")
    if campaign.spent != sums["spend"]:
        found.append(f"campaign #{campaign.pk} has {campaign.spent} spent but its days {sums['spend']}")
    if campaign.committed > campaign.budget_total:
        found.append(f"campaign #{campaign.pk} committed {campaign.committed} beyond its budget {campaign.budget_total}")
    for row in days:
        if row.spend > row.committed - row.released:
            found.append(f"campaign #{campaign.pk} spent {row.spend} on {row.day}, more than it leased")
        if today is not None and row.day < today and row.charged != row.spend:
            found.append(f"campaign #{campaign.pk} has {row.spend - row.charged} of {row.day} not charged")
    return found


def _sums(rows, *fields: str) -> dict[str, Decimal]:
    """Column sums to the micro-unit (SQLite adds decimals as floating point), zero for no rows."""
    sums = rows.aggregate(**{f: Sum(f) for f in fields})
    return {f: exact(sums[f]) for f in fields}


def check_all(today: date | None = None) -> list[str]:
    """``check_books`` for every advertiser."""
    found = []
    for advertiser_id in Advertiser.objects.order_by("pk").values_list("pk", flat=True):
        found.extend(check_books(advertiser_id, today))
    return found
