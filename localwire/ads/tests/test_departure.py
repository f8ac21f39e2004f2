"""An advertiser who deletes their account stops every ad and leaves the books whole."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from localwire.ads import ledger
from localwire.ads.models import Advertiser, Campaign, LedgerEntry
from localwire.ads.reports import own_advertiser
from localwire.community.actions import delete_account
from localwire.testing.factories import CampaignFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_deleting_the_account_archives_the_campaigns_and_keeps_the_money_history():
    running = CampaignFactory()
    waiting = CampaignFactory(advertiser=running.advertiser, status="in_review")
    ledger.credit(running.advertiser_id, Decimal("30.00"), note="prepaid")
    user = running.advertiser.owner

    counts = delete_account(user)

    advertiser = Advertiser.objects.get(pk=running.advertiser_id)
    assert advertiser.owner is None and advertiser.balance == Decimal("30.00")
    assert LedgerEntry.objects.filter(advertiser=advertiser).count() == 1
    assert set(Campaign.objects.filter(pk__in=[running.pk, waiting.pk]).values_list("status", flat=True)) == {"archived"}
    assert counts["ads.Campaign (archived)"] == 2


def test_an_account_without_an_owner_belongs_to_nobody():
    campaign = CampaignFactory()
    delete_account(campaign.advertiser.owner)
    with pytest.raises(Http404):
        own_advertiser(AnonymousUser())
