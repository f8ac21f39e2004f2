"""Leases: pacing at given times, the total budget, day rollover, expiry and refusal backoff."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from localwire.ads import budget, ledger
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.testing.factories import CampaignFactory

pytestmark = pytest.mark.django_db

MIDNIGHT = timezone.make_aware(datetime(2026, 5, 14, 0, 0))
PRICE = 5000  # 5.00 CPM


@pytest.fixture(autouse=True)
def no_leases():
    budget.give_back_expired(everything=True)
    budget.forget_refusals()
    yield
    budget.give_back_expired(everything=True)
    budget.forget_refusals()


def _campaign(credit="100.00", **kwargs):
    kwargs.setdefault("start_at", MIDNIGHT - timedelta(days=3))
    campaign = CampaignFactory(end_at=MIDNIGHT + timedelta(days=30), **kwargs)
    ledger.credit(campaign.advertiser_id, Decimal(credit))
    return campaign


def _serve(campaign, now, n):
    return sum(budget.charge_impression(campaign.pk, campaign.advertiser_id, PRICE * 1000, PRICE, now)
               for _ in range(n))


@pytest.mark.parametrize("hour, cap", [(0, "1.000000"), (6, "7.000000"), (12, "13.000000"), (23, "24.000000")])
def test_the_paced_cap_grows_through_the_day(hour, cap):
    campaign = _campaign(budget_daily=Decimal("24.00"))
    assert budget.paced_cap(campaign, MIDNIGHT + timedelta(hours=hour)) == Decimal(cap)


def test_a_campaign_starting_at_noon_spreads_its_day_over_the_afternoon():
    campaign = _campaign(budget_daily=Decimal("24.00"), start_at=MIDNIGHT + timedelta(hours=12))
    assert budget.paced_cap(campaign, MIDNIGHT + timedelta(hours=18)) == Decimal("13.000000")  # half, and an hour


def test_pacing_stops_delivery_at_the_cap_and_lets_it_resume_later():
    campaign = _campaign(budget_daily=Decimal("24.00"))
    assert _serve(campaign, MIDNIGHT + timedelta(hours=1), 500) == 400  # 2.00 by one o'clock
    budget.forget_refusals()
    assert _serve(campaign, MIDNIGHT + timedelta(hours=2), 500) == 200  # 1.00 more an hour later


def test_no_lease_beyond_the_total_budget():
    campaign = _campaign(budget_total=Decimal("0.50"))
    assert _serve(campaign, MIDNIGHT + timedelta(hours=9), 150) == 100
    assert Campaign.objects.get(pk=campaign.pk).committed == Decimal("0.50")


def test_a_lease_from_yesterday_is_not_spent_today():
    campaign = _campaign()
    late = MIDNIGHT - timedelta(minutes=1)
    assert _serve(campaign, late, 1) == 1
    assert _serve(campaign, MIDNIGHT + timedelta(minutes=1), 1) == 1
    yesterday = CampaignDay.objects.get(campaign=campaign, day=timezone.localdate(late))
    today = CampaignDay.objects.get(campaign=campaign, day=MIDNIGHT.date())
    assert yesterday.committed - yesterday.released == Decimal("0.005000")  # the rest went back
    assert today.committed == Decimal("1.000000")  # a fresh lease for the new day
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("1.005000")


def test_an_expired_lease_is_given_back():
    campaign = _campaign()
    _serve(campaign, MIDNIGHT + timedelta(hours=9), 4)
    assert budget.give_back_expired() == 0  # still running
    budget._leases[campaign.pk].expires = 0.0  # as if LEASE_SECONDS had passed
    assert budget.give_back_expired() == 1
    assert Campaign.objects.get(pk=campaign.pk).committed == Decimal("0.020000")
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("0.020000")


def test_after_a_refusal_the_process_waits_before_asking_again():
    campaign = _campaign(credit="0.01")
    now = MIDNIGHT + timedelta(hours=9)
    assert _serve(campaign, now, 3) == 2
    ledger.credit(campaign.advertiser_id, Decimal("10.00"))
    assert _serve(campaign, now, 1) == 0  # refused a moment ago: not asked again yet
    budget.forget_refusals()  # what a credit through the command line or the admin does
    assert _serve(campaign, now, 1) == 1


def test_a_lease_holds_its_money_in_all_three_places_and_gives_back_what_it_did_not_spend():
    campaign = _campaign(bid_cpm=Decimal("5.00"))
    now = MIDNIGHT + timedelta(hours=12)
    assert _serve(campaign, now, 3) == 3
    campaign.refresh_from_db()
    assert campaign.committed == Decimal("1.000000")  # 200 impressions at 5.00 a thousand
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("1.000000")
    budget.give_back_expired(everything=True)
    campaign.refresh_from_db()
    day = CampaignDay.objects.get(campaign=campaign)
    assert campaign.committed == Decimal("0.015000") == day.committed - day.released
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("0.015000")


def test_no_lease_beyond_the_free_balance():
    campaign = _campaign(credit="0.01", bid_cpm=Decimal("5.00"))  # two impressions' worth
    assert _serve(campaign, MIDNIGHT + timedelta(hours=12), 5) == 2
    advertiser = Advertiser.objects.get(pk=campaign.advertiser_id)
    assert advertiser.held == advertiser.balance == Decimal("0.01")
