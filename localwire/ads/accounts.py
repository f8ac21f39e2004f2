"""Advertiser accounts: one per person, opened by the person, credited by an operator.

The refusals here (``Refused``, ``Conflict``) are shared by the campaign, targeting and review
modules, so the API and the pages turn every broken rule into the same message and status: a
``Refused`` is the caller's mistake (400), a ``Conflict`` clashes with what is stored (409).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from localwire.ads.models import Advertiser, LedgerEntry

MAX_NAME = 100
MAX_URL = 500
LEDGER_LIMIT = 200
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Refused(ValueError):
    """A rule the request breaks; the message names the field, for the person who sent it.

    ``field`` is the field's dotted name ("creative.headline") and ``choices`` the labels of
    towns offered when a place name stands for several."""

    def __init__(self, message: str, field: str = "", choices: tuple[str, ...] = ()):
        super().__init__(message)
        self.field, self.choices = field, tuple(choices)


class Conflict(Refused):
    """It clashes with what is stored: an account already open, a campaign already decided."""


def plain_text(value, field: str, what: str, limit: int, *, required: bool = True) -> str:
    """Advertisers' text as stored: runs of white space made one space; other control characters
    refused (they have no business in an ad and hide what a moderator reads)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(f"{what} must be text.", field)
    text = " ".join(value.split())
    if CONTROL.search(text):
        raise Refused(f"{what} may not contain control characters.", field)
    if required and not text:
        raise Refused(f"{what} is required.", field)
    if len(text) > limit:
        raise Refused(f"{what} can be at most {limit} characters long (it has {len(text)}).", field)
    return text


def web_address(value, field: str, what: str, *, required: bool = True) -> str:
    """An http:// or https:// address of at most ``MAX_URL`` characters ('' when optional and absent)."""
    url = value.strip() if isinstance(value, str) else ""
    if not url and not required:
        return ""
    if not url:
        raise Refused(f"{what} is required: an http:// or https:// address.", field)
    if len(url) > MAX_URL:
        raise Refused(f"{what} can be at most {MAX_URL} characters long.", field)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise Refused(f"{what} must be an http:// or https:// address, not “{url[:100]}”.", field) from None
    return url


def account_of(user) -> Advertiser | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Advertiser.objects.filter(owner=user).first()


def open_account(user, name, website) -> Advertiser:
    """A new account for a person who has none; ``Conflict`` when they already have one."""
    name = plain_text(name, "name", "The advertiser's name", MAX_NAME)
    website = web_address(website, "website", "The website")
    if Advertiser.objects.filter(owner=user).exists():
        raise Conflict("You already have an advertiser account; there is one per person.")
    try:
        with transaction.atomic():
            return Advertiser.objects.create(owner=user, name=name, website=website)
    except IntegrityError:  # a second request at the same moment
        raise Conflict("You already have an advertiser account; there is one per person.") from None


def available(advertiser: Advertiser) -> Decimal:
    """What campaigns may still spend: the balance less what is leased or counted but not charged."""
    return advertiser.balance - advertiser.held


def ledger(advertiser: Advertiser, limit: int = LEDGER_LIMIT) -> list[LedgerEntry]:
    """The newest entries first, with their campaign's name at hand."""
    return list(LedgerEntry.objects.filter(advertiser=advertiser).select_related("campaign")[:limit])
