"""The demo site in a real headless Chromium (Debian's package, driven by Playwright)."""

import pytest
from django.db.models import F

from localwire.articles.models import Article
from localwire.stories.queries import fold_copies
from localwire.demo.run import setup_publishers
from localwire.pipeline.crawl import crawl_once
from localwire.testing.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

def test_home_and_article_pages_render_in_chromium(live_server, demo_server, pipeline_context, browser_page):
    setup_publishers(demo_server)
    crawl_once(pipeline_context, workers=4)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page

    page.goto(live_server.url + "/")
    cards = page.locator(".card")
    assert cards.count() >= 20
    first_title = cards.first.locator(".card__title").inner_text()
    newest = fold_copies(Article.objects.all()).order_by("-published_at", "-id").first()
    assert first_title == newest.title  # one entry per syndication group, newest first
    assert page.locator(".card time").first.inner_text().endswith("ago")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("[...document.querySelectorAll('.card__media img')].filter(i => i.naturalWidth > 0).length")
    assert loaded >= 5, "proxied images load in the browser"
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=False)

    article = Article.objects.filter(images__isnull=False, from_feed_only=False).distinct().first()
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("h1.story__title").inner_text() == article.title
    assert page.locator(".story__body p").count() >= 3
    assert page.locator("a", has_text="Read the original").get_attribute("href") == article.url
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("[...document.querySelectorAll('figure img')].map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

    copy = Article.objects.exclude(syndication__group__original_id=None).exclude(
        syndication__group__original_id=F("pk")).select_related("syndication__group__original__publisher").first()
    page.goto(live_server.url + copy.get_absolute_url())
    original = copy.syndication.group.original
    assert page.locator(".story__syndication a").inner_text() == original.publisher.name
    assert page.locator(".copies li").count() >= 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "no horizontal scrolling on a phone"
    page.screenshot(path=str(ARTIFACTS / "home-mobile.png"))
