"""The issue's whole way in a real headless Chromium: an advertiser opens an account and creates a
campaign with an image, a moderator approves it, a reader sees it labelled on a matching article
page and not on one about elsewhere, asks why, and clicks it through to the landing page. The
counts then reach the campaign's day. Screenshots go to ARTIFACTS as ``ads-flow-*.png``."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from localwire.ads import budget, context, index, ledger
from localwire.ads.flush import flush_ads
from localwire.ads.models import Advertiser, Campaign, CampaignDay
from localwire.articles.imagefetch import reset_fetcher
from localwire.testing.browser import ARTIFACTS, wait_for_image
from localwire.testing.browsing import log_in
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, ModeratorFactory, UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
# Headless Chromium names itself "HeadlessChrome", which the site rightly takes for a machine.
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
LANDING = b"<html><head><title>Main Street Bakery</title></head><body><h1>Our breads</h1></body></html>"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (190, 140, 80)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def bakery_site(site):
    """The advertiser's own site on 127.0.0.1: a landing page and the ad's photo."""
    site.route("/", lambda req: (200, {"Content-Type": "text/html"}, LANDING))
    site.route("/bread.jpg", lambda req: (200, {"Content-Type": "image/jpeg"}, _jpeg()))
    for forget in (cache.clear, index.forget, context.forget, budget.forget_refusals, reset_fetcher):
        forget()
    yield site
    budget.give_back_expired(everything=True)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ads-flow-{name}.png"), full_page=True)


def _stories():
    """A story from Little Rock and one from Almaty, each with its dateline city."""
    little_rock = ChannelFactory(kind="city", slug="little-rock-ar-us", name="Little Rock", country_code="US",
                                 admin1_code="AR", lat=34.7465, lon=-92.2896)
    almaty = ChannelFactory(kind="city", slug="almaty-kz", name="Almaty", country_code="KZ", lat=43.25, lon=76.92)
    near = ArticleFactory(title="Little Rock opens a riverside market on Saturdays")
    far = ArticleFactory(title="Almaty extends its metro to the western districts")
    ArticleChannelFactory(article=near, channel=little_rock, relation="dateline")
    ArticleChannelFactory(article=far, channel=almaty, relation="dateline")
    return near, far


def _open_and_create(page, base: str, bakery_site) -> Campaign:
    page.fill("input[name=name]", "Main Street Bakery")
    page.fill("input[name=website]", bakery_site.url("/"))
    page.click("button:has-text('Open an advertiser account')")
    page.wait_for_url("**/advertise/account")
    ledger.credit(Advertiser.objects.get(name="Main Street Bakery").pk, Decimal("20.00"), note="operator")
    page.click("a:has-text('New campaign')")
    start = timezone.localtime() - timedelta(hours=1)
    values = {"name": "Bread week", "headline": "Fresh bread every morning", "brand": "Main Street Bakery",
              "body": "Sourdough and rye, baked before dawn.", "cta": "See the menu",
              "landing_url": bakery_site.url("/"), "image_url": bakery_site.url("/bread.jpg"),
              "budget_total": "10.00", "budget_daily": "5.00", "bid_cpm": "4.00",
              "start": start.strftime("%Y-%m-%dT%H:%M:%S"),
              "end": (start + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S")}
    for name, value in values.items():
        page.fill(f"[name={name}]", value)
    page.fill("textarea[name=channels]", "city/little-rock-ar-us")
    page.click("button:has-text('Send for review')")
    page.wait_for_selector(".campaign-state")
    campaign = Campaign.objects.get(name="Bread week")
    assert campaign.status == Campaign.Status.IN_REVIEW and campaign.landing_check["ok"]
    _shot(page, "1-in-review")
    page.click("a.button:has-text('Preview')")
    assert page.locator(".ad .ad-sponsored").first.text_content() == "Sponsored"
    _shot(page, "2-preview")
    return campaign


def _approve(page, base: str, campaign: Campaign) -> None:
    log_in(page, base, ModeratorFactory().user, "/moderation/campaigns")
    item = page.locator(f"#campaign-{campaign.pk}")
    assert "Fresh bread every morning" in item.inner_text()
    _shot(page, "3-queue")
    item.locator("button:has-text('Approve')").click()
    page.wait_for_load_state()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.APPROVED


def _read(page, base: str, near, far) -> None:
    page.context.clear_cookies()  # a reader who is not signed in
    page.goto(base + near.get_absolute_url())
    ad = page.locator("aside.ad")
    assert ad.count() == 1
    assert ad.locator(".ad-sponsored").text_content() == "Sponsored"
    assert ad.locator(".ad-advertiser").text_content() == "Main Street Bakery"
    image = ad.locator("img.ad-image")
    assert image.get_attribute("src").startswith("/img/")  # through the site's proxy, not the bakery's host
    image.scroll_into_view_if_needed()
    wait_for_image(image)
    _shot(page, "4-article-with-ad")
    page.goto(base + far.get_absolute_url())
    assert page.locator("aside.ad").count() == 0
    assert "lw-ad" not in page.content()
    _shot(page, "5-elsewhere-no-ad")


def _why_and_click(page, base: str, near, bakery_site) -> None:
    page.goto(base + near.get_absolute_url())
    page.click("aside.ad >> text=Why this ad?")
    assert "Little Rock" in page.inner_text("main")
    _shot(page, "6-why")
    page.goto(base + near.get_absolute_url())
    page.click("aside.ad a.ad-link")
    page.wait_for_url(bakery_site.url("/"))
    assert page.inner_text("h1") == "Our breads"


def test_a_campaign_from_form_to_click(live_server, browser_page, bakery_site):
    base = live_server.url
    page = browser_page.context.browser.new_page(user_agent=READER_AGENT, viewport={"width": 1280, "height": 900})
    near, far = _stories()
    log_in(page, base, UserFactory(username="baker"), "/advertise")
    campaign = _open_and_create(page, base, bakery_site)
    _approve(page, base, campaign)
    _read(page, base, near, far)
    # Another reader: this browser keeps the page it was shown (Cache-Control: private, max-age), and a
    # page it shows again from its own cache, or after a 304, draws and counts no new ad.
    other = browser_page.context.browser.new_page(user_agent=READER_AGENT, viewport={"width": 1280, "height": 900})
    _why_and_click(other, base, near, bakery_site)

    flush_ads()
    day = CampaignDay.objects.get(campaign=campaign)
    assert day.impressions >= 2 and day.clicks == 1
    assert day.spend == Decimal("0.001") * day.impressions  # alone in its auction it pays the floor, 1.00 a thousand
