"""The admin: credit added through its own form as a ledger entry by the operator; the ledger and
campaign days only read; advertisers suspended and activated in bulk."""

from decimal import Decimal

import pytest
from django.urls import reverse

from localwire.ads import versions
from localwire.ads.models import Advertiser, LedgerEntry
from localwire.testing.factories import AdvertiserFactory, CampaignFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_balance_held_and_a_credit_link(admin_client):
    advertiser = AdvertiserFactory(name="Corner Bakery")
    page = admin_client.get(reverse("admin:ads_advertiser_changelist")).content.decode()
    assert "Corner Bakery" in page and "0.00 USD" in page
    assert reverse("admin:ads_advertiser_credit", args=[advertiser.pk]) in page


def test_add_credit_posts_a_ledger_entry_by_the_operator(admin_client, admin_user):
    advertiser = AdvertiserFactory(name="Corner Bakery")
    url = reverse("admin:ads_advertiser_credit", args=[advertiser.pk])
    assert "Add credit to Corner Bakery" in admin_client.get(url).content.decode()
    before = versions.campaigns_version()
    response = admin_client.post(url, {"amount": "40.00", "note": "cheque 88"})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(advertiser=advertiser)
    assert (entry.kind, entry.amount, entry.note, entry.created_by) == ("credit", Decimal("40.00"), "cheque 88",
                                                                        admin_user)
    assert Advertiser.objects.get(pk=advertiser.pk).balance == Decimal("40.00")
    assert versions.campaigns_version() != before


def test_a_bad_amount_is_shown_back_and_nothing_posted(admin_client):
    advertiser = AdvertiserFactory()
    url = reverse("admin:ads_advertiser_credit", args=[advertiser.pk])
    response = admin_client.post(url, {"amount": "4.999", "note": ""})
    assert response.status_code == 200 and "at most two decimals" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_the_credit_form_is_for_staff_only(client):
    advertiser = AdvertiserFactory()
    response = client.post(reverse("admin:ads_advertiser_credit", args=[advertiser.pk]), {"amount": "5.00"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not LedgerEntry.objects.exists()


def test_suspend_and_activate_in_bulk(admin_client):
    one, two = AdvertiserFactory(), AdvertiserFactory()
    url = reverse("admin:ads_advertiser_changelist")
    admin_client.post(url, {"action": "suspend", "_selected_action": [one.pk, two.pk]})
    assert set(Advertiser.objects.values_list("status", flat=True)) == {"suspended"}
    admin_client.post(url, {"action": "activate", "_selected_action": [one.pk]})
    assert Advertiser.objects.get(pk=one.pk).status == "active"


def test_ledger_entries_and_campaign_days_are_only_read(admin_client):
    assert admin_client.get(reverse("admin:ads_ledgerentry_add")).status_code == 403
    assert admin_client.get(reverse("admin:ads_campaignday_add")).status_code == 403
    assert admin_client.get(reverse("admin:ads_ledgerentry_changelist")).status_code == 200


def test_a_campaigns_status_is_all_an_operator_changes_here(admin_client):
    campaign = CampaignFactory(status="approved")
    url = reverse("admin:ads_campaign_change", args=[campaign.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"status": "paused", "headline": "Changed", "budget_total": "1.00"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.status, campaign.headline, campaign.budget_total) == (
        "paused", "Fresh bread every morning", Decimal("100.00"))
