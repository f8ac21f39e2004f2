"""Counted impressions reach the database exactly once; past days are charged and reconciled."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from localwire.ads import budget, counting, flush, ledger, settle
from localwire.ads.flush import flush_ads
from localwire.ads.models import Advertiser, Campaign, CampaignDay, LedgerEntry
from localwire.testing.factories import CampaignFactory

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime(2026, 5, 14, 12, 0))
PRICE = 5000  # micro-units: one impression at a 5.00 CPM


@pytest.fixture(autouse=True)
def clean_slate():
    cache.clear()
    budget.give_back_expired(everything=True)
    budget.forget_refusals()
    yield
    budget.give_back_expired(everything=True)
    budget.forget_refusals()
    cache.clear()


def _campaign(credit="50.00", **kwargs):
    campaign = CampaignFactory(start_at=NOON - timedelta(days=5), end_at=NOON + timedelta(days=30), **kwargs)
    ledger.credit(campaign.advertiser_id, Decimal(credit))
    return campaign


def _serve(campaign, now, n):
    return sum(budget.charge_impression(campaign.pk, campaign.advertiser_id, PRICE * 1000, PRICE, now)
               for _ in range(n))


def _day(campaign, now):
    return CampaignDay.objects.get(campaign=campaign, day=timezone.localdate(now))


def test_counters_reach_the_day_and_the_campaign_once():
    campaign = _campaign()
    assert _serve(campaign, NOON, 7) == 7
    counting.count_click(campaign.pk, NOON.date())
    assert flush_ads(now=NOON) == 7
    assert flush_ads(now=NOON) == 0  # nothing left: a second flush adds nothing
    day = _day(campaign, NOON)
    assert (day.impressions, day.clicks, day.spend) == (7, 1, Decimal("0.035000"))
    assert Campaign.objects.get(pk=campaign.pk).spent == Decimal("0.035000")
    assert cache.get(counting.pending_key("impressions", NOON.date(), campaign.pk)) == 0


def test_yesterdays_late_counts_are_flushed_after_midnight():
    campaign = _campaign()
    late = NOON.replace(hour=23, minute=59)
    _serve(campaign, late, 3)
    assert flush_ads(now=late + timedelta(minutes=2)) == 3
    assert _day(campaign, late).impressions == 3


def test_overlapping_flushers_never_write_a_count_twice(monkeypatch):
    campaign = _campaign()
    _serve(campaign, NOON, 6)
    read = cache.get_many
    state = {"inner": False}

    def another_flusher_runs_in_between(keys, *args, **kwargs):
        values = read(keys, *args, **kwargs)
        if any(":impressions:" in k for k in keys) and not state["inner"]:
            state["inner"] = True
            cache.delete(flush.LOCK_KEY)  # as if the first flusher's lock had run out
            _serve(campaign, NOON, 1)
            assert flush_ads(now=NOON) == 7
        return values

    monkeypatch.setattr(cache, "get_many", another_flusher_runs_in_between)
    assert flush_ads(now=NOON) == 0  # it read 6, but the other flusher claimed them first
    monkeypatch.undo()
    day = _day(campaign, NOON)
    assert (day.impressions, day.spend) == (7, Decimal("0.035000"))
    assert Campaign.objects.get(pk=campaign.pk).spent == Decimal("0.035000")


def test_a_flusher_holding_the_lock_keeps_another_out():
    campaign = _campaign()
    _serve(campaign, NOON, 2)
    cache.add(flush.LOCK_KEY, "someone else", timeout=60)
    assert flush_ads(now=NOON) == 0
    cache.delete(flush.LOCK_KEY)
    assert flush_ads(now=NOON) == 2


def test_a_failed_write_gives_the_counts_back(monkeypatch):
    campaign = _campaign()
    _serve(campaign, NOON, 4)

    def fail(day, counts):
        raise RuntimeError("database went away")

    monkeypatch.setattr(flush, "write_counts", fail)
    with pytest.raises(RuntimeError):
        flush_ads(now=NOON)
    monkeypatch.undo()
    assert cache.get(counting.pending_key("spend", NOON.date(), campaign.pk)) == 4 * PRICE
    assert flush_ads(now=NOON) == 4
    assert _day(campaign, NOON).spend == Decimal("0.020000")


def test_a_past_day_is_charged_once_and_its_unspent_lease_given_back():
    campaign = _campaign()
    _serve(campaign, NOON, 10)
    flush_ads(now=NOON)  # counted, not yet charged: the lease still holds the rest
    advertiser = Advertiser.objects.get(pk=campaign.advertiser_id)
    assert advertiser.held == Decimal("1.000000") and advertiser.balance == Decimal("50.00")
    budget._leases.clear()  # the process dies without giving its lease back

    flush_ads(now=NOON + timedelta(days=1))  # settles yesterday
    charges = LedgerEntry.objects.filter(kind="spend")
    assert [(e.amount, e.day, e.campaign_id) for e in charges] == [(Decimal("-0.050000"), NOON.date(), campaign.pk)]
    advertiser.refresh_from_db()
    assert advertiser.balance == Decimal("49.950000") and advertiser.held == Decimal("0.950000")
    assert settle.check_books(advertiser.pk) == []

    flush_ads(now=NOON + timedelta(days=2))  # the day's counters are gone: its lease comes back
    flush_ads(now=NOON + timedelta(days=3))  # and nothing happens twice
    advertiser.refresh_from_db()
    assert advertiser.held == 0 and advertiser.balance == Decimal("49.950000")
    day = _day(campaign, NOON)
    assert (day.committed, day.released, day.spend, day.charged) == (
        Decimal("1.000000"), Decimal("0.950000"), Decimal("0.050000"), Decimal("0.050000"))
    assert Campaign.objects.get(pk=campaign.pk).committed == Decimal("0.050000")
    assert LedgerEntry.objects.filter(kind="spend").count() == 1
    assert settle.check_books(advertiser.pk, today=NOON.date() + timedelta(days=3)) == []


def test_spend_counted_after_a_settlement_is_charged_by_the_next_one():
    campaign = _campaign()
    late = NOON.replace(hour=23, minute=58)
    _serve(campaign, late, 2)
    flush_ads(now=late + timedelta(minutes=3))  # after midnight: yesterday's 2 are flushed and charged
    _serve(campaign, late + timedelta(minutes=1), 3)  # counted before midnight by a slower process
    flush_ads(now=late + timedelta(minutes=4))
    amounts = sorted(LedgerEntry.objects.filter(kind="spend").values_list("amount", flat=True))
    assert amounts == [Decimal("-0.015000"), Decimal("-0.010000")]
    assert _day(campaign, late).charged == Decimal("0.025000")
    assert settle.check_books(campaign.advertiser_id, today=late.date() + timedelta(days=1)) == []


def test_check_books_finds_held_money_no_day_explains():
    campaign = _campaign()
    _serve(campaign, NOON, 1)
    Advertiser.objects.filter(pk=campaign.advertiser_id).update(held=Decimal("3.00"))
    problems = settle.check_books(campaign.advertiser_id)
    assert len(problems) == 1 and "held 3.000000 but its days leave 1.000000" in problems[0]


def test_check_books_finds_an_uncharged_past_day():
    campaign = _campaign()
    _serve(campaign, NOON, 2)
    flush_ads(now=NOON)
    problems = settle.check_books(campaign.advertiser_id, today=NOON.date() + timedelta(days=1))
    assert len(problems) == 1 and "0.010000 of 2026-05-14 not charged" in problems[0]
