"""The advertiser's ledger: every change to a balance is one new ``LedgerEntry``, never an edit.

Each posting locks the advertiser's row, checks the new balance still covers what is held, and
writes the entry (with the balance after it) and the new balance in one transaction; the
database's own constraints (``held ≤ balance``, ``balance_after ≥ 0``) back the check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from localwire.ads.models import ZERO, Advertiser, LedgerEntry
from localwire.ads.money import added

MAX_NOTE = 300


class LedgerRefused(ValueError):
    """A posting that would take a balance below what it must keep (zero, or what is held)."""


def credit(advertiser_id: int, amount: Decimal, note: str = "", by=None) -> LedgerEntry:
    """Prepaid money an operator adds (``localwire ads credit``, the admin)."""
    if amount <= 0:
        raise LedgerRefused("a credit must be more than zero")
    return post(advertiser_id, LedgerEntry.Kind.CREDIT, amount, note=note, by=by)


def adjust(advertiser_id: int, amount: Decimal, note: str, by=None) -> LedgerEntry:
    """An operator's correction, either way; it cannot take money that is held or not there."""
    if not note.strip():
        raise LedgerRefused("an adjustment needs a note saying why")
    return post(advertiser_id, LedgerEntry.Kind.ADJUSTMENT, amount, note=note, by=by)


def charge(advertiser_id: int, amount: Decimal, campaign_id: int, day: date) -> LedgerEntry:
    """Settle counted spend: it leaves the balance and the held money together, so what the
    advertiser can still spend (balance − held) does not move."""
    return post(advertiser_id, LedgerEntry.Kind.SPEND, -amount, campaign_id=campaign_id, day=day,
                release_held=amount)


def post(advertiser_id: int, kind: str, amount: Decimal, *, note: str = "", by=None, campaign_id=None,
         day=None, release_held: Decimal = ZERO) -> LedgerEntry:
    with transaction.atomic():
        row = Advertiser.objects.select_for_update().only("balance", "held").get(pk=advertiser_id)
        after, held_after = row.balance + amount, row.held - release_held
        if held_after < 0 or after < held_after:
            available = row.balance - row.held
            raise LedgerRefused(f"the balance cannot cover this: {available} is free of {row.balance}")
        Advertiser.objects.filter(pk=advertiser_id).update(balance=added("balance", amount),
                                                           held=added("held", -release_held))
        return LedgerEntry.objects.create(advertiser_id=advertiser_id, kind=kind, amount=amount,
                                          balance_after=after, note=note[:MAX_NOTE], created_by=by,
                                          campaign_id=campaign_id, day=day)
