"""In a real headless Chromium: an article page with its publisher card; its manager takes the
article down from the portal's Articles tab (reason, then confirmation); its old link says it is
gone. Screenshots go to ARTIFACTS."""

from __future__ import annotations

import pytest

from localwire.articles.models import Article, TakenDown
from localwire.testing.browser import ARTIFACTS
from localwire.testing.browsing import log_in
from localwire.testing.factories import ArticleFactory, ManagerFactory, PublisherFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-articles-{name}.png"), full_page=True)


def test_take_an_article_down_from_the_portal(live_server, browser_page):
    page, base = browser_page, live_server.url
    publisher = PublisherFactory(name="Lakeside Echo", slug="lakeside-echo", kind="weekly", home_city="Lakeside")
    manager = ManagerFactory(publisher=publisher)
    article = ArticleFactory(publisher=publisher, title="Ferry captain named in complaint")
    ArticleFactory(publisher=publisher, title="Regatta draws record crowd")
    address = article.get_absolute_url()

    page.goto(base + address)
    assert page.inner_text(".publisher-card__name") == "Lakeside Echo"
    assert "Local weekly" in page.inner_text(".publisher-card__kind")
    _shot(page, "1-article-with-card")

    log_in(page, base, manager.user, "/portal/lakeside-echo/articles")
    row = page.locator(f"#article-{article.pk}")
    row.locator("summary").click()
    row.locator("textarea[name=reason]").fill("The complaint was withdrawn; we retracted the story.")
    _shot(page, "2-reason")
    row.locator("button.danger").click()
    page.wait_for_selector("text=Take this article down?")
    assert Article.objects.filter(pk=article.pk).exists()  # not before the confirmation
    _shot(page, "3-confirm")
    page.click("text=Yes, take it down")
    page.wait_for_selector("text=was taken down")
    assert "The complaint was withdrawn" in page.inner_text("body")
    _shot(page, "4-taken-down")
    assert TakenDown.objects.get().by == manager.user

    response = page.goto(base + address)
    assert response.status == 410
    assert "Lakeside Echo" in page.inner_text("main") and "Ferry captain" not in page.content()
    _shot(page, "5-old-link")
