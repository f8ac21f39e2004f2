"""/api/v1/me/advertiser, /api/v1/me/campaigns and /api/v1/moderation/campaigns: accounts, campaigns
as their advertiser makes them, and moderators' decisions."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core import mail

from localwire.ads import ledger
from localwire.ads.models import Advertiser, Campaign
from localwire.channels.models import Channel
from localwire.testing.clients import bearer_client
from localwire.testing.factories import (AdvertiserFactory, CampaignFactory, ChannelFactory, ModeratorFactory,
                                         UserFactory)

BASE = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site):
    """The advertiser's own site: a landing page that answers, and one that is gone."""
    site.route("/shop", lambda request: (200, {"Content-Type": "text/html"}, b"<p>Open daily</p>"))
    site.route("/gone", lambda request: (404, {"Content-Type": "text/html"}, b"gone"))
    return site


@pytest.fixture
def person():
    return bearer_client(UserFactory(email="owner@bakery.example"))


@pytest.fixture
def advertiser(person):
    return AdvertiserFactory(owner=person.user, name="Corner Bakery")


@pytest.fixture
def moderator():
    return bearer_client(ModeratorFactory().user)


def post(client, path, data=None):
    return client.post(BASE + path, json.dumps(data or {}), content_type="application/json")


def patch(client, path, data):
    return client.patch(BASE + path, json.dumps(data), content_type="application/json")


def campaign_body(site, **changes) -> dict:
    if not Channel.objects.filter(kind="topic", slug="sports").exists():
        ChannelFactory(kind="topic", slug="sports", name="Sports")
    return {"name": "Winter bread", "creative": {
        "headline": "Fresh bread every morning", "body": "Baked on Main Street.", "brand": "Corner Bakery",
        "cta": "See the menu", "landing_url": site.url("/shop")},
        "targeting": {"channels": ["topic/sports"]},
        "schedule": {"start": "2026-01-01", "end": "2099-12-31"}, "budget": {"total": "100.00", "daily": 10},
        "bid_cpm": "4.50", **changes}


def test_an_account_is_opened_once_and_shows_its_money(person):
    answer = post(person, "/me/advertiser", {"name": "Corner Bakery", "website": "https://bakery.example/"})
    assert answer.status_code == 201
    found = answer.json()
    assert found["name"] == "Corner Bakery" and found["status"] == "active"
    assert found["balance"] == "0.00" and found["available"] == "0.00" and found["currency"] == "USD"
    ledger.credit(found["id"], Decimal("25.50"), note="first credit")
    Advertiser.objects.filter(pk=found["id"]).update(held=Decimal("0.5"))
    again = person.get(BASE + "/me/advertiser").json()
    assert again["balance"] == "25.50" and again["available"] == "25.00"
    second = post(person, "/me/advertiser", {"name": "Another", "website": "https://other.example/"})
    assert second.status_code == 409 and Advertiser.objects.count() == 1
    entries = person.get(BASE + "/me/advertiser/ledger").json()["entries"]
    assert [(e["kind"], e["amount"], e["balance_after"], e["note"]) for e in entries] == [
        ("credit", "25.50", "25.50", "first credit")]


def test_no_account_is_404_and_a_bad_website_is_400(person):
    assert person.get(BASE + "/me/advertiser").status_code == 404
    answer = post(person, "/me/advertiser", {"name": "Corner Bakery", "website": "ftp://bakery.example/"})
    assert answer.status_code == 400 and answer.json()["field"] == "website"


def test_a_campaign_is_created_in_review_with_its_landing_page_checked(site, person, advertiser):
    answer = post(person, "/me/campaigns", campaign_body(site))
    assert answer.status_code == 201, answer.json()
    found = answer.json()
    assert found["status"] == "in_review" and found["delivery"] == "in_review"
    assert found["budget"] == {"total": "100.00", "daily": "10.00", "spent": "0.00", "committed": "0.00"}
    assert found["bid_cpm"] == "4.50" and found["frequency_cap"] == 3
    assert found["targeting"] == {"places": [], "radius_km": 25.0, "channels": ["topic/sports"]}
    assert found["landing_check"]["ok"] is True and found["landing_check"]["detail"] == "answered HTTP 200"
    assert found["review"] == {"reason": None, "reviewed_at": None}
    assert found["schedule"]["start"].startswith("2026-01-01T00:00:00")
    assert found["schedule"]["end"].startswith("2099-12-31T23:59:59")
    assert [c["id"] for c in person.get(BASE + "/me/campaigns").json()] == [found["id"]]


def test_a_place_is_resolved_by_the_gazetteer(site, person, advertiser):
    body = campaign_body(site, targeting={"places": ["Little Rock, Arkansas"], "radius_km": 40})
    found = post(person, "/me/campaigns", body).json()
    [place] = found["targeting"]["places"]
    assert place["label"] == "Little Rock, Arkansas, US" and place["geonameid"] == 4119403
    assert found["targeting"]["radius_km"] == 40
    several = post(person, "/me/campaigns", campaign_body(site, targeting={"places": ["Springfield"]}))
    assert several.status_code == 400 and several.json()["field"] == "targeting.places"
    assert "Springfield, Illinois, US" in several.json()["choices"]
    none = post(person, "/me/campaigns", campaign_body(site, targeting={"places": ["Qwxzvillebury"]}))
    assert none.status_code == 400 and "No city called “Qwxzvillebury”" in none.json()["detail"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"creative": {"headline": "x" * 91, "brand": "B", "cta": "Go", "landing_url": "https://a.example/"}},
     "creative.headline", "at most 90"),
    ({"creative": {"headline": "Hi", "brand": "", "cta": "Go", "landing_url": "https://a.example/"}},
     "creative.brand", "required"),
    ({"creative": {"headline": "Hi\x07", "brand": "B", "cta": "Go", "landing_url": "https://a.example/"}},
     "creative.headline", "control characters"),
    ({"creative": {"headline": "Hi", "brand": "B", "cta": "Go", "landing_url": "javascript:alert(1)"}},
     "creative.landing_url", "http:// or https://"),
    ({"targeting": {"places": [], "channels": []}}, "targeting", "at least one place or one channel"),
    ({"targeting": {"channels": ["topic/knitting"]}}, "targeting.channels", "not one of ours"),
    ({"targeting": {"channels": ["topic/sports"], "radius_km": 500}}, "targeting.radius_km", "1 to 300"),
    ({"schedule": {"start": "2099-01-02", "end": "2099-01-01"}}, "schedule.end", "after the start"),
    ({"schedule": {"start": "2020-01-01", "end": "2020-02-01"}}, "schedule.end", "in the future"),
    ({"schedule": {"start": "soon", "end": "2099-02-01"}}, "schedule.start", "a date such as"),
    ({"budget": {"total": "10", "daily": "20"}}, "budget.daily", "cannot be more than the total"),
    ({"budget": {"total": 12.5}}, "budget.total", "written as a number in text"),
    ({"budget": {"total": "12.345"}}, "budget.total", "two decimals"),
    ({"budget": {"total": "0"}}, "budget.total", "more than zero"),
    ({"bid_cpm": "0.50"}, "bid_cpm", "at least 1.00 USD"),
    ({"frequency_cap": 21}, "frequency_cap", "from 1 to 20"),
    ({"name": ""}, "name", "required"),
])
def test_each_rule_is_a_400_naming_its_field(site, person, advertiser, changes, field, words):
    answer = post(person, "/me/campaigns", campaign_body(site, **changes))
    assert answer.status_code == 400
    assert answer.json()["field"] == field and words in answer.json()["detail"]
    assert not Campaign.objects.exists()


def test_whole_numbers_and_texts_are_money(site, person, advertiser):
    found = post(person, "/me/campaigns", campaign_body(site, budget={"total": 50}, bid_cpm=3)).json()
    assert found["budget"]["total"] == "50.00" and found["budget"]["daily"] is None and found["bid_cpm"] == "3.00"


def test_a_failed_landing_check_is_kept_and_blocks_approval_until_it_passes(site, person, advertiser, moderator):
    body = campaign_body(site)
    body["creative"]["landing_url"] = site.url("/gone")
    found = post(person, "/me/campaigns", body).json()
    assert found["status"] == "in_review" and found["landing_check"]["ok"] is False
    assert found["landing_check"]["detail"] == "answered HTTP 404"
    refused = post(moderator, f"/moderation/campaigns/{found['id']}/decision", {"decision": "approve"})
    assert refused.status_code == 400 and "answered HTTP 404" in refused.json()["detail"]
    assert Campaign.objects.get().status == "in_review"
    site.route("/gone", lambda request: (200, {"Content-Type": "text/html"}, b"back"))
    approved = post(moderator, f"/moderation/campaigns/{found['id']}/decision", {"decision": "approve"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["landing_check"]["ok"] is True


def test_a_private_landing_address_is_refused_by_the_guarded_fetcher(site, person, advertiser, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""  # as in production
    found = post(person, "/me/campaigns", campaign_body(site)).json()
    assert found["landing_check"]["ok"] is False
    assert found["landing_check"]["detail"].startswith("refused:") and "loopback" in found["landing_check"]["detail"]
    assert site.requests == []


def test_a_landing_name_resolving_to_a_private_address_is_refused(site, person, advertiser, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    body = campaign_body(site)
    body["creative"]["landing_url"] = site.url("/shop", host="localhost")
    check = post(person, "/me/campaigns", body).json()["landing_check"]
    assert check["ok"] is False and check["detail"].startswith("refused: localhost resolves to a refused address")
    assert site.requests == []


def test_someone_elses_campaign_is_404(person, advertiser):
    theirs = CampaignFactory()
    assert person.get(BASE + f"/me/campaigns/{theirs.pk}").status_code == 404
    assert patch(person, f"/me/campaigns/{theirs.pk}", {"name": "Mine now"}).status_code == 404
    assert post(person, f"/me/campaigns/{theirs.pk}/pause").status_code == 404
    assert Campaign.objects.get().status == "approved"


def test_pause_and_resume(person, advertiser):
    campaign = CampaignFactory(advertiser=advertiser)
    paused = post(person, f"/me/campaigns/{campaign.pk}/pause")
    assert paused.status_code == 200 and paused.json()["status"] == "paused" and paused.json()["delivery"] == "paused"
    assert post(person, f"/me/campaigns/{campaign.pk}/pause").status_code == 409
    assert post(person, f"/me/campaigns/{campaign.pk}/resume").json()["status"] == "approved"
    again = post(person, f"/me/campaigns/{campaign.pk}/resume")
    assert again.status_code == 409 and "Only a paused campaign" in again.json()["detail"]


def test_a_change_to_the_creative_sends_an_approved_campaign_back_to_review(person, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, reviewed_by=UserFactory(), review_reason="Fine")
    kept = patch(person, f"/me/campaigns/{campaign.pk}", {"name": "Renamed", "bid_cpm": "6",
                                                         "budget": {"daily": "5"}, "frequency_cap": 5}).json()
    assert kept["status"] == "approved" and kept["name"] == "Renamed" and kept["bid_cpm"] == "6.00"
    assert kept["budget"]["daily"] == "5.00" and kept["budget"]["total"] == "100.00" and kept["frequency_cap"] == 5
    changed = patch(person, f"/me/campaigns/{campaign.pk}", {"creative": {"headline": "Now with croissants"}}).json()
    assert changed["status"] == "in_review" and changed["review"] == {"reason": None, "reviewed_at": None}
    assert changed["creative"]["headline"] == "Now with croissants" and changed["creative"]["cta"] == "See the menu"
    campaign.refresh_from_db()
    assert campaign.reviewed_by is None and campaign.headline == "Now with croissants"


def test_a_change_to_the_targeting_of_a_paused_campaign_sends_it_back_to_review(person, advertiser):
    ChannelFactory(kind="topic", slug="weather", name="Weather")
    campaign = CampaignFactory(advertiser=advertiser, status="paused")
    changed = patch(person, f"/me/campaigns/{campaign.pk}", {"targeting": {"channels": ["topic/weather"]}}).json()
    assert changed["status"] == "in_review" and changed["targeting"]["channels"] == ["topic/weather"]


def test_the_total_cannot_go_below_what_is_committed(person, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, committed=Decimal("40"))
    answer = patch(person, f"/me/campaigns/{campaign.pk}", {"budget": {"total": "30"}})
    assert answer.status_code == 400 and answer.json()["field"] == "budget.total"
    raised = patch(person, f"/me/campaigns/{campaign.pk}", {"budget": {"total": "45"}}).json()
    assert raised["budget"]["total"] == "45.00"


def test_moderation_is_for_moderators(person, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review")
    assert person.get(BASE + "/moderation/campaigns").status_code == 403
    answer = post(person, f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "approve"})
    assert answer.status_code == 403 and Campaign.objects.get().status == "in_review"


def test_reject_needs_a_reason_and_a_second_decision_is_409(person, advertiser, moderator,
                                                            django_capture_on_commit_callbacks):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review")
    queue = moderator.get(BASE + "/moderation/campaigns?status=in_review").json()["campaigns"]
    assert [(c["id"], c["advertiser"]["name"]) for c in queue] == [(campaign.pk, "Corner Bakery")]
    no_reason = post(moderator, f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "reject"})
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        rejected = post(moderator, f"/moderation/campaigns/{campaign.pk}/decision",
                        {"decision": "reject", "reason": "The menu page makes health claims."})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert rejected.json()["review"]["reason"] == "The menu page makes health claims."
    again = post(moderator, f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "approve"})
    assert again.status_code == 409 and Campaign.objects.get().status == "rejected"
    [message] = mail.outbox
    assert message.to == ["owner@bakery.example"] and "health claims" in message.body


def test_at_most_twenty_campaigns_wait_in_review(site, person, advertiser):
    CampaignFactory.create_batch(20, advertiser=advertiser, status="in_review")
    answer = post(person, "/me/campaigns", campaign_body(site))
    assert answer.status_code == 409 and "waiting for review" in answer.json()["detail"]


def test_a_decision_on_a_version_no_longer_current_is_409(person, advertiser, moderator):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review")
    seen = moderator.get(BASE + "/moderation/campaigns").json()["campaigns"][0]["updated_at"]
    patch(person, f"/me/campaigns/{campaign.pk}", {"creative": {"body": "Now open on Sundays."}})
    answer = post(moderator, f"/moderation/campaigns/{campaign.pk}/decision",
                  {"decision": "reject", "reason": "Not local.", "seen": seen})
    assert answer.status_code == 409 and Campaign.objects.get().status == "in_review"


def test_a_decision_on_the_current_version_goes_through(person, advertiser, moderator):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review")
    seen = moderator.get(BASE + "/moderation/campaigns").json()["campaigns"][0]["updated_at"]
    answer = post(moderator, f"/moderation/campaigns/{campaign.pk}/decision",
                  {"decision": "reject", "reason": "Not local.", "seen": seen})
    assert answer.status_code == 200 and Campaign.objects.get().status == "rejected"
