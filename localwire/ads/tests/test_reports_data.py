"""Campaign reports, the advertiser's summary and operator revenue: days with zeros, sums, ranges, words."""

from datetime import date, datetime, timedelta, timezone as tz
from decimal import Decimal

import pytest
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.ads.reports import (RangeError, advertiser_summary, budget_left, campaign_range, campaign_report,
                                   ctr, delivery_status)
from localwire.ads.revenue import revenue
from localwire.testing.factories import AdvertiserFactory, CampaignFactory

pytestmark = pytest.mark.django_db
D1, D2, D3, D4 = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)


def delivered(campaign, day, impressions=0, clicks=0, spend="0", charged="0"):
    """One CampaignDay row as the flusher and settlement would have left it."""
    return CampaignDay.objects.create(campaign=campaign, day=day, impressions=impressions, clicks=clicks,
                                      spend=Decimal(spend), charged=Decimal(charged))


def test_every_day_is_listed_with_zeros_and_totals_add_up():
    campaign = CampaignFactory()
    delivered(campaign, D1, 400, 6, "2.000000")
    delivered(campaign, D3, 1000, 9, "5.0025")
    delivered(CampaignFactory(), D2, 999, 99, "9.99")  # another campaign's day is not this one's
    report = campaign_report(campaign, D1, D4)
    assert [d["date"] for d in report["days"]] == [D1, D2, D3, D4]
    assert [d["impressions"] for d in report["days"]] == [400, 0, 1000, 0]
    assert report["days"][1] == {"date": D2, "impressions": 0, "clicks": 0, "spend": Decimal("0")}
    assert report["totals"] == {"impressions": 1400, "clicks": 15, "spend": Decimal("7.0025"),
                                "ctr": round(15 / 1400, 4)}
    assert isinstance(report["totals"]["spend"], Decimal) and report["totals"]["ctr"] == 0.0107


def test_ctr_is_zero_without_impressions_and_rounded_to_four_places():
    assert ctr(0, 0) == 0.0 and ctr(5, 0) == 0.0
    assert ctr(1, 3) == 0.3333 and ctr(2, 1000) == 0.002
    assert campaign_report(CampaignFactory(), D1, D2)["totals"]["ctr"] == 0.0


def test_a_range_runs_forwards_and_covers_at_most_366_days():
    campaign = CampaignFactory()
    with pytest.raises(RangeError):
        campaign_report(campaign, D2, D1)
    with pytest.raises(RangeError):
        campaign_report(campaign, D1, D1 + timedelta(days=366))
    assert len(campaign_report(campaign, D1, D1 + timedelta(days=365))["days"]) == 366
    for since, until in (("2026-13-01", None), ("yesterday", None), ("2026-03-05", "2026-03-01")):
        with pytest.raises(RangeError):
            campaign_range(campaign, since, until)


def test_the_default_range_is_thirty_days_clipped_to_the_campaigns_start():
    today = timezone.localdate()
    old = CampaignFactory(start_at=timezone.now() - timedelta(days=90))
    assert campaign_range(old, None, None) == (today - timedelta(days=29), today)
    new = CampaignFactory(start_at=timezone.now() - timedelta(days=3))
    assert campaign_range(new, None, None) == (timezone.localdate(new.start_at), today)
    future = CampaignFactory(start_at=timezone.now() + timedelta(days=5))
    assert campaign_range(future, None, None) == (today, today)
    assert campaign_range(new, "2026-01-01", "2026-01-31") == (date(2026, 1, 1), date(2026, 1, 31))
    report = campaign_report(new)
    assert report["since"] == timezone.localdate(new.start_at) and report["until"] == today


def test_the_advertisers_summary_lists_every_campaign_with_its_figures_in_the_range():
    advertiser = AdvertiserFactory()
    busy = CampaignFactory(advertiser=advertiser, name="Busy")
    idle = CampaignFactory(advertiser=advertiser, name="Idle")
    delivered(busy, D1, 200, 4, "1.00")
    delivered(busy, D2, 300, 1, "1.50")
    delivered(busy, D4, 5000, 50, "25.00")  # outside the range asked for
    delivered(CampaignFactory(), D1, 10, 1, "0.05")  # someone else's
    summary = advertiser_summary(advertiser, D1, D3)
    rows = {row["name"]: row for row in summary["campaigns"]}
    assert set(rows) == {"Busy", "Idle"}
    assert rows["Busy"]["impressions"] == 500 and rows["Busy"]["clicks"] == 5 and rows["Busy"]["ctr"] == 0.01
    assert rows["Busy"]["spend"] == Decimal("2.50") and rows["Idle"]["impressions"] == 0
    assert rows["Idle"]["id"] == idle.pk and rows["Idle"]["spend"] == Decimal("0")
    assert summary["totals"] == {"impressions": 500, "clicks": 5, "spend": Decimal("2.50"), "ctr": 0.01}


def test_revenue_sums_across_advertisers_and_days_with_charged_and_credited():
    bakery, garage = AdvertiserFactory(name="Bakery"), AdvertiserFactory(name="Garage")
    ledger.credit(bakery.pk, Decimal("50.00"))
    ledger.credit(garage.pk, Decimal("20.00"))
    ledger.credit(garage.pk, Decimal("5.00"))
    today = timezone.localdate()
    bread, rolls = CampaignFactory(advertiser=bakery), CampaignFactory(advertiser=bakery)
    tyres = CampaignFactory(advertiser=garage)
    delivered(bread, today, 1000, 10, "5.00", charged="5.00")
    delivered(rolls, today, 500, 5, "2.5025")
    delivered(tyres, today - timedelta(days=1), 200, 2, "0.40", charged="0.20")
    delivered(tyres, today - timedelta(days=40), 9999, 9, "99.00")  # before the range
    data = revenue(today - timedelta(days=2), today)
    assert [d["date"] for d in data["days"]] == [today - timedelta(days=n) for n in (2, 1, 0)]
    first, second, third = data["days"]
    assert first["revenue"] == Decimal("0") and first["impressions"] == 0 and first["credited"] == Decimal("0")
    assert second["revenue"] == Decimal("0.40") and second["charged"] == Decimal("0.20")
    assert third["revenue"] == Decimal("7.5025") and third["impressions"] == 1500
    assert third["credited"] == Decimal("75.00")  # the credits were added today
    assert data["totals"]["revenue"] == Decimal("7.9025") and data["totals"]["charged"] == Decimal("5.20")
    assert data["totals"]["credited"] == Decimal("75.00") and data["totals"]["impressions"] == 1700
    assert data["totals"]["clicks"] == 17 and data["totals"]["ctr"] == 0.01
    names = [row["name"] for row in data["advertisers"]]
    assert names == ["Bakery", "Garage"]  # most revenue first
    bakery_row, garage_row = data["advertisers"]
    assert bakery_row["revenue"] == Decimal("7.5025") and bakery_row["impressions"] == 1500
    assert bakery_row["credited"] == Decimal("50.00") and bakery_row["balance"] == Decimal("50.00")
    assert garage_row["credited"] == Decimal("25.00") and garage_row["revenue"] == Decimal("0.40")
    assert garage_row["id"] == garage.pk and garage_row["balance"] == Decimal("25.00")


def test_revenue_lists_only_advertisers_with_something_in_the_range():
    AdvertiserFactory(name="Quiet")
    busy = CampaignFactory()
    delivered(busy, D2, 10, 0, "0.05")
    data = revenue(D1, D3)
    assert [row["id"] for row in data["advertisers"]] == [busy.advertiser_id]
    with pytest.raises(RangeError):
        revenue(D3, D1)
    with pytest.raises(RangeError):
        revenue(D1, D1 + timedelta(days=400))


def test_credits_fall_on_their_local_day():
    advertiser = AdvertiserFactory()
    entry = ledger.credit(advertiser.pk, Decimal("10.00"))
    day = timezone.localdate(entry.created_at)
    assert revenue(day, day)["totals"]["credited"] == Decimal("10.00")
    assert revenue(day - timedelta(days=3), day - timedelta(days=1))["totals"]["credited"] == Decimal("0")


def test_budget_left_counts_spend_against_the_total_and_todays_daily_budget():
    campaign = CampaignFactory(budget_total=Decimal("100.00"), budget_daily=Decimal("10.00"))
    Campaign.objects.filter(pk=campaign.pk).update(spent=Decimal("12.50"))
    campaign.refresh_from_db()
    today = timezone.localdate()
    delivered(campaign, today, 1000, 1, "4.25")
    left = budget_left(campaign, today)
    assert left["total"] == Decimal("87.50") and left["daily"] == Decimal("5.75")
    assert budget_left(CampaignFactory(), today)["daily"] is None


def test_the_delivery_status_says_why_a_campaign_is_or_is_not_shown():
    now = datetime(2026, 6, 15, 12, 0, tzinfo=tz.utc)
    running = {"start_at": now - timedelta(days=1), "end_at": now + timedelta(days=9)}
    campaign = CampaignFactory(**running)
    ledger.credit(campaign.advertiser_id, Decimal("10.00"))
    campaign.refresh_from_db()
    assert delivery_status(campaign, now=now)["state"] == "delivering"
    assert "until 24 Jun 2026" in delivery_status(campaign, now=now)["words"]
    assert delivery_status(CampaignFactory(**running), now=now)["state"] == "no_funds"
    assert delivery_status(campaign, now=now - timedelta(days=2))["state"] == "scheduled"
    assert delivery_status(campaign, now=now + timedelta(days=10))["words"].startswith("It ended on 24 Jun 2026")
    rejected = CampaignFactory(status="rejected", review_reason="The landing page does not load.")
    assert "The landing page does not load." in delivery_status(rejected, now=now)["words"]
    assert delivery_status(CampaignFactory(status="paused"), now=now)["state"] == "paused"
    assert "review" in delivery_status(CampaignFactory(status="in_review"), now=now)["words"]
    Advertiser.objects.filter(pk=campaign.advertiser_id).update(status="suspended")
    campaign.refresh_from_db()
    assert delivery_status(campaign, now=now)["state"] == "suspended"
