"""A reader's first visit in a real headless Chromium: sign up, follow a place from an article page,
find it in For you with its reason; then a comment posted, reported by another reader and hidden by
a moderator. Screenshots go to var/artifacts (LOCALWIRE_ARTIFACTS)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.channels.models import ArticleChannel, Channel
from localwire.community.models import Comment, CommentReport, Follow, ModerationAction
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, ProfileFactory, PublisherFactory, UserFactory,
)
from localwire.testing.browsing import log_in
from localwire.testing.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_sign_up_follow_a_place_from_an_article_and_see_why_in_for_you(live_server, browser_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    almaty = ChannelFactory(kind=Channel.Kind.CITY, name="Almaty", slug="almaty-kz", lat=43.25, lon=76.95,
                            country_code="KZ")
    paper = PublisherFactory(name="Steppe Daily")
    now = timezone.now()  # the factory's own dates run back an hour per article made in the session
    article = ArticleFactory(publisher=paper, title="Almaty opens its first tram line in decades", published_at=now)
    ArticleChannelFactory(article=article, channel=almaty, relation=ArticleChannel.Relation.DATELINE, score=0.9)
    ArticleFactory(publisher=PublisherFactory(name="Other Herald"), title="Harvest fair draws a crowd",
                   published_at=now - timedelta(hours=1))
    page = browser_page

    page.goto(f"{live_server.url}/account/signup")
    page.fill("input[name=username]", "first-reader")
    page.fill("input[name=password1]", "lantern-harbour-quiet-58")
    page.fill("input[name=password2]", "lantern-harbour-quiet-58")
    page.screenshot(path=str(ARTIFACTS / "journey-1-signup.png"))
    page.click("form.account-form button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + article.get_absolute_url())
    place = page.locator("#places-title").locator("xpath=..")
    button = place.locator("form[data-follow=follow] button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_selector("#places-title ~ ul form[data-follow=follow] button[aria-pressed=true]")
    page.screenshot(path=str(ARTIFACTS / "journey-2-followed.png"))
    assert Follow.objects.filter(user__username="first-reader", channel=almaty, muted=False).exists()

    page.goto(f"{live_server.url}/for-you")
    first = page.locator(".card").first
    assert first.locator(".card__title").inner_text() == article.title
    assert first.locator(".card__why").inner_text() == "You follow Almaty"
    page.screenshot(path=str(ARTIFACTS / "journey-3-for-you.png"), full_page=True)


def _log_out(page) -> None:
    page.click("form.nav__logout button")
    page.wait_for_load_state()


def test_comment_report_and_moderate_in_a_browser(live_server, browser_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    article = ArticleFactory(title="Bridge repairs close the river road", published_at=timezone.now())
    author, reporter = UserFactory(), UserFactory()
    moderator = UserFactory(username="moderator-mia")
    ProfileFactory(user=moderator, role="moderator")
    page, path = browser_page, article.get_absolute_url()

    log_in(page, live_server.url, author, path)
    assert page.locator("a", has_text="community policy").count() >= 1
    page.fill("textarea[name=body]", "The detour through Mill Street adds ten minutes <b>each way</b>.")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector(".comment .comment__body")
    assert page.locator("#comments-title .comments__count").inner_text() == "1"
    assert page.locator(".comment__body").inner_text() == "The detour through Mill Street adds ten minutes <b>each way</b>."
    page.screenshot(path=str(ARTIFACTS / "journey-4-comment.png"), full_page=True)
    _log_out(page)

    log_in(page, live_server.url, reporter, path)
    page.click(".comment details summary")
    page.fill(".comment input[name=reason]", "Advertising a detour site")
    page.click(".comment form button:has-text('Report to moderators')")
    page.wait_for_load_state()
    comment = Comment.objects.get(article=article)
    assert CommentReport.objects.filter(comment=comment, reporter=reporter).exists()
    _log_out(page)

    log_in(page, live_server.url, moderator, "/moderation/")
    assert "Advertising a detour site" in page.content()
    page.screenshot(path=str(ARTIFACTS / "journey-5-queue.png"), full_page=True)
    page.fill(f"#hide-{comment.pk}", "Links to a commercial site")
    page.click(f"form:has(#hide-{comment.pk}) button")
    page.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert ModerationAction.objects.filter(comment=comment, moderator=moderator, reason="Links to a commercial site").exists()
    _log_out(page)

    page.goto(live_server.url + path)
    assert page.locator("#comments-title").inner_text() == "No comments yet"
    assert page.locator(".comment__body").count() == 0
    page.screenshot(path=str(ARTIFACTS / "journey-6-after-moderation.png"), full_page=True)
