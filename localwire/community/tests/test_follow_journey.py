"""Follow buttons, a visitor's follow through log-in, onboarding after sign-up, and tap targets, in a
real headless Chromium at phone and desktop widths. Screenshots go to var/artifacts (LOCALWIRE_ARTIFACTS)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from localwire.channels.models import Channel
from localwire.nlp import cities
from localwire.community.models import Comment, Follow, Profile
from localwire.testing.browsing import log_in
from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE
from localwire.testing.factories import (
    PASSWORD, ArticleChannelFactory, ArticleFactory, ChannelFactory, CommentFactory, FollowFactory, UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
FOLLOW = ".follow-row form[data-follow=follow] button"


def _shot(page, name: str, size: dict) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    which = "phone" if size == PHONE else "desktop"
    page.screenshot(path=str(ARTIFACTS / f"{name}-{which}.png"), full_page=True)


def _person(slug: str = "ana-ruiz", name: str = "Ana Ruiz") -> Channel:
    channel = ChannelFactory(kind=Channel.Kind.PERSON, slug=slug, name=name)
    ArticleChannelFactory(article=ArticleFactory(), channel=channel, relation="subject", score=0.9)
    return channel


@SIZES
def test_follow_says_following_then_unfollow_under_the_pointer(live_server, browser_page, size):
    user, channel = UserFactory(), _person()
    page = browser_page
    page.set_viewport_size(size)
    log_in(page, live_server.url, user, channel.get_absolute_url())
    button = page.locator(FOLLOW)
    assert button.inner_text() == "Follow"
    button.click()
    page.wait_for_selector(f"{FOLLOW}[aria-pressed=true]")
    assert button.inner_text() == "Following"  # still under the pointer: the new state, not "Unfollow"
    assert Follow.objects.get(user=user, channel=channel).muted is False
    page.mouse.move(0, 0)
    assert button.inner_text() == "Following" and button.get_attribute("title") == "Unfollow Ana Ruiz"
    _shot(page, "follow-following", size)
    button.hover()
    assert button.inner_text() == "Unfollow"
    page.mouse.move(0, 0)

    mute = page.locator(".follow-row form[data-follow=mute] button")
    mute.click()
    page.wait_for_selector(".follow-row form[data-follow=mute] button[aria-pressed=true]")
    page.mouse.move(0, 0)
    assert mute.inner_text() == "Muted" and button.inner_text() == "Follow"

    page.goto(live_server.url + channel.get_absolute_url())  # as the server draws it, without the script's help
    assert page.locator(".follow-row form[data-follow=mute] button").inner_text() == "Muted"


@SIZES
def test_a_visitor_taps_follow_logs_in_and_has_followed(live_server, browser_page, size):
    user, channel = UserFactory(), _person()
    page = browser_page
    page.set_viewport_size(size)
    page.goto(live_server.url + channel.get_absolute_url())
    page.click(".follow-row a.follow__login")
    page.wait_for_url("**/account/login?**")
    assert page.locator("input[name=follow]").is_checked()
    assert not Follow.objects.exists()  # opening the log-in page follows nothing
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    _shot(page, "follow-visitor-login", size)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**" + channel.get_absolute_url())
    assert Follow.objects.get(user=user, channel=channel).muted is False
    assert "You now follow Ana Ruiz." in page.locator(".messages").inner_text()
    page.mouse.move(0, 0)
    assert page.locator(FOLLOW).inner_text() == "Following"
    _shot(page, "follow-visitor-followed", size)


@SIZES
def test_sign_up_then_pick_a_home_city_places_and_topics(live_server, browser_page, size):
    little_rock = ChannelFactory(kind=Channel.Kind.CITY, slug="little-rock-ar", name="Little Rock",
                                 lat=34.75, lon=-92.29, country_code="US")
    ArticleChannelFactory(article=ArticleFactory(published_at=timezone.now()), channel=little_rock,
                          relation="dateline", score=0.9)
    housing = ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing")
    ArticleChannelFactory(article=ArticleFactory(published_at=timezone.now()), channel=housing)
    # The live server runs in this process: load the gazetteer (half a minute on a busy machine) here,
    # not inside the browser's click.
    assert cities.resolve("Little Rock, Arkansas, US").name == "Little Rock"
    page = browser_page
    page.set_viewport_size(size)

    page.goto(f"{live_server.url}/account/signup")
    page.fill("input[name=username]", "new-reader")
    page.fill("input[name=password1]", "lantern-harbour-quiet-58")
    page.fill("input[name=password2]", "lantern-harbour-quiet-58")
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/welcome?**")
    page.fill("input[name=home]", "Little Rock, Arkansas, US")
    page.click("button[name=find_places]")
    page.wait_for_selector("legend:has-text('Places near Little Rock')")
    page.check(f"input[name=places][value='{little_rock.pk}']")
    page.check(f"input[name=topics][value='{housing.pk}']")
    _shot(page, "onboarding", size)
    page.click("button:has-text('Follow and continue')")
    page.wait_for_url("**/for-you")
    followed = {f.channel for f in Follow.objects.filter(user__username="new-reader", muted=False)}
    assert followed == {little_rock, housing}
    assert Profile.objects.get(user__username="new-reader").home_name == "Little Rock"
    assert "You now follow Little Rock and Housing." in page.locator(".messages").inner_text()
    _shot(page, "onboarding-done", size)


# What a thumb presses: every button and link-button in follow rows, comments, pagers and menus.
TAP_TARGETS = (".nav a, .nav button, .masthead__search button, .follow__button, .chips a, .pager a, "
               ".account-nav a, .follow-group li > a, .comment__actions a, .comment__actions button, "
               ".comment__actions summary, .comments__reply summary, .comment-form button")
MEASURE = """selector => [...document.querySelectorAll(selector)]
  .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.height > 0)
  .map(([e, r]) => ({what: e.outerHTML.slice(0, 90), width: r.width, height: r.height}))"""


def _too_small(page) -> list[dict]:
    seen = page.evaluate(MEASURE, TAP_TARGETS)
    assert seen, "nothing was measured"
    return [s for s in seen if s["width"] < 44 or s["height"] < 44]


def test_tap_targets_are_44_px_on_a_phone(live_server, browser_page):
    channel = _person()
    for _ in range(31):  # one more than a page, for the pager
        ArticleChannelFactory(article=ArticleFactory(), channel=channel, relation="subject", score=0.9)
    article = channel.article_links.first().article
    user = UserFactory()
    CommentFactory(article=article, user=user, body="Mine")
    CommentFactory(article=article, body="Someone else's")
    FollowFactory(user=user, channel=channel)
    page = browser_page
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + channel.get_absolute_url())  # a visitor first
    assert _too_small(page) == []
    log_in(page, live_server.url, user, channel.get_absolute_url())
    assert page.locator(".pager a").count() >= 1
    for path in (channel.get_absolute_url(), article.get_absolute_url(), "/account/following", "/account/"):
        page.goto(live_server.url + path)
        assert _too_small(page) == [], path
        # Signed in, the menu holds more links; it still fits the phone and the masthead stays one row.
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth"), path
        assert page.evaluate("document.querySelector('header').getBoundingClientRect().height") <= 64, path
    page.goto(live_server.url + article.get_absolute_url() + "#comments")
    assert Comment.objects.filter(article=article).count() == 2
    assert page.locator(".comment__actions summary").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "tap-targets-phone.png"))
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / "tap-targets-desktop.png"))
