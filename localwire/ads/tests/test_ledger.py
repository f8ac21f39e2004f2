"""The ledger: every balance change is one added entry, chained by balance_after, never below zero."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from localwire.ads import ledger
from localwire.ads.models import Advertiser, LedgerEntry
from localwire.testing.factories import AdvertiserFactory, CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db


def _balance(advertiser):
    return Advertiser.objects.get(pk=advertiser.pk).balance


def test_credits_adjustments_and_charges_chain_their_balances():
    campaign = CampaignFactory()
    advertiser, operator = campaign.advertiser, UserFactory()
    ledger.credit(advertiser.pk, Decimal("25.00"), note="invoice 7", by=operator)
    ledger.credit(advertiser.pk, Decimal("100.00"))
    ledger.adjust(advertiser.pk, Decimal("-5.50"), note="refund of a duplicate payment")
    Advertiser.objects.filter(pk=advertiser.pk).update(held=Decimal("2.00"))  # as a lease would
    ledger.charge(advertiser.pk, Decimal("1.25"), campaign.pk, campaign.start_at.date())
    entries = list(LedgerEntry.objects.filter(advertiser=advertiser).order_by("id"))
    assert [(e.kind, e.amount, e.balance_after) for e in entries] == [
        ("credit", Decimal("25.00"), Decimal("25.00")),
        ("credit", Decimal("100.00"), Decimal("125.00")),
        ("adjustment", Decimal("-5.50"), Decimal("119.50")),
        ("spend", Decimal("-1.25"), Decimal("118.25")),
    ]
    assert entries[0].created_by == operator and entries[0].note == "invoice 7"
    assert entries[3].campaign_id == campaign.pk and entries[3].day == campaign.start_at.date()
    row = Advertiser.objects.get(pk=advertiser.pk)
    assert row.balance == Decimal("118.25") == sum(e.amount for e in entries)
    assert row.held == Decimal("0.75")  # a charge releases the held money it settles


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1.00")])
def test_a_credit_must_add_money(amount):
    advertiser = AdvertiserFactory()
    with pytest.raises(ledger.LedgerRefused):
        ledger.credit(advertiser.pk, amount)
    assert not LedgerEntry.objects.exists()


def test_an_adjustment_needs_a_note():
    advertiser = AdvertiserFactory()
    with pytest.raises(ledger.LedgerRefused, match="note"):
        ledger.adjust(advertiser.pk, Decimal("1.00"), note="  ")


def test_no_adjustment_takes_the_balance_below_zero_or_below_what_is_held():
    advertiser = AdvertiserFactory()
    ledger.credit(advertiser.pk, Decimal("10.00"))
    with pytest.raises(ledger.LedgerRefused):
        ledger.adjust(advertiser.pk, Decimal("-10.01"), note="too much")
    Advertiser.objects.filter(pk=advertiser.pk).update(held=Decimal("4.00"))
    with pytest.raises(ledger.LedgerRefused, match="6.00"):
        ledger.adjust(advertiser.pk, Decimal("-6.01"), note="would take held money")
    ledger.adjust(advertiser.pk, Decimal("-6.00"), note="all that is free")
    assert _balance(advertiser) == Decimal("4.00")
    assert LedgerEntry.objects.count() == 2


def test_the_database_refuses_held_money_beyond_the_balance():
    advertiser = AdvertiserFactory()
    ledger.credit(advertiser.pk, Decimal("3.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Advertiser.objects.filter(pk=advertiser.pk).update(held=Decimal("3.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Advertiser.objects.filter(pk=advertiser.pk).update(held=Decimal("-0.01"))


def test_the_database_refuses_an_entry_leaving_a_negative_balance():
    advertiser = AdvertiserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(advertiser=advertiser, kind="adjustment", amount=Decimal("-1"),
                                   balance_after=Decimal("-1"), note="raw")


def test_entries_are_never_changed_or_deleted():
    advertiser = AdvertiserFactory()
    entry = ledger.credit(advertiser.pk, Decimal("5.00"))
    entry.amount = Decimal("500.00")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("500.00"))
    with pytest.raises(TypeError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(TypeError):
        advertiser.ledger.all().delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("5.00")
