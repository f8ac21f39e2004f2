"""The campaign dashboard and operator revenue in a real headless Chromium: charts drawn under the site's
CSP, tables beside them, a CSV download. Screenshots go to var/artifacts (LOCALWIRE_ARTIFACTS)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import CampaignDay
from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE
from localwire.testing.browsing import log_in
from localwire.testing.factories import AdvertiserFactory, CampaignFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _a_fortnight_delivered(campaign) -> None:
    today = timezone.localdate()
    for back in range(14):
        impressions = 150 + 40 * (back % 5)
        CampaignDay.objects.create(campaign=campaign, day=today - timedelta(days=back), impressions=impressions,
                                   clicks=back % 4, spend=Decimal(impressions) * Decimal("0.004"))


def _screenshots(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)


def test_the_dashboard_and_revenue_draw_their_charts_within_the_csp(live_server, browser_page):
    advertiser = AdvertiserFactory(name="Harbour <Bakery>")
    ledger.credit(advertiser.pk, Decimal("60.00"))
    campaign = CampaignFactory(advertiser=advertiser, name="Spring loaves", budget_daily=Decimal("5.00"),
                               start_at=timezone.now() - timedelta(days=20))
    _a_fortnight_delivered(campaign)
    page = browser_page
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    path = f"/advertise/campaigns/{campaign.pk}/report"
    since = (timezone.localdate() - timedelta(days=13)).isoformat()
    log_in(page, live_server.url, advertiser.owner, path)
    page.goto(f"{live_server.url}{path}?since={since}")

    charts = page.locator("svg[role=img]")
    assert charts.count() == 3
    for index in range(3):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 300 and box["height"] > 100
    assert page.get_by_role("img", name="Impressions per day").count() == 1
    assert page.locator("svg.chart--bar").first.locator("rect").count() == 14
    page.locator("#chart-spend-heading ~ details summary").click()
    assert page.locator("#chart-spend-heading ~ details table tbody tr").count() == 14
    _screenshots(page, "ads-campaign-report")
    with page.expect_download() as download:
        page.click("text=Impressions, clicks and spend per day (CSV)")
    assert download.value.suggested_filename == f"campaign-{campaign.pk}-{since}-{timezone.localdate()}.csv"

    log_in(page, live_server.url, UserFactory(is_staff=True), "/moderation/ads/revenue")
    assert page.locator("svg[role=img]").count() == 2
    assert page.locator("text=Harbour <Bakery>").count() == 1  # escaped, shown as typed
    _screenshots(page, "ads-revenue")
    assert refused == []
