"""The follow buttons' script in a real headless Chromium: no reload, every matching button updated."""

from __future__ import annotations

import pytest

from localwire.channels.models import Channel
from localwire.community.models import Follow
from localwire.testing.factories import PASSWORD, ArticleChannelFactory, ArticleFactory, ChannelFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_follow_and_mute_without_a_reload(live_server, browser_page):
    user = UserFactory()
    channel = ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz", name="Ana Ruiz")
    ArticleChannelFactory(article=ArticleFactory(), channel=channel, relation="subject", score=0.9)
    page = browser_page
    page.goto(f"{live_server.url}/account/login?next=/c/person/ana-ruiz/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/c/person/ana-ruiz/")

    page.evaluate("window.stillHere = true")
    follow = page.locator(".follow-row form[data-follow=follow] button")
    mute = page.locator(".follow-row form[data-follow=mute] button")
    assert follow.get_attribute("aria-pressed") == "false"
    follow.click()
    page.wait_for_selector(".follow-row form[data-follow=follow] button[aria-pressed=true]")
    assert page.evaluate("window.stillHere") is True  # the page was not reloaded
    assert Follow.objects.get(user=user, channel=channel).muted is False

    mute.click()  # muting takes the follow away, and the follow button says so
    page.wait_for_selector(".follow-row form[data-follow=mute] button[aria-pressed=true]")
    assert follow.get_attribute("aria-pressed") == "false"
    assert page.locator(".follow-row form[data-follow=follow] input[name=action]").input_value() == "follow"
    assert page.evaluate("window.stillHere") is True
    assert Follow.objects.get(user=user, channel=channel).muted is True
