"""Follow buttons that say what they do, a visitor's follow carried through log-in and sign-up,
and the page a new reader picks places and topics on."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from localwire.channels.models import Channel
from localwire.community.models import Follow, Profile
from localwire.testing.clients import csrf_checking_client
from localwire.testing.factories import (
    PASSWORD, ArticleChannelFactory, ArticleFactory, ChannelFactory, FollowFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db


def _button(page: str, verb: str) -> str:
    """The <button> of the first form for ``verb`` ("follow" or "mute") on the page."""
    form = page.split(f'data-follow="{verb}"')[1]
    return form[form.index("<button"):form.index("</button>") + len("</button>")]


def _shown(button: str) -> dict[str, str]:
    return dict(re.findall(r'<span class="when-(\w+)">([^<]*)</span>', button))


def test_buttons_say_following_and_muted_and_offer_the_way_back(client):
    user = UserFactory()
    followed = ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz", name="Ana Ruiz")
    muted = PublisherFactory(slug="river-gazette", name="River Gazette")
    FollowFactory(user=user, channel=followed)
    FollowFactory(user=user, channel=None, publisher=muted, muted=True)
    client.force_login(user)

    page = client.get(followed.get_absolute_url()).content.decode()
    follow = _button(page, "follow")
    assert 'aria-pressed="true"' in follow and 'title="Unfollow Ana Ruiz"' in follow
    assert _shown(follow) == {"off": "Follow", "on": "Following", "undo": "Unfollow"}
    assert 'aria-label="Follow Ana Ruiz"' in follow  # the toggle's name stays; aria-pressed says the state
    assert "✓ Follow" not in page

    page = client.get(reverse("publisher", kwargs={"slug": "river-gazette"})).content.decode()
    mute = _button(page, "mute")
    assert 'aria-pressed="true"' in mute and 'title="Unmute River Gazette"' in mute
    assert _shown(mute) == {"off": "Mute", "on": "Muted", "undo": "Unmute"}
    follow = _button(page, "follow")
    assert 'aria-pressed="false"' in follow and 'title="Follow River Gazette"' in follow


def test_the_stylesheet_shows_one_word_for_each_state():
    """Without script the words come from aria-pressed in CSS; the old "✓ " prefix is gone."""
    from django.contrib.staticfiles import finders

    css = open(finders.find("web/site.css"), encoding="utf-8").read()
    assert 'content: "✓ "' not in css
    assert '.follow__button[aria-pressed="false"] > .when-off' in css
    assert '.follow__button[aria-pressed="true"] > .when-on' in css
    assert ":is(:hover, :focus-visible) > .when-undo { visibility: visible; }" in css


def _visitor_link(client, channel) -> str:
    page = client.get(channel.get_absolute_url()).content.decode()
    return re.search(r'<a class="follow__button follow__login" href="([^"]+)"', page).group(1).replace("&amp;", "&")


def test_a_visitor_who_taps_follow_has_followed_once_logged_in(client):
    channel = ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing")
    user = UserFactory()
    link = _visitor_link(client, channel)
    assert link == "/account/login?next=/c/topic/housing/&follow=topic:housing"

    page = client.get(link).content.decode()  # opening the link changes nothing
    assert 'name="follow" value="topic:housing" checked' in page and "Housing" in page
    assert not Follow.objects.exists()

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                              "next": "/c/topic/housing/", "follow": "topic:housing"}, follow=True)
    assert response.redirect_chain[-1][0] == "/c/topic/housing/"
    assert Follow.objects.get(user=user).channel == channel
    assert "You now follow Housing." in response.content.decode()
    assert 'aria-pressed="true"' in _button(response.content.decode(), "follow")


def test_an_unticked_box_a_wrong_password_or_a_get_follows_nothing(client):
    ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing")
    user = UserFactory()
    client.post(reverse("login"), {"username": user.username, "password": "wrong", "follow": "topic:housing"})
    assert not Follow.objects.exists()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})  # box unticked
    assert not Follow.objects.exists()
    client.get(reverse("login") + "?follow=topic:housing")  # signed in now: a planted link does nothing
    client.get(reverse("signup") + "?follow=topic:housing")
    assert not Follow.objects.exists()


def test_the_log_in_form_needs_its_csrf_token_to_follow():
    ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing")
    user = UserFactory()
    strict = csrf_checking_client()
    response = strict.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                              "follow": "topic:housing"})
    assert response.status_code == 403 and not Follow.objects.exists()


def test_a_follow_for_nothing_known_is_ignored(client):
    user = UserFactory()
    page = client.get(reverse("login") + "?follow=topic:nowhere").content.decode()
    assert 'name="follow"' not in page
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                              "follow": "spaceship:x"})
    assert response.status_code == 302 and not Follow.objects.exists()


def test_sign_up_carries_the_follow_and_opens_the_onboarding_page(client):
    publisher = PublisherFactory(slug="river-gazette", name="River Gazette")
    login_page = client.get("/account/login?next=/publisher/river-gazette/&follow=publisher:river-gazette")
    signup_link = re.search(r'href="(/account/signup[^"]*)"', login_page.content.decode()).group(1)
    signup_link = signup_link.replace("&amp;", "&")
    assert "follow=publisher%3Ariver-gazette" in signup_link and "next=/publisher/river-gazette/" in signup_link
    page = client.get(signup_link).content.decode()
    assert 'name="follow" value="publisher:river-gazette" checked' in page
    response = client.post(signup_link, {"username": "newreader", "password1": PASSWORD, "password2": PASSWORD,
                                         "next": "/publisher/river-gazette/", "follow": "publisher:river-gazette"})
    assert response["Location"] == reverse("onboarding") + "?next=/publisher/river-gazette/"
    assert Follow.objects.get(user__username="newreader").publisher == publisher


def _topic_with_news(slug: str, name: str, articles: int = 1) -> Channel:
    topic = ChannelFactory(kind=Channel.Kind.TOPIC, slug=slug, name=name)
    for _ in range(articles):
        ArticleChannelFactory(article=ArticleFactory(), channel=topic)
    return topic


def _city_with_news(slug: str, name: str, lat: float, lon: float) -> Channel:
    city = ChannelFactory(kind=Channel.Kind.CITY, slug=slug, name=name, lat=lat, lon=lon, country_code="US")
    ArticleChannelFactory(article=ArticleFactory(), channel=city)
    return city


def test_onboarding_offers_topics_with_news_and_places_nearest_home(client):
    housing = _topic_with_news("housing", "Housing", articles=2)
    _topic_with_news("transport", "Transport")
    ChannelFactory(kind=Channel.Kind.TOPIC, slug="empty", name="Astrology")  # no articles
    conway = _city_with_news("conway-ar", "Conway", 35.09, -92.44)
    little_rock = _city_with_news("little-rock-ar", "Little Rock", 34.75, -92.29)
    _city_with_news("almaty-kz", "Almaty", 43.25, 76.95)  # a third city, offered but not picked
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("onboarding") + "?next=/for-you").content.decode()
    assert "Housing" in page and "Transport" in page and "Astrology" not in page
    assert "Places in the news" in page and "Almaty" in page

    response = client.post(reverse("onboarding"), {"home": "Little Rock, Arkansas, US", "find_places": "1",
                                                   "next": "/for-you"})
    assert response["Location"] == reverse("onboarding") + "?next=%2Ffor-you"
    assert Profile.objects.get(user=user).home_name == "Little Rock"
    page = client.get(response["Location"]).content.decode()
    assert "Places near Little Rock" in page
    near = re.findall(r'name="places" value="(\d+)"', page)
    assert near == [str(little_rock.pk), str(conway.pk)]  # nearest first; Almaty is too far to offer

    response = client.post(reverse("onboarding"), {"home": "Little Rock, Arkansas, US", "next": "/for-you",
                                                   "places": [str(little_rock.pk)], "topics": [str(housing.pk)]},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/for-you"
    assert {f.channel for f in Follow.objects.filter(user=user)} == {little_rock, housing}
    assert "You now follow Little Rock and Housing." in response.content.decode()


def test_onboarding_can_be_skipped_and_only_follows_what_it_offered(client):
    _topic_with_news("housing", "Housing")
    hidden = ChannelFactory(kind=Channel.Kind.PERSON, slug="someone")
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("onboarding") + "?next=/local").content.decode()
    assert '<a href="/local">Skip for now</a>' in page
    response = client.post(reverse("onboarding"), {"home": "", "next": "/local", "topics": [str(hidden.pk)]})
    assert response.status_code == 200 and not Follow.objects.exists()  # not on offer: refused
    assert client.get(reverse("onboarding")).status_code == 200
    assert Client().get(reverse("onboarding")).status_code == 302  # visitors are sent to log in
