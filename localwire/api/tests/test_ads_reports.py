"""GET /api/v1/me/campaigns/{id}/report, /me/advertiser/report and /operator/ads/revenue: figures with money
as strings, for the campaign's owner (or the site's staff) and no one else."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import CampaignDay
from localwire.testing.clients import bearer_client
from localwire.testing.factories import AdvertiserFactory, CampaignFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db
D1, D2, D3 = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)


def delivered(campaign, day, impressions=0, clicks=0, spend="0", charged="0"):
    return CampaignDay.objects.create(campaign=campaign, day=day, impressions=impressions, clicks=clicks,
                                      spend=Decimal(spend), charged=Decimal(charged))


@pytest.fixture
def campaign():
    campaign = CampaignFactory(start_at=timezone.now() - timedelta(days=100))
    delivered(campaign, D1, 1000, 12, "2.5025")
    delivered(campaign, D3, 400, 0, "1.00", charged="1.00")
    return campaign


def _url(campaign) -> str:
    return f"/api/v1/me/campaigns/{campaign.pk}/report"


def test_the_owner_gets_every_day_with_money_as_strings(campaign):
    response = bearer_client(campaign.advertiser.owner).get(_url(campaign), {"since": "2026-03-01",
                                                                             "until": "2026-03-03"})
    assert response.status_code == 200
    body = response.json()
    assert body["campaign"] == campaign.pk and body["currency"] == "USD"
    assert (body["since"], body["until"]) == ("2026-03-01", "2026-03-03")
    assert body["days"] == [
        {"date": "2026-03-01", "impressions": 1000, "clicks": 12, "spend": "2.5025"},
        {"date": "2026-03-02", "impressions": 0, "clicks": 0, "spend": "0.00"},
        {"date": "2026-03-03", "impressions": 400, "clicks": 0, "spend": "1.00"},
    ]
    assert body["totals"] == {"impressions": 1400, "clicks": 12, "spend": "3.5025", "ctr": 0.0086}


def test_the_default_is_the_last_thirty_days_and_a_session_works_too(campaign):
    client = Client()
    client.force_login(campaign.advertiser.owner)
    body = client.get(_url(campaign)).json()
    today = timezone.localdate()
    assert body["until"] == today.isoformat() and len(body["days"]) == 30
    assert body["since"] == (today - timedelta(days=29)).isoformat()


def test_a_bad_range_is_400(campaign):
    client = bearer_client(campaign.advertiser.owner)
    for query in ({"since": "2026-03-05", "until": "2026-03-01"}, {"since": "2024-01-01", "until": "2026-01-01"},
                  {"since": "tuesday"}, {"until": "2026-02-30"}):
        response = client.get(_url(campaign), query)
        assert response.status_code == 400 and response.json()["detail"]


def test_only_the_owner_may_read_it(campaign):
    assert Client().get(_url(campaign)).status_code == 401
    assert bearer_client(UserFactory()).get(_url(campaign)).status_code == 404  # no advertiser account
    assert bearer_client(AdvertiserFactory().owner).get(_url(campaign)).status_code == 404
    assert bearer_client(UserFactory(is_staff=True)).get(_url(campaign)).status_code == 404
    assert bearer_client(campaign.advertiser.owner).get("/api/v1/me/campaigns/999999/report").status_code == 404


def test_the_advertiser_report_sums_every_campaign(campaign):
    CampaignFactory(advertiser=campaign.advertiser, name="Quiet one")
    client = bearer_client(campaign.advertiser.owner)
    body = client.get("/api/v1/me/advertiser/report", {"since": "2026-03-01", "until": "2026-03-02"}).json()
    assert body["advertiser"] == campaign.advertiser_id
    rows = {row["name"]: row for row in body["campaigns"]}
    assert rows[campaign.name]["spend"] == "2.5025" and rows[campaign.name]["ctr"] == 0.012
    assert rows["Quiet one"] == {**rows["Quiet one"], "impressions": 0, "clicks": 0, "spend": "0.00", "ctr": 0.0}
    assert body["totals"] == {"impressions": 1000, "clicks": 12, "spend": "2.5025", "ctr": 0.012}
    assert bearer_client(UserFactory()).get("/api/v1/me/advertiser/report").status_code == 404
    assert client.get("/api/v1/me/advertiser/report", {"since": "x"}).status_code == 400


def test_revenue_is_staff_only_and_sums_across_advertisers(campaign):
    other = CampaignFactory(name="=cmd|' /C calc'!A0")
    delivered(other, D1, 10, 1, "0.05")
    ledger.credit(campaign.advertiser_id, Decimal("30.00"))
    url = "/api/v1/operator/ads/revenue"
    assert Client().get(url).status_code == 401
    assert bearer_client(campaign.advertiser.owner).get(url).status_code == 403
    assert bearer_client(ModeratorFactory().user).get(url).status_code == 403
    staff = bearer_client(UserFactory(is_staff=True))
    body = staff.get(url, {"since": "2026-03-01", "until": "2026-03-03"}).json()
    assert [d["revenue"] for d in body["days"]] == ["2.5525", "0.00", "1.00"]
    assert body["days"][2]["charged"] == "1.00" and body["days"][0]["impressions"] == 1010
    assert body["totals"]["revenue"] == "3.5525" and body["totals"]["charged"] == "1.00"
    assert body["totals"]["credited"] == "0.00"  # the credit was added today, outside this range
    assert [a["id"] for a in body["advertisers"]] == [campaign.advertiser_id, other.advertiser_id]
    assert body["advertisers"][0]["balance"] == "30.00" and body["advertisers"][1]["revenue"] == "0.05"
    today = timezone.localdate().isoformat()
    assert staff.get(url, {"since": today, "until": today}).json()["totals"]["credited"] == "30.00"
    assert staff.get(url, {"since": "2026-03-03", "until": "2026-03-01"}).status_code == 400
