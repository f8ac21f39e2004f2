"""GET /api/v1/ads (anonymous allowed; a reader's hides apply) and /api/v1/me/ad-hides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from localwire.ads import counting
from localwire.ads.models import AdHide
from localwire.ads.tests.delivery_fixtures import (
    BROWSER, LITTLE_ROCK, article_about, clean_slate, funded, little_rock, topic,
)
from localwire.testing.clients import bearer_client
from localwire.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
__all__ = ["clean_slate"]
FIELDS = {"id", "headline", "body", "brand", "cta", "image_url", "click_url", "label", "reason", "advertiser",
          "why_url"}


def _ads(client=None, **params):
    return (client or Client()).get("/api/v1/ads", params, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")


def test_an_article_placement_returns_the_ad_in_the_contract_shape():
    campaign = funded(image_url="https://bakery.example/bread.jpg")
    story = article_about(topic())
    response = _ads(placement="article", article_id=story.pk)
    assert response.status_code == 200
    [ad] = response.json()["ads"]
    assert set(ad) == FIELDS
    assert ad["id"] == campaign.pk and ad["label"] == "Sponsored" and ad["reason"] == "Shown on Sports news"
    assert ad["click_url"].startswith("http://testserver/ad/c/")
    assert ad["image_url"].startswith("http://testserver/img/") and "bakery.example" not in ad["image_url"]
    assert ad["why_url"].startswith("http://testserver/ad/why/")
    assert Client(HTTP_USER_AGENT=BROWSER).get(ad["click_url"])["Location"] == campaign.landing_url
    assert cache.get(counting.pending_key("impressions", timezone.localdate(), campaign.pk)) == 1


def test_other_placements():
    campaign = funded(channels=["city/little-rock-ar-us"], places=[LITTLE_ROCK])
    city = little_rock()
    story = article_about(city)
    assert [a["id"] for a in _ads(placement="channel", channel="city/little-rock-ar-us").json()["ads"]] == [
        campaign.pk]
    assert _ads(placement="home", article_ids=f"{story.pk}").json()["ads"][0]["id"] == campaign.pk
    local = _ads(placement="local", place="little-rock-ar-us").json()["ads"]
    assert local[0]["reason"] == "Shown to readers who chose Little Rock as their Local city"
    assert _ads(placement="for-you").json() == {"ads": []}  # nothing on the page, no city chosen


def test_count_asks_for_several_different_ads():
    funded(bid_cpm=Decimal("4.00")), funded(bid_cpm=Decimal("3.00"))
    ads = _ads(placement="article", article_id=article_about(topic()).pk, count=3).json()["ads"]
    assert len(ads) == 2 and ads[0]["id"] != ads[1]["id"]


@pytest.mark.parametrize("params,status", [
    ({"placement": "sidebar"}, 400), ({"placement": "article"}, 400), ({"placement": "channel"}, 400),
    ({"placement": "channel", "channel": "topic/nothing"}, 404), ({"placement": "home", "article_ids": "1,x"}, 400),
    ({"placement": "home", "count": 9}, 400),
])
def test_bad_requests_are_refused(params, status):
    assert _ads(**params).status_code == status


def test_a_bearer_tokens_hides_apply():
    reader = UserFactory()
    campaign = funded()
    AdHide.objects.create(user=reader, advertiser=campaign.advertiser)
    story = article_about(topic())
    assert _ads(bearer_client(reader), placement="article", article_id=story.pk).json() == {"ads": []}
    assert len(_ads(placement="article", article_id=story.pk).json()["ads"]) == 1


def test_bots_get_no_ads():
    funded()
    story = article_about(topic())
    response = Client().get("/api/v1/ads", {"placement": "article", "article_id": story.pk},
                            HTTP_USER_AGENT="curl/8.5")
    assert response.json() == {"ads": []}


def test_a_reader_adds_lists_and_deletes_hides():
    reader = UserFactory()
    campaign = funded()
    client = bearer_client(reader)
    made = client.post("/api/v1/me/ad-hides", {"campaign": campaign.pk}, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["campaign"] == campaign.pk and made.json()["advertiser"] is None
    assert client.post("/api/v1/me/ad-hides", {"campaign": campaign.pk},
                       content_type="application/json").status_code == 200  # already hidden
    by_advertiser = client.post("/api/v1/me/ad-hides", {"advertiser": campaign.advertiser_id},
                                content_type="application/json")
    assert by_advertiser.json()["description"] == f"Every ad from {campaign.advertiser.name}"
    listed = client.get("/api/v1/me/ad-hides").json()["hides"]
    assert {h["id"] for h in listed} == {made.json()["id"], by_advertiser.json()["id"]}
    assert client.delete(f"/api/v1/me/ad-hides/{made.json()['id']}").status_code == 204
    assert client.delete(f"/api/v1/me/ad-hides/{made.json()['id']}").status_code == 404
    assert [h["advertiser"] for h in client.get("/api/v1/me/ad-hides").json()["hides"]] == [
        campaign.advertiser_id]


def test_hides_are_the_readers_own():
    owner, other = UserFactory(), UserFactory()
    hide = AdHide.objects.create(user=owner, campaign=funded())
    assert bearer_client(other).delete(f"/api/v1/me/ad-hides/{hide.pk}").status_code == 404
    assert bearer_client(other).get("/api/v1/me/ad-hides").json() == {"hides": []}
    assert Client().get("/api/v1/me/ad-hides").status_code == 401


@pytest.mark.parametrize("body,status", [({}, 400), ({"campaign": 1, "advertiser": 1}, 400),
                                         ({"campaign": 999999}, 404)])
def test_a_hide_names_one_thing_that_exists(body, status):
    response = bearer_client(UserFactory()).post("/api/v1/me/ad-hides", body, content_type="application/json")
    assert response.status_code == status
