"""The advertisers' pages: /advertise, the account, the campaign form, page and preview, and the
moderators' queue; forms render and submit, refusals show beside their fields, text is escaped."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from localwire.ads import ledger
from localwire.ads.advertiser_forms import initial_of
from localwire.ads.models import Advertiser, Campaign
from localwire.testing.factories import (AdvertiserFactory, CampaignFactory, ChannelFactory, ModeratorFactory,
                                         UserFactory)

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def advertiser(client):
    row = AdvertiserFactory(name="Corner Bakery")
    client.force_login(row.owner)
    return row


def form_fields(**changes) -> dict:
    return {"name": "Winter bread", "headline": "Fresh bread every morning", "body": "Baked on Main Street.",
            "brand": "Corner Bakery", "cta": "See the menu", "landing_url": "https://bakery.example/menu",
            "image_url": "", "places": "", "radius_km": "25", "channels": "topic/sports",
            "start": "2026-01-01T00:00:00", "end": "2099-12-31T23:59:59", "budget_total": "100.00",
            "budget_daily": "", "bid_cpm": "4.00", "frequency_cap": "3", **changes}


def test_advertise_explains_and_opens_an_account(client):
    anonymous = client.get("/advertise").content.decode()
    assert "No tracking" in anonymous and "per thousand impressions" in anonymous and "1.00 USD" in anonymous
    assert "Log in" in anonymous and 'action="/advertise/open"' not in anonymous
    user = UserFactory()
    client.force_login(user)
    assert 'action="/advertise/open"' in client.get("/advertise").content.decode()
    answer = client.post("/advertise/open", {"name": "Corner Bakery", "website": "https://bakery.example/"})
    assert answer.status_code == 302 and answer["Location"] == "/advertise/account"
    assert Advertiser.objects.get(owner=user).name == "Corner Bakery"
    assert "Open your dashboard" in client.get("/advertise").content.decode()


def test_a_bad_website_is_shown_beside_its_field(client):
    client.force_login(UserFactory())
    answer = client.post("/advertise/open", {"name": "Corner Bakery", "website": "bakery"})
    assert answer.status_code == 400 and "must be an http:// or https:// address" in answer.content.decode()
    assert not Advertiser.objects.exists()


def test_the_account_shows_money_ledger_and_campaigns(client, advertiser):
    ledger.credit(advertiser.pk, Decimal("40.00"), note="Welcome credit")
    CampaignFactory(advertiser=advertiser, name="Spring opening", status="in_review")
    page = client.get("/advertise/account").content.decode()
    assert "40.00 USD" in page and "Welcome credit" in page and "Spring opening" in page
    assert "Waiting for a moderator to review it." in page and 'href="/advertise/campaigns/new"' in page


def test_a_new_campaign_is_sent_for_review(client, advertiser):
    ChannelFactory(kind="topic", slug="sports", name="Sports")
    form = client.get("/advertise/campaigns/new").content.decode()
    assert 'name="headline"' in form and 'value="Corner Bakery"' in form  # the brand starts as the account's name
    answer = client.post("/advertise/campaigns/new", form_fields())
    campaign = Campaign.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/advertise/campaigns/{campaign.pk}"
    assert campaign.status == "in_review" and campaign.channels == ["topic/sports"]
    page = client.get(answer["Location"]).content.decode()
    assert "Waiting for a moderator" in page and f'href="/advertise/campaigns/{campaign.pk}/report"' in page


def test_refusals_show_beside_their_fields(client, advertiser):
    ChannelFactory(kind="topic", slug="sports", name="Sports")
    answer = client.post("/advertise/campaigns/new", form_fields(budget_total="10", budget_daily="20"))
    page = answer.content.decode()
    assert answer.status_code == 400 and not Campaign.objects.exists()
    daily = page.index('name="budget_daily"')
    assert page.index("The daily budget cannot be more than the total.", daily) < page.index('name="bid_cpm"')
    assert 'value="Fresh bread every morning"' in page  # what was typed is kept


def test_several_towns_are_offered(client, advertiser):
    answer = client.post("/advertise/campaigns/new", form_fields(channels="", places="Springfield"))
    page = answer.content.decode()
    assert answer.status_code == 400 and "Several towns have that name" in page
    assert "<li>Springfield, Illinois, US</li>" in page


def test_an_unchanged_edit_keeps_the_approval_and_a_new_headline_loses_it(client, advertiser):
    ChannelFactory(kind="topic", slug="sports", name="Sports")
    campaign = CampaignFactory(advertiser=advertiser)
    form = client.get(f"/advertise/campaigns/{campaign.pk}/edit").content.decode()
    assert 'value="Fresh bread every morning"' in form
    fields = initial_of(campaign)
    assert client.post(f"/advertise/campaigns/{campaign.pk}/edit", {**fields, "bid_cpm": "7.00"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "approved" and campaign.bid_cpm == Decimal("7.00")
    client.post(f"/advertise/campaigns/{campaign.pk}/edit", {**fields, "headline": "Croissants too"})
    campaign.refresh_from_db()
    assert campaign.status == "in_review" and campaign.headline == "Croissants too"


def test_pause_and_resume_buttons(client, advertiser):
    campaign = CampaignFactory(advertiser=advertiser)
    assert f'action="/advertise/campaigns/{campaign.pk}/pause"' in client.get(
        f"/advertise/campaigns/{campaign.pk}").content.decode()
    client.post(f"/advertise/campaigns/{campaign.pk}/pause")
    campaign.refresh_from_db()
    assert campaign.status == "paused"
    page = client.post(f"/advertise/campaigns/{campaign.pk}/pause", follow=True).content.decode()
    assert "Only an approved campaign can be paused; this one is paused." in page
    client.post(f"/advertise/campaigns/{campaign.pk}/resume")
    campaign.refresh_from_db()
    assert campaign.status == "approved"


def test_someone_elses_campaign_is_404(client, advertiser):
    theirs = CampaignFactory()
    for path in ("", "/edit", "/preview"):
        assert client.get(f"/advertise/campaigns/{theirs.pk}{path}").status_code == 404
    assert client.post(f"/advertise/campaigns/{theirs.pk}/pause").status_code == 404


def test_the_preview_shows_the_ad_as_readers_do_with_its_text_escaped(client, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, headline=SCRIPT, image_url="https://bakery.example/loaf.jpg")
    page = client.get(f"/advertise/campaigns/{campaign.pk}/preview").content.decode()
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count('class="ad"') == 2 and "Sponsored" in page and "Corner Bakery" in page
    assert 'class="ad-image" src="/img/' in page and 'src="https://bakery.example' not in page


def test_moderators_review_campaigns_on_a_page(client, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review", headline=SCRIPT,
                               landing_check={"ok": False, "detail": "answered HTTP 404", "checked_at": None})
    assert client.get("/moderation/campaigns").status_code == 403
    client.force_login(ModeratorFactory().user)
    page = client.get("/moderation/campaigns").content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "answered HTTP 404" in page and "Corner Bakery" in page and "topic/sports" in page
    refused = client.post(f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "reject", "reason": ""})
    assert refused.status_code == 400 and "Say why" in refused.content.decode()
    done = client.post(f"/moderation/campaigns/{campaign.pk}/decision",
                       {"decision": "reject", "reason": "Not an ad for a local business."})
    assert done.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "rejected" and campaign.review_reason == "Not an ad for a local business."
    again = client.post(f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "approve"})
    assert again.status_code == 409 and "no longer in review" in again.content.decode()
    assert client.get(f"/advertise/campaigns/{campaign.pk}/preview").status_code == 200


def test_approving_on_the_page_checks_the_landing_page_and_mails_the_advertiser(
        client, site, django_capture_on_commit_callbacks):
    site.route("/menu", lambda request: (200, {"Content-Type": "text/html"}, b"<p>Menu</p>"))
    owner = UserFactory(email="owner@bakery.example")
    campaign = CampaignFactory(advertiser=AdvertiserFactory(owner=owner), status="in_review",
                               landing_url=site.url("/menu"))
    client.force_login(ModeratorFactory().user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/moderation/campaigns/{campaign.pk}/decision", {"decision": "approve"})
    assert answer.status_code == 302 and site.hits("/menu") == 1
    campaign.refresh_from_db()
    assert campaign.status == "approved" and campaign.landing_check["ok"] is True
    [message] = mail.outbox
    assert message.to == ["owner@bakery.example"] and "is approved" in message.subject
    assert f"/advertise/campaigns/{campaign.pk}" in message.body


def test_the_queue_sends_the_version_the_moderator_read(client, advertiser):
    campaign = CampaignFactory(advertiser=advertiser, status="in_review")
    client.force_login(ModeratorFactory().user)
    page = client.get("/moderation/campaigns").content.decode()
    assert f'name="seen" value="{campaign.updated_at.isoformat()}"' in page
    stale = (campaign.updated_at - timedelta(minutes=5)).isoformat()
    answer = client.post(f"/moderation/campaigns/{campaign.pk}/decision",
                         {"decision": "reject", "reason": "Not local.", "seen": stale})
    assert answer.status_code == 409 and "changed this campaign since you opened it" in answer.content.decode()
    done = client.post(f"/moderation/campaigns/{campaign.pk}/decision",
                       {"decision": "reject", "reason": "Not local.", "seen": campaign.updated_at.isoformat()})
    assert done.status_code == 302
