"""The campaign dashboard, the campaigns summary and operator revenue pages, with their CSV files:
who may see them, charts with tables within the site's CSP, advertiser text escaped, CSV that runs nothing."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import Advertiser, CampaignDay
from localwire.testing.factories import AdvertiserFactory, CampaignFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db
NASTY = '=HYPERLINK("http://x.example","win") <b>bold</b>'


def delivered(campaign, day, impressions=0, clicks=0, spend="0", charged="0"):
    return CampaignDay.objects.create(campaign=campaign, day=day, impressions=impressions, clicks=clicks,
                                      spend=Decimal(spend), charged=Decimal(charged))


@pytest.fixture
def campaign():
    """A running campaign with a hostile name, credit, a daily budget and two days delivered."""
    advertiser = AdvertiserFactory(name="<i>Corner</i> Bakery")
    campaign = CampaignFactory(advertiser=advertiser, name=NASTY, budget_daily=Decimal("10.00"),
                               start_at=timezone.now() - timedelta(days=10))
    ledger.credit(advertiser.pk, Decimal("40.00"))
    today = timezone.localdate()
    delivered(campaign, today - timedelta(days=2), 800, 8, "4.00")
    delivered(campaign, today, 200, 1, "1.0025")
    return campaign


def _page(campaign):
    return f"/advertise/campaigns/{campaign.pk}/report"


def _main(html: str) -> str:
    return html.split("<main")[-1].split("</main>")[0]


def test_signed_out_visitors_sign_in_and_other_readers_find_nothing(client, campaign):
    paths = (_page(campaign), _page(campaign) + ".csv", "/advertise/reports", "/advertise/reports.csv")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "next=" in response["Location"]
    client.force_login(UserFactory())  # no advertiser account at all
    for path in paths:
        assert client.get(path).status_code == 404
    client.force_login(AdvertiserFactory().owner)  # another advertiser
    assert client.get(_page(campaign)).status_code == 404
    assert client.get(_page(campaign) + ".csv").status_code == 404
    assert client.get("/advertise/campaigns/999999/report").status_code == 404


def test_the_owner_sees_totals_budget_status_and_three_charts_with_tables(client, campaign):
    client.force_login(campaign.advertiser.owner)
    response = client.get(_page(campaign))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = _main(response.content.decode())
    assert html.count('role="img"') == 3 and html.count("<details>") == 3 and html.count("<table>") == 3
    for title in ("Impressions per day", "Clicks per day", "Spend per day (USD)"):
        assert title in html
    for svg in html.split("<svg")[1:]:
        ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")
    assert "1,000" in html and "0.90 %" in html and "5.00 USD" in html  # 9 clicks of 1,000; 5.0025 down to the cent
    assert "100.00 USD, 95.00 USD left" not in html  # spent is what the flusher counted: none here
    assert "10.00 USD, 8.99 USD left today" in html
    assert "Showing to readers now, until" in html and "40.00 USD" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html and "<i>Corner</i>" not in html
    assert "<script" not in html and " style=" not in html
    report = response.context["report"]
    assert len(report["days"]) == 11 and report["since"] == timezone.localdate(campaign.start_at)
    assert f'/advertise/campaigns/{campaign.pk}/report.csv?since=' in html


def test_a_bad_range_says_so_and_shows_the_default_one(client, campaign):
    client.force_login(campaign.advertiser.owner)
    response = client.get(_page(campaign), {"since": "2024-01-01", "until": "2026-01-01"})
    assert response.status_code == 400
    assert "at most 366 days" in response.content.decode() and 'role="alert"' in response.content.decode()
    assert response.context["report"]["until"] == timezone.localdate()
    response = client.get(_page(campaign), {"since": "2026-02-01", "until": "2026-02-03"})
    assert response.status_code == 200 and len(response.context["report"]["days"]) == 3


def test_the_csv_has_every_day_and_neutralises_a_formula(client, campaign):
    client.force_login(campaign.advertiser.owner)
    today = timezone.localdate()
    since = today - timedelta(days=3)
    response = client.get(_page(campaign) + ".csv", {"since": since.isoformat(), "until": today.isoformat()})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="campaign-{campaign.pk}-{since}-{today}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "impressions", "clicks", "spend"]
    assert rows[1:] == [[(since + timedelta(days=n)).isoformat(), *figures] for n, figures in enumerate(
        (["0", "0", "0.00"], ["800", "8", "4.00"], ["0", "0", "0.00"], ["200", "1", "1.0025"]))]
    assert client.get(_page(campaign) + ".csv", {"since": "nonsense"}).status_code == 400
    summary = client.get("/advertise/reports.csv", {"since": since.isoformat(), "until": today.isoformat()})
    cells = list(csv.reader(io.StringIO(summary.content.decode())))
    assert cells[1][1] == "'" + NASTY and cells[1][3:] == ["1000", "9", "0.0090", "5.0025"]


def test_the_summary_lists_my_campaigns_only_with_links_to_their_dashboards(client, campaign):
    mine_too = CampaignFactory(advertiser=campaign.advertiser, name="Winter sale")
    CampaignFactory(name="Someone else's")
    client.force_login(campaign.advertiser.owner)
    response = client.get("/advertise/reports")
    html = _main(response.content.decode())
    assert response.status_code == 200
    assert "Winter sale" in html and "Someone else" not in html
    assert f"/advertise/campaigns/{mine_too.pk}/report?since=" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    assert "0.90 %" in html and "5.00 USD" in html
    assert client.get("/advertise/reports", {"since": "2026-05-02", "until": "2026-05-01"}).status_code == 400


def test_revenue_is_for_staff_only(client, campaign):
    for path in ("/moderation/ads/revenue", "/moderation/ads/revenue.csv"):
        assert client.get(path).status_code == 302
        client.force_login(campaign.advertiser.owner)
        assert client.get(path).status_code == 403
        client.force_login(ModeratorFactory().user)  # moderating is not running the business
        assert client.get(path).status_code == 403
        client.logout()


def test_staff_see_revenue_with_charts_tables_and_advertisers_escaped(client, campaign):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/moderation/ads/revenue")
    assert response.status_code == 200
    html = _main(response.content.decode())
    assert html.count('role="img"') == 2 and html.count("<details>") == 3
    assert "Revenue per day (USD)" in html and "5.00 USD" in html and "40.00 USD" in html
    assert "&lt;i&gt;Corner&lt;/i&gt; Bakery" in html and "<i>Corner</i>" not in html
    for svg in html.split("<svg")[1:]:
        ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")
    assert response.context["data"]["totals"]["revenue"] == Decimal("5.0025")


def test_the_revenue_csv_has_days_and_advertisers(client, campaign):
    Advertiser.objects.filter(pk=campaign.advertiser_id).update(name="@SUM(A1:A9)")
    client.force_login(UserFactory(is_staff=True))
    today = timezone.localdate()
    query = {"since": (today - timedelta(days=1)).isoformat(), "until": today.isoformat()}
    days = list(csv.reader(io.StringIO(client.get("/moderation/ads/revenue.csv", query).content.decode())))
    assert days[0] == ["date", "revenue", "charged", "credited", "impressions", "clicks"]
    assert days[2] == [today.isoformat(), "1.0025", "0.00", "40.00", "200", "1"]
    response = client.get("/moderation/ads/revenue.csv", {**query, "table": "advertisers"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1] == "'@SUM(A1:A9)" and rows[1][3] == "1.0025" and rows[1][-1] == "40.00"
    assert "ads-revenue-advertisers-" in response["Content-Disposition"]
    assert client.get("/moderation/ads/revenue.csv", {"table": "secrets"}).status_code == 400
