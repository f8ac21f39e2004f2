"""Signed click links, "Why this ad?" and hiding ads."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from localwire.ads import clicks, context, counting, decide, index
from localwire.ads.models import AdHide, Campaign
from localwire.ads.tests.delivery_fixtures import (
    BROWSER, article_about, clean_slate, funded, reader_request, topic,
)
from localwire.testing.clients import csrf_checking_client
from localwire.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
__all__ = ["clean_slate"]


def _served(campaign=None, **fields):
    campaign = campaign or funded(**fields)
    ad = decide.choose(reader_request(), context.for_article(article_about(topic()).pk))
    assert ad is not None and ad.campaign_id == campaign.pk
    return campaign, ad


def _clicks(campaign) -> int:
    return cache.get(counting.pending_key("clicks", timezone.localdate(), campaign.pk)) or 0


def test_a_click_goes_to_the_landing_page_from_the_database_and_counts_once():
    campaign, ad = _served(landing_url="https://bakery.example/menu")
    Campaign.objects.filter(pk=campaign.pk).update(landing_url="https://bakery.example/spring")
    client = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    first, again = client.get(ad.click_url), client.get(ad.click_url)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == "https://bakery.example/spring"
    assert first["Referrer-Policy"] == "no-referrer"
    assert _clicks(campaign) == 1
    Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.8").get(ad.click_url)
    assert _clicks(campaign) == 2  # another visitor


def test_a_tampered_link_is_refused_without_a_redirect():
    campaign, ad = _served()
    token = ad.click_url.rsplit("/", 1)[1]
    payload, _, signature = token.partition(":")
    forged = clicks.click_url(campaign.pk, timezone.localdate(), "article").rsplit("/", 1)[1]
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense",
                forged.split(":")[0] + ":" + signature + "x"):
        response = Client(HTTP_USER_AGENT=BROWSER).get(f"/ad/c/{bad}")
        assert response.status_code == 400
        assert "This ad link is not valid" in response.content.decode()
        assert not response.has_header("Location")
    assert _clicks(campaign) == 0


def test_old_links_and_ended_campaigns_are_gone():
    campaign, ad = _served()
    old = clicks.click_url(campaign.pk, timezone.localdate() - timedelta(days=31), "article")
    assert Client(HTTP_USER_AGENT=BROWSER).get(old).status_code == 410
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.ARCHIVED)
    assert Client(HTTP_USER_AGENT=BROWSER).get(ad.click_url).status_code == 410
    assert _clicks(campaign) == 0


def test_a_bots_click_is_sent_on_but_not_counted():
    campaign, ad = _served()
    response = Client(HTTP_USER_AGENT="Slackbot-LinkExpanding 1.0").get(ad.click_url)
    assert response.status_code == 302 and _clicks(campaign) == 0


def test_why_this_ad_names_the_advertiser_and_the_reason():
    campaign, ad = _served(advertiser__name="Corner <Bakery>")
    html = Client().get(ad.why_url).content.decode()
    assert "Corner &lt;Bakery&gt;" in html and "Shown on Sports news." in html
    assert "We do not track you" in html and "Hide this ad" not in html  # visitors cannot hide
    assert Client().get("/ad/why/forged:sig").status_code == 400


def test_a_reader_hides_an_ad_then_shows_it_again():
    reader = UserFactory()
    campaign, ad = _served()
    client = csrf_checking_client(reader)
    page = client.get(ad.why_url).content.decode()
    assert "Hide this ad" in page and f"Hide ads from {campaign.advertiser.name}" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/ad/hide", {"campaign": campaign.pk, "what": "ad", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/ad/hidden"
    assert AdHide.objects.filter(user=reader, campaign=campaign).exists()
    listing = client.get("/ad/hidden").content.decode()
    assert campaign.headline in listing and "Show again" in listing
    assert decide.choose(reader_request(user=reader), context.for_article(article_about(topic()).pk)) is None
    hide = AdHide.objects.get(user=reader)
    client.post(f"/ad/hidden/{hide.pk}/show", {"csrfmiddlewaretoken": token})
    assert not AdHide.objects.filter(user=reader).exists()


def test_hiding_needs_a_signed_in_reader_and_the_csrf_token():
    campaign, _ = _served()
    assert Client().post("/ad/hide", {"campaign": campaign.pk, "what": "ad"}).status_code == 302  # to log in
    assert csrf_checking_client(UserFactory()).post(
        "/ad/hide", {"campaign": campaign.pk, "what": "advertiser"}).status_code == 403
    assert not AdHide.objects.exists()


def test_hiding_an_advertiser_hides_all_their_campaigns():
    reader = UserFactory()
    campaign, _ = _served()
    other = funded(advertiser=campaign.advertiser, bid_cpm="9.00")
    index.forget()  # as campaigns_changed() makes every process do
    client = Client()
    client.force_login(reader)
    client.post("/ad/hide", {"campaign": campaign.pk, "what": "advertiser"})
    page = context.for_article(article_about(topic()).pk)
    assert decide.choose(reader_request(user=reader), page) is None
    assert decide.choose(reader_request(), page).campaign_id == other.pk
