"""The Feeds and Profile tabs in a real headless Chromium: read a feed's advice, pause it, add a feed
from a local server, upload a logo and see it on the public page. Screenshots go to ARTIFACTS."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from PIL import Image

from localwire.sources.models import Entry, Feed
from localwire.testing.browser import ARTIFACTS
from localwire.testing.browsing import log_in
from localwire.testing.factories import ArticleFactory, FeedFactory, ManagerFactory
from localwire.testing.httpserver import LocalServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

@pytest.fixture(autouse=True)
def fresh_budget():
    """Checks are counted in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ridge County Herald: sport</title><item>'
       b'<title>Ridge wins the derby</title><link>https://ridge.example/derby</link></item></channel></rss>')


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-{name}.png"), full_page=True)


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), (150, 30, 30)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def herald(settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    manager = ManagerFactory(publisher__slug="ridge-herald", publisher__name="Ridge County Herald")
    feed = FeedFactory(publisher=manager.publisher, title="Ridge County Herald: news", status=Feed.Status.OK)
    for n in range(4):
        article = ArticleFactory(publisher=manager.publisher, from_feed_only=n < 2, authors=[] if n == 3 else ["Jo"])
        Entry.objects.create(feed=feed, entry_id=f"e{n}", url=article.url, article=article, state="done",
                             last_error="HTTP 403" if n < 2 else "", data={})
    return manager, feed


def test_feeds_and_profile_tabs(live_server, browser_page, herald):
    manager, feed = herald
    page, base = browser_page, live_server.url
    log_in(page, base, manager.user, "/portal/ridge-herald/feeds")
    assert "2 of 4 article pages could not be read: HTTP 403 (2)" in page.inner_text(".feed-detail")
    _shot(page, "feeds")
    page.click(f"#feed-{feed.pk} button[type=submit]")
    page.wait_for_selector("text=Paused: we will not fetch")
    assert not Feed.objects.get(pk=feed.pk).enabled
    with LocalServer() as server:
        server.route("/sport.xml", lambda req: (200, {"Content-Type": "application/rss+xml"}, RSS))
        page.fill("#feed-url", server.url("/sport.xml"))
        page.click(".feed-add button[type=submit]")
        page.wait_for_selector("text=Added Ridge County Herald: sport.")
    _shot(page, "feeds-added")
    page.click("nav.portal__tabs >> text=Profile")
    page.select_option("select[name=kind]", "weekly")
    page.set_input_files("input[name=logo]", files=[{"name": "logo.jpg", "mimeType": "image/jpeg",
                                                     "buffer": _logo()}])
    page.click(".portal-profile button[type=submit]")
    page.wait_for_selector("text=Saved.")
    _shot(page, "profile")
    page.goto(base + "/publisher/ridge-herald/")
    assert page.evaluate("document.querySelector('.profile__logo').naturalWidth") == 300
    assert "Local weekly" in page.inner_text(".profile__kind")
