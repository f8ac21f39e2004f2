"""Targeting: a campaign fits a page by its channels, its towns' radius, or the reader's Local
city — and a town's campaign never fits a story from the other side of the world."""

from __future__ import annotations

import pytest
from django.utils import timezone

from localwire.ads import context, decide, index, matching
from localwire.ads.models import Advertiser, Campaign
from localwire.ads.tests.delivery_fixtures import (
    LITTLE_ROCK, almaty, article_about, city, clean_slate, funded, little_rock, reader_request, topic,
)
from localwire.channels.models import Channel
from localwire.testing.factories import ChannelFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
__all__ = ["clean_slate"]


def _eligible(page):
    return {i: reason for i, (_, reason) in matching.eligible(index.current(), page, timezone.now()).items()}


def test_a_little_rock_campaign_shows_on_a_little_rock_article():
    campaign = funded(channels=[], places=[LITTLE_ROCK], radius_km=25)
    story = article_about(little_rock(), topic())
    ad = decide.choose(reader_request(), context.for_article(story.pk))
    assert ad is not None and ad.campaign_id == campaign.pk
    assert ad.reason == "Shown on news about Little Rock"


def test_a_little_rock_campaign_never_shows_on_a_story_about_kazakhstan():
    funded(channels=["city/little-rock-ar-us"], places=[LITTLE_ROCK], radius_km=500)
    kazakhstan = ChannelFactory(kind=Channel.Kind.COUNTRY, name="Kazakhstan", slug="kz", lat=48.0, lon=68.0)
    story = article_about(almaty(), kazakhstan, topic())
    assert _eligible(context.for_article(story.pk)) == {}
    assert decide.choose(reader_request(), context.for_article(story.pk)) is None


def test_the_radius_reaches_a_nearby_town_and_no_further():
    near = funded(channels=[], places=[LITTLE_ROCK], radius_km=25)
    far = funded(channels=[], places=[{**LITTLE_ROCK, "lat": 36.06, "lon": -94.16}], radius_km=25)  # Fayetteville
    conway = city("Conway", "conway-ar-us", 35.0887, -92.4421)  # about 41 km from Little Rock
    north = city("North Little Rock", "north-little-rock-ar-us", 34.7695, -92.2671)  # about 3 km
    assert _eligible(context.for_article(article_about(north).pk)) == {
        near.pk: "Shown on news about North Little Rock"}
    assert _eligible(context.for_article(article_about(conway).pk)) == {}
    assert far.pk not in _eligible(context.for_article(article_about(north).pk))


def test_a_topic_channel_matches_and_says_so():
    campaign = funded(channels=["topic/sports"])
    story = article_about(topic("Sports", "sports"))
    assert _eligible(context.for_article(story.pk)) == {campaign.pk: "Shown on Sports news"}


def test_a_place_match_is_named_before_a_topic_match():
    campaign = funded(channels=["topic/sports", "city/little-rock-ar-us"])
    story = article_about(topic("Sports", "sports"), little_rock())
    assert _eligible(context.for_article(story.pk)) == {campaign.pk: "Shown on news about Little Rock"}


def test_the_readers_local_city_matches_on_any_page():
    campaign = funded(channels=[], places=[LITTLE_ROCK], radius_km=25)
    little_rock()
    unrelated = article_about(topic("Economy", "economy"))
    request = reader_request()
    request.COOKIES["lw_local"] = "little-rock-ar-us"
    page = context.for_articles("home", [unrelated.pk], context.local_city(request, "home"))
    assert _eligible(page) == {campaign.pk: "Shown to readers who chose Little Rock as their Local city"}
    assert _eligible(context.for_articles("home", [unrelated.pk])) == {}


def test_a_signed_in_readers_home_city_is_their_local_city(django_user_model):
    from localwire.testing.factories import ProfileFactory

    profile = ProfileFactory(home_name="Little Rock", home_lat=34.75, home_lon=-92.29)
    request = reader_request(user=profile.user)
    assert context.local_city(request, "for-you") == ("Little Rock", 34.75, -92.29)


def test_a_channel_page_is_its_channel():
    campaign = funded(channels=["city/little-rock-ar-us"])
    channel = little_rock()
    assert _eligible(context.for_channel(channel.pk)) == {campaign.pk: "Shown on news about Little Rock"}


def test_only_deliverable_campaigns_are_in_the_index():
    live = funded()
    paused = funded(status=Campaign.Status.PAUSED)
    spent = funded(budget_total="10.00")
    Campaign.objects.filter(pk=spent.pk).update(committed="10.00")
    ended = funded(end_at=timezone.now() - timezone.timedelta(minutes=1))
    suspended = funded()
    Advertiser.objects.filter(pk=suspended.advertiser_id).update(status=Advertiser.Status.SUSPENDED)
    assert set(index.current().campaigns) == {live.pk}
    assert {paused.pk, spent.pk, ended.pk, suspended.pk}.isdisjoint(index.current().campaigns)


def test_the_index_is_rebuilt_when_campaigns_change():
    from localwire.ads import versions

    first = funded()
    assert set(index.current().campaigns) == {first.pk}
    second = funded()
    versions.campaigns_changed()
    index._checked = 0.0  # as if a second had passed
    assert set(index.current().campaigns) == {first.pk, second.pk}
