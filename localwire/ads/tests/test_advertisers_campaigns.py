"""Campaigns as their advertiser makes them, below the API: where a campaign stands (delivery),
what a schedule's dates mean, channel aliases, the landing check's words, decisions that race."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from localwire.ads import campaigns, landing, ledger, review
from localwire.ads.accounts import Conflict, Refused, plain_text
from localwire.ads.campaign_fields import clean_schedule
from localwire.ads.models import Advertiser
from localwire.ads.targeting import clean_channels
from localwire.ads.versions import campaigns_version
from localwire.channels.models import ChannelAlias
from localwire.testing.factories import CampaignFactory, ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded():
    """An approved campaign whose advertiser has money."""
    campaign = CampaignFactory()
    ledger.credit(campaign.advertiser_id, Decimal("50.00"))
    campaign.advertiser.refresh_from_db()
    return campaign


def test_delivery_says_why_an_approved_campaign_does_or_does_not_show(funded):
    now = timezone.now()
    assert campaigns.delivery(funded, now) == "delivering"
    assert campaigns.delivery(funded, funded.start_at - timedelta(seconds=1)) == "scheduled"
    assert campaigns.delivery(funded, funded.end_at + timedelta(seconds=1)) == "ended"
    funded.committed = funded.budget_total
    assert campaigns.delivery(funded, now) == "budget_spent"
    funded.committed = Decimal(0)
    funded.advertiser.held = funded.advertiser.balance
    assert campaigns.delivery(funded, now) == "no_funds"
    funded.advertiser.status = Advertiser.Status.SUSPENDED
    assert campaigns.delivery(funded, now) == "suspended"
    for status in ("in_review", "rejected", "archived"):
        funded.status = status
        assert campaigns.delivery(funded, now) == status
    assert set(campaigns.DELIVERY_WORDS) >= {"paused", "delivering", "no_funds", "budget_spent", "ended"}


def test_a_campaign_without_money_has_no_funds():
    assert campaigns.delivery(CampaignFactory()) == "no_funds"


def test_a_date_is_local_midnight_and_an_end_date_the_end_of_that_day(settings):
    settings.TIME_ZONE = "America/Chicago"
    timezone.activate(ZoneInfo("America/Chicago"))
    try:
        found = clean_schedule({"start": "2099-03-01", "end": "2099-03-31"})
    finally:
        timezone.deactivate()
    chicago = ZoneInfo("America/Chicago")
    assert found["start_at"] == datetime(2099, 3, 1, 0, 0, tzinfo=chicago)
    assert found["end_at"] == datetime(2099, 3, 31, 23, 59, 59, tzinfo=chicago)
    zoned = clean_schedule({"start": "2099-03-01T08:00:00Z", "end": "2099-03-02T08:00:00+02:00"})
    assert zoned["start_at"] == datetime(2099, 3, 1, 8, tzinfo=ZoneInfo("UTC"))
    assert zoned["end_at"] == datetime(2099, 3, 2, 6, tzinfo=ZoneInfo("UTC"))


def test_a_channel_alias_is_stored_as_its_channel():
    sports = ChannelFactory(kind="topic", slug="sports", name="Sports")
    ChannelAlias.objects.create(kind="topic", slug="athletics", channel=sports)
    assert clean_channels(["topic/athletics", "/c/topic/sports/", "topic/sports"]) == ["topic/sports"]


def test_plain_text_makes_white_space_one_space_and_refuses_control_characters():
    assert plain_text("  Fresh\n bread\t ", "creative.headline", "The headline", 90) == "Fresh bread"
    with pytest.raises(Refused, match="control characters") as refused:
        plain_text("Fresh\x00bread", "creative.headline", "The headline", 90)
    assert refused.value.field == "creative.headline"


def test_every_change_that_could_change_delivery_announces_itself(funded):
    before = campaigns_version()
    time.sleep(0.001)
    campaigns.pause(funded)
    paused = campaigns_version()
    assert paused != before
    campaigns.resume(funded)
    assert campaigns_version() != paused


def test_a_rejected_campaign_edited_goes_back_to_review_and_an_archived_one_is_not_edited(funded):
    funded.status, funded.review_reason = "rejected", "Too loud"
    funded.save()
    campaigns.update(funded, {"creative": {"headline": "Quieter now"}})
    funded.refresh_from_db()
    assert funded.status == "in_review" and funded.review_reason == "" and funded.headline == "Quieter now"
    campaigns.archive(funded)
    with pytest.raises(Conflict, match="archived"):
        campaigns.update(funded, {"name": "Again"})


def test_an_edit_never_writes_back_money_a_lease_moved_meanwhile(funded):
    stale = type(funded).objects.get(pk=funded.pk)
    type(funded).objects.filter(pk=funded.pk).update(committed=Decimal("3.25"))
    campaigns.update(stale, {"name": "Renamed", "bid_cpm": "6"})
    funded.refresh_from_db()
    assert funded.name == "Renamed" and funded.committed == Decimal("3.25")


def test_two_moderators_deciding_at_once_get_one_decision(funded):
    funded.status = "in_review"
    funded.save()
    first, second = (type(funded).objects.select_related("advertiser__owner").get(pk=funded.pk) for _ in range(2))
    review.decide(first, UserFactory(), "reject", "Not local.")
    with pytest.raises(Conflict, match="someone else"):
        review.decide(second, UserFactory(), "reject", "Also not local.")
    funded.refresh_from_db()
    assert funded.status == "rejected" and funded.review_reason == "Not local."


def test_a_slow_landing_page_is_said_in_plain_words(site, monkeypatch):
    def slow(request):
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, b"late"

    site.route("/slow", slow)
    monkeypatch.setattr(landing, "DEADLINE_SECONDS", 0.5)
    found = landing.check_landing(site.url("/slow"))
    assert found["ok"] is False and found["detail"] == "took longer than 0.5 s" and found["checked_at"]


def test_a_redirected_landing_page_names_where_it_ended(site):
    site.route("/old", lambda request: (301, {"Location": "/new"}, b""))
    site.route("/new", lambda request: (200, {"Content-Type": "text/html"}, b"here"))
    found = landing.check_landing(site.url("/old"))
    assert found["ok"] is True and found["detail"] == f"answered HTTP 200 (after redirects, at {site.url('/new')})"


def test_the_preview_is_a_served_ad_with_a_proxied_image():
    campaign = CampaignFactory(image_url="https://bakery.example/loaf.jpg")
    ad = campaigns.preview_ad(campaign)
    assert ad.reason == "Preview" and ad.price_micros == 0 and ad.label == "Sponsored"
    assert ad.image_url.startswith("/img/") and ad.image_url.endswith("?w=640")
    assert ad.advertiser == campaign.advertiser.name and ad.click_url == campaign.landing_url
    assert campaigns.preview_ad(CampaignFactory()).image_url == ""


def test_an_ended_campaign_keeps_its_end_but_a_new_end_must_be_ahead(funded):
    ended = timezone.now() - timedelta(days=1)
    type(funded).objects.filter(pk=funded.pk).update(start_at=ended - timedelta(days=5), end_at=ended)
    funded.refresh_from_db()
    start = (ended - timedelta(days=6)).isoformat()
    campaigns.update(funded, {"schedule": {"start": start}, "name": "Last spring"})
    funded.refresh_from_db()
    assert funded.name == "Last spring" and funded.end_at == ended
    with pytest.raises(Refused, match="in the future") as refused:
        campaigns.update(funded, {"schedule": {"end": (ended - timedelta(hours=1)).isoformat()}})
    assert refused.value.field == "schedule.end"


def test_a_campaign_edited_after_the_moderator_read_it_is_not_decided(funded):
    funded.status = "in_review"
    funded.save()
    read = type(funded).objects.select_related("advertiser__owner").get(pk=funded.pk)
    seen = read.updated_at
    campaigns.update(funded, {"creative": {"headline": "Something else entirely"}})
    with pytest.raises(Conflict, match="changed this campaign since you opened it"):
        review.decide(read, UserFactory(), "reject", "Not local.", seen=seen)
    fresh = type(funded).objects.select_related("advertiser__owner").get(pk=funded.pk)
    review.decide(fresh, UserFactory(), "reject", "Not local.", seen=fresh.updated_at)
    assert fresh.status == "rejected"
