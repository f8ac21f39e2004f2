"""Leases set money aside within every limit, and give back what they did not spend."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from localwire.ads import budget, ledger
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.ads.money import impression_micros
from localwire.testing.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_leases():
    budget.give_back_expired(everything=True)
    budget.forget_refusals()
    yield
    budget.give_back_expired(everything=True)
    budget.forget_refusals()


def _charge(campaign, now, n=1):
    bid = impression_micros(campaign.bid_cpm) * 1000
    return sum(budget.charge_impression(campaign.pk, campaign.advertiser_id, bid, bid // 1000, now)
               for _ in range(n))


def test_a_lease_takes_from_budget_day_and_balance_and_gives_the_rest_back():
    campaign = CampaignFactory(bid_cpm=Decimal("5.00"))
    ledger.credit(campaign.advertiser_id, Decimal("50.00"))
    now = timezone.now()
    assert _charge(campaign, now, 3) == 3
    campaign.refresh_from_db()
    assert campaign.committed == Decimal("1.000000")  # 200 impressions at 5.00 per thousand
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("1.000000")
    budget.give_back_expired(everything=True)
    campaign.refresh_from_db()
    day = CampaignDay.objects.get(campaign=campaign)
    assert campaign.committed == Decimal("0.015000") == day.committed - day.released
    assert Advertiser.objects.get(pk=campaign.advertiser_id).held == Decimal("0.015000")


def test_no_lease_beyond_the_balance():
    campaign = CampaignFactory(bid_cpm=Decimal("5.00"))
    ledger.credit(campaign.advertiser_id, Decimal("0.01"))  # two impressions' worth
    assert _charge(campaign, timezone.now(), 5) == 2
    advertiser = Advertiser.objects.get(pk=campaign.advertiser_id)
    assert advertiser.held == advertiser.balance == Decimal("0.01")


def test_the_daily_budget_is_paced_over_the_day():
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    campaign = CampaignFactory(bid_cpm=Decimal("5.00"), budget_daily=Decimal("24.00"),
                               start_at=start - timedelta(days=1))
    ledger.credit(campaign.advertiser_id, Decimal("100.00"))
    six_am = start + timedelta(hours=6)
    assert budget.paced_cap(Campaign.objects.get(pk=campaign.pk), six_am) == Decimal("7.000000")
    served = _charge(campaign, six_am, 2000)
    assert served == 1400  # 7.00 at 0.005 each
