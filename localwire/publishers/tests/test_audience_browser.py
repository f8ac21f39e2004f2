"""The Audience tab in a real headless Chromium: charts drawn under the site's CSP, tables beside
them, a CSV download. Screenshots go to var/artifacts (LOCALWIRE_ARTIFACTS)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from localwire.metrics.counting import count_view
from localwire.metrics.views_flush import flush_views
from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE
from localwire.testing.browsing import log_in
from localwire.testing.factories import ArticleFactory, ChannelFactory, FollowFactory, ManagerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SOURCES = ("home", "search", "search", "channel", "outside", "for_you", "story")


def _a_fortnight_of_readers(publisher) -> None:
    """Articles, views from several places each day, and followers who follow a few channels."""
    cache.clear()
    today = timezone.now()
    articles = [ArticleFactory(publisher=publisher, title=f"Harbour works, week {n}",
                               published_at=today - timedelta(days=2 * n, hours=1)) for n in range(7)]
    for back in range(14, -1, -1):
        moment = today - timedelta(days=back)
        for n in range(3 + back % 5):
            count_view(articles[n % len(articles)].pk, f"reader-{back}-{n}", moment, SOURCES[(n + back) % len(SOURCES)])
        flush_views(now=moment)
    rivers = ChannelFactory(name="Rivers & <Harbours>")
    for back in range(6):
        reader = UserFactory()
        FollowFactory(user=reader, publisher=publisher, channel=None, created_at=today - timedelta(days=2 * back))
        FollowFactory(user=reader, channel=rivers)


def test_the_audience_tab_draws_its_charts_within_the_csp(live_server, browser_page):
    manager = ManagerFactory(publisher__name="Harbour Courier")
    _a_fortnight_of_readers(manager.publisher)
    page = browser_page
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    since = (timezone.localdate() - timedelta(days=13)).isoformat()
    path = f"/portal/{manager.publisher.slug}/"
    log_in(page, live_server.url, manager.user, path)
    page.goto(f"{live_server.url}{path}?since={since}")

    charts = page.locator("svg[role=img]")
    assert charts.count() == 4
    for index in range(4):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 300 and box["height"] > 100  # sized by its viewBox and the page's CSS
    assert page.locator("svg.chart--bar").first.locator("rect").count() == 14
    assert page.get_by_role("img", name="Views per day").count() == 1
    assert page.locator("text=Rivers & <Harbours>").count() == 1  # escaped, shown as typed
    page.locator("#views-heading ~ details summary").click()
    assert page.locator("#views-heading ~ details table tbody tr").count() == 14
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"portal-audience-{label}.png"), full_page=True)

    with page.expect_download() as download:
        page.click("text=Views, followers and articles per day (CSV)")
    assert download.value.suggested_filename.endswith(f"-{timezone.localdate()}.csv")
    assert refused == []
