"""Money set aside before an ad is shown, so no budget or balance is ever overspent.

A web process that wants to show a campaign's ad first takes a *lease*: a small sum (enough for
``LEASE_IMPRESSIONS`` impressions at the bid) moved, in one transaction of three conditional
updates, into the campaign's ``committed`` money, the day's ``committed`` money and the
advertiser's ``held`` money. Each update only happens while its limit still holds (total budget,
the daily budget paced over the day, the free balance), and the database's check constraints
back them, so any number of processes on any number of machines can lease at once and the sum
of their leases stays within every limit. Each impression then spends from the process's own
lease with no database write (and is counted in the cache, ``counting.py``).

What a lease did not spend is given back once it has gone unused for ``LEASE_SECONDS`` (a lease
in use lives on, so a busy process writes once per lease, not once a minute), when the day ends,
or when the process exits. A process killed with a lease loses nothing: ``settle.reconcile``, run
by each flush, gives back whatever a past day leased and never counted.

Pacing: a day's budget is spread evenly over the part of the day the campaign runs. By any
moment, leases may have taken that share of the daily budget and ``PACE_AHEAD`` of the day more.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Round
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from localwire.ads import counting
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.ads.money import MICRO, MICROS, added, from_micros

log = logging.getLogger(__name__)

LEASE_IMPRESSIONS = 200
LEASE_SECONDS = 60.0
PACE_AHEAD = Decimal(1) / 24  # an hour of the day's budget may be spent ahead of an even pace
RETRY_SECONDS = 15.0  # after a refused lease, this process does not ask again for a while


@dataclass
class Lease:
    campaign_id: int
    advertiser_id: int
    day: date
    left_micros: int
    expires: float  # time.monotonic(); moved on by every impression it pays for


_lock = threading.Lock()
_leases: dict[int, Lease] = {}
_refused_until: dict[int, float] = {}


class _Lost(Exception):
    """A limit was reached between reading it and taking the lease."""


def charge_impression(campaign_id: int, advertiser_id: int, bid_micros: int, price_micros: int,
                      now: datetime) -> bool:
    """Spend one impression at ``price_micros`` from this process's lease (taking a new one when
    needed) and count it; False when the campaign cannot pay for it now. A cache error is raised
    after the lease paid: that impression is then never charged, and never shown twice the cost."""
    day = timezone.localdate(now)
    with _lock:
        if not _spend(campaign_id, day, price_micros):
            if time.monotonic() < _refused_until.get(campaign_id, 0.0):
                return False
            if not _renew(campaign_id, advertiser_id, bid_micros, day, now) or not _spend(
                    campaign_id, day, price_micros):
                _refused_until[campaign_id] = time.monotonic() + RETRY_SECONDS
                return False
    counting.count_impression(campaign_id, day, price_micros)
    return True


def _spend(campaign_id: int, day: date, price_micros: int) -> bool:
    lease = _leases.get(campaign_id)
    if lease is None or lease.day != day or lease.expires < time.monotonic() or lease.left_micros < price_micros:
        return False
    lease.left_micros -= price_micros
    lease.expires = time.monotonic() + LEASE_SECONDS
    return True


def _renew(campaign_id: int, advertiser_id: int, bid_micros: int, day: date, now: datetime) -> bool:
    old = _leases.pop(campaign_id, None)
    if old is not None:
        give_back(old)
    micros = take(campaign_id, advertiser_id, bid_micros, day, now)
    if not micros:
        return False
    _leases[campaign_id] = Lease(campaign_id, advertiser_id, day, micros, time.monotonic() + LEASE_SECONDS)
    return True


def take(campaign_id: int, advertiser_id: int, bid_micros: int, day: date, now: datetime) -> int:
    """Set aside money for up to ``LEASE_IMPRESSIONS`` impressions at the bid, less when a limit is
    near; returns the micro-units leased, 0 when not even one impression fits."""
    want = from_micros(bid_micros * LEASE_IMPRESSIONS // 1000)
    one = from_micros(-(-bid_micros // 1000))
    try:
        with transaction.atomic():
            campaign, room = _room(campaign_id, advertiser_id, day, now)
            amount = min(want, room)
            if amount < one:
                return 0
            _commit(campaign, advertiser_id, day, amount, now)
            return int(amount * MICROS)
    except _Lost:
        return 0
    except IntegrityError:  # a check constraint caught what the conditional updates should have
        log.warning("a lease for campaign %s was refused by the database", campaign_id, exc_info=True)
        return 0


def _room(campaign_id: int, advertiser_id: int, day: date, now: datetime) -> tuple[Campaign, Decimal]:
    campaign = Campaign.objects.only("budget_total", "budget_daily", "committed", "start_at", "end_at").get(
        pk=campaign_id)
    advertiser = Advertiser.objects.only("balance", "held").get(pk=advertiser_id)
    row, _ = CampaignDay.objects.get_or_create(campaign_id=campaign_id, day=day)
    room = min(campaign.budget_total - campaign.committed, advertiser.balance - advertiser.held)
    if campaign.budget_daily is not None:
        room = min(room, paced_cap(campaign, now) - (row.committed - row.released))
    return campaign, room


def _commit(campaign: Campaign, advertiser_id: int, day: date, amount: Decimal, now: datetime) -> None:
    """The three conditional updates; any that finds its limit reached undoes the transaction."""
    taken = Campaign.objects.filter(LessThanOrEqual(added("committed", amount), F("budget_total")),
                                    pk=campaign.pk).update(committed=added("committed", amount))
    held = Advertiser.objects.filter(LessThanOrEqual(added("held", amount), F("balance")),
                                     pk=advertiser_id).update(held=added("held", amount))
    daily = CampaignDay.objects.filter(campaign_id=campaign.pk, day=day)
    if campaign.budget_daily is not None:
        daily = daily.filter(LessThanOrEqual(Round(added("committed", amount) - F("released"), 6),
                                             paced_cap(campaign, now)))
    dated = daily.update(committed=added("committed", amount))
    if not (taken and held and dated):
        raise _Lost


def paced_cap(campaign: Campaign, now: datetime) -> Decimal:
    """How much of its daily budget the campaign may have leased by ``now``."""
    local = timezone.localtime(now)
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    begins = max(day_start, timezone.localtime(campaign.start_at))
    ends = min(day_start + timedelta(days=1), timezone.localtime(campaign.end_at))
    span = Decimal((ends - begins).total_seconds())
    share = Decimal(1) if span <= 0 else Decimal((local - begins).total_seconds()) / span + PACE_AHEAD
    share = min(max(share, PACE_AHEAD), Decimal(1))
    return (campaign.budget_daily * share).quantize(MICRO)


def give_back(lease: Lease) -> None:
    """Return what a lease did not spend; logged, never raised (reconciling returns it later)."""
    amount = from_micros(lease.left_micros)
    if amount <= 0:
        return
    try:
        with transaction.atomic():  # rows in the order ``_commit`` takes them, so the two never deadlock
            Campaign.objects.filter(pk=lease.campaign_id).update(committed=added("committed", -amount))
            Advertiser.objects.filter(pk=lease.advertiser_id).update(held=added("held", -amount))
            CampaignDay.objects.filter(campaign_id=lease.campaign_id, day=lease.day).update(
                released=added("released", amount))
    except Exception:
        log.warning("could not give back %s of campaign %s's lease", amount, lease.campaign_id, exc_info=True)


def give_back_expired(everything: bool = False) -> int:
    """Return the unspent part of this process's expired leases (all of them at exit)."""
    now = time.monotonic()
    with _lock:
        done = [c for c, lease in _leases.items() if everything or lease.expires < now]
        leases = [_leases.pop(c) for c in done]
    for lease in leases:
        give_back(lease)
    return len(leases)


def forget_refusals() -> None:
    """Let this process ask again at once (after a credit, a budget raise, or in tests)."""
    with _lock:
        _refused_until.clear()


atexit.register(lambda: give_back_expired(everything=True))
