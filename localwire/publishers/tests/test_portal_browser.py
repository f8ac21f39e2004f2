"""The publisher's whole way through the portal in a real headless Chromium, as the issue tells it:
claim a profile, verify it with the token on the publisher's own site (served on 127.0.0.1), open
the dashboard with its charts, pause a feed, take an article down. Each of the other browser tests
here looks at one tab closely; this one proves the tabs hold together. Screenshots go to ARTIFACTS
as ``portal-flow-*.png``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from localwire.articles.models import Article
from localwire.metrics.counting import count_view
from localwire.metrics.views_flush import flush_views
from localwire.publishers.models import Action
from localwire.sources.models import Feed
from localwire.testing.browser import ARTIFACTS
from localwire.testing.browsing import log_in
from localwire.testing.factories import ArticleFactory, FeedFactory, PublisherFactory, UserFactory
from localwire.testing.httpserver import LocalServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
HOME = b"<html><head><title>Delta Dispatch</title></head><body>News of the delta towns</body></html>"


@pytest.fixture
def newsroom(settings):
    """The publisher's own website on 127.0.0.1, which the claim's verification reads."""
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    cache.clear()
    with LocalServer() as server:
        server.route("/", lambda req: (200, {"Content-Type": "text/html"}, HOME))
        yield server
    cache.clear()


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-flow-{name}.png"), full_page=True)


def _a_week_read(publisher) -> list[Article]:
    """Three articles read on each of the last seven days, from the home page and from search."""
    now = timezone.now()
    articles = [ArticleFactory(publisher=publisher, title=title, published_at=now - timedelta(days=n + 1))
                for n, title in enumerate(["Levee repairs finish early", "Ferry fares rise in spring",
                                           "Delta school names new principal"])]
    for back in range(7, 0, -1):
        for n, article in enumerate(articles):
            count_view(article.pk, f"reader-{back}-{n}", now - timedelta(days=back), "home" if n else "search")
        flush_views(now=now - timedelta(days=back))
    return articles


def _claim_and_verify(page, base: str, newsroom) -> None:
    page.click("text=Claim this profile")
    page.click("text=Start a claim")
    tag = page.input_value("#claim-meta")
    newsroom.route("/", lambda req: (200, {"Content-Type": "text/html"}, HOME.replace(b"<head>", f"<head>{tag}".encode())))
    _shot(page, "1-claim")
    page.click("button[name=verify]")
    page.wait_for_url("**/portal/delta-dispatch/team")


def _dashboard(page) -> None:
    page.click("nav.portal__tabs >> text=Audience")
    page.wait_for_url("**/portal/delta-dispatch/")
    assert page.locator("svg[role=img]").count() >= 3
    assert page.get_by_role("img", name="Views per day").count() == 1
    assert page.inner_text(".audience__totals li:first-child .audience__figure") == "21"  # 7 days × 3 articles
    _shot(page, "2-dashboard")


def _pause(page, feed: Feed) -> None:
    page.click("nav.portal__tabs >> text=Feeds")
    page.click(f"#feed-{feed.pk} button[type=submit]")
    page.wait_for_selector("text=Paused: we will not fetch")
    _shot(page, "3-feed-paused")


def _take_down(page, article: Article) -> None:
    page.click("nav.portal__tabs >> text=Articles")
    row = page.locator(f"#article-{article.pk}")
    row.locator("summary").click()
    row.locator("textarea[name=reason]").fill("A name in it was wrong; we withdrew the story.")
    row.locator("button.danger").click()
    page.click("text=Yes, take it down")
    page.wait_for_selector("text=was taken down")
    _shot(page, "4-taken-down")


def test_claim_verify_dashboard_pause_and_take_down(live_server, browser_page, newsroom):
    page, base = browser_page, live_server.url
    publisher = PublisherFactory(slug="delta-dispatch", name="Delta Dispatch", website=newsroom.url("/"))
    feed = FeedFactory(publisher=publisher, title="Delta Dispatch: news", status=Feed.Status.OK)
    articles = _a_week_read(publisher)
    editor = UserFactory(username="delta-editor")

    log_in(page, base, editor, "/publisher/delta-dispatch/")
    _claim_and_verify(page, base, newsroom)
    _dashboard(page)
    _pause(page, feed)
    _take_down(page, articles[0])

    assert not Feed.objects.get(pk=feed.pk).enabled
    assert not Article.objects.filter(pk=articles[0].pk).exists()
    assert page.goto(base + f"/article/{articles[0].pk}/").status == 410
    logged = list(Action.objects.filter(publisher=publisher).order_by("id").values_list("action", flat=True))
    assert logged == ["claim.start", "claim.verify", "manager.add", "feed.pause", "article.takedown"]
