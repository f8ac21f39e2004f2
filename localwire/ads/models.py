"""Self-serve local advertising: advertisers, their prepaid money, campaigns and what they delivered.

Money is ``Decimal`` everywhere, stored with six decimal places, because one impression at a
$2.50 CPM costs $0.0025. Three rules hold in the database itself, not only in the code:

- ``LedgerEntry`` rows are only ever added (``ledger.py``); ``Advertiser.balance`` is their sum,
  kept beside them in the same transaction so a conditional update can guard it.
- ``Advertiser.held`` is money promised but not yet charged: budget leases web processes hold
  (``budget.py``) and spend counted but not yet settled into the ledger. ``0 ≤ held ≤ balance``,
  so a balance can never be spent below zero however many processes serve ads at once.
- ``Campaign.committed`` (leases taken minus leases given back) never exceeds the total budget,
  and a day's committed money never exceeds its daily budget.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

MONEY = {"max_digits": 14, "decimal_places": 6}
ZERO = Decimal("0")


class Advertiser(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"  # by an operator: nothing of theirs is shown

    # Null once its owner deleted their account: the money's history stays (``departure.py``).
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="advertiser")
    name = models.CharField(max_length=100)
    website = models.URLField(max_length=500)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    balance = models.DecimalField(**MONEY, default=ZERO)  # the ledger's sum
    held = models.DecimalField(**MONEY, default=ZERO)  # leased or counted, not yet charged
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(held__gte=0), name="advertiser_held_not_negative"),
            models.CheckConstraint(condition=Q(held__lte=F("balance")), name="advertiser_held_within_balance"),
        ]

    def __str__(self) -> str:
        return self.name


class AppendOnly(models.QuerySet):
    """The ledger's rows are history: a bulk update or delete of them is a bug, refused here."""

    def update(self, **kwargs):
        raise TypeError("ledger entries are never changed; add a correcting entry instead")

    def delete(self):
        raise TypeError("ledger entries are never deleted; add a correcting entry instead")


class LedgerEntry(models.Model):
    class Kind(models.TextChoices):
        CREDIT = "credit", "Credit added"
        SPEND = "spend", "Spend"
        ADJUSTMENT = "adjustment", "Adjustment by an operator"

    advertiser = models.ForeignKey(Advertiser, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)  # positive adds to the balance, negative takes from it
    balance_after = models.DecimalField(**MONEY)
    campaign = models.ForeignKey("Campaign", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(null=True, blank=True)  # the day a spend entry charges
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "ledger entries"
        constraints = [models.CheckConstraint(condition=Q(balance_after__gte=0), name="ledger_balance_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.advertiser})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("ledger entries are never changed; add a correcting entry instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("ledger entries are never deleted; add a correcting entry instead")


class Campaign(models.Model):
    class Status(models.TextChoices):
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"  # delivers within its schedule, budget and balance
        REJECTED = "rejected", "Rejected"
        PAUSED = "paused", "Paused"  # by the advertiser; resumes to approved
        ARCHIVED = "archived", "Archived"

    advertiser = models.ForeignKey(Advertiser, on_delete=models.PROTECT, related_name="campaigns")
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    # The creative: plain text only, escaped wherever it is shown.
    headline = models.CharField(max_length=90)
    body = models.CharField(max_length=200, blank=True)
    brand = models.CharField(max_length=60)
    cta = models.CharField(max_length=30)
    landing_url = models.URLField(max_length=500)
    image_url = models.URLField(max_length=500, blank=True)  # shown through the image proxy only
    # Targeting: gazetteer towns [{geonameid, label, lat, lon}] within radius_km, and channel keys.
    places = models.JSONField(default=list, blank=True)
    radius_km = models.FloatField(default=25.0)
    channels = models.JSONField(default=list, blank=True)  # ["topic/sports", "city/little-rock-ar-us"]
    start_at = models.DateTimeField()
    end_at = models.DateTimeField()
    budget_total = models.DecimalField(**MONEY)
    budget_daily = models.DecimalField(**MONEY, null=True, blank=True)
    bid_cpm = models.DecimalField(**MONEY)
    frequency_cap = models.PositiveSmallIntegerField(default=3)  # impressions per visitor per day
    committed = models.DecimalField(**MONEY, default=ZERO)  # leases taken minus given back
    spent = models.DecimalField(**MONEY, default=ZERO)  # counted spend flushed from the cache
    # What the guarded fetcher found at the landing page: {ok, detail, checked_at}.
    landing_check = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "end_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(committed__gte=0), name="campaign_committed_not_negative"),
            models.CheckConstraint(condition=Q(committed__lte=F("budget_total")),
                                   name="campaign_committed_within_budget"),
            models.CheckConstraint(condition=Q(bid_cpm__gt=0), name="campaign_bid_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignDay(models.Model):
    """One campaign's day: what it delivered and what moved its money.

    ``committed - released`` is what leases took that day; ``spend`` what counted impressions
    cost (flushed from the cache); ``charged`` how much of it is in the ledger.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="days")
    day = models.DateField()
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    spend = models.DecimalField(**MONEY, default=ZERO)
    committed = models.DecimalField(**MONEY, default=ZERO)
    released = models.DecimalField(**MONEY, default=ZERO)
    charged = models.DecimalField(**MONEY, default=ZERO)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "day"], name="campaign_day_once"),
            models.CheckConstraint(condition=Q(released__lte=F("committed")), name="campaign_day_released_within"),
            models.CheckConstraint(condition=Q(charged__lte=F("spend")), name="campaign_day_charged_within"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} on {self.day}"


class AdHide(models.Model):
    """A signed-in reader's 'hide this ad' or 'hide ads from this advertiser'."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ad_hides")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    advertiser = models.ForeignKey(Advertiser, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "campaign"], condition=Q(campaign__isnull=False),
                                    name="ad_hide_campaign_once"),
            models.UniqueConstraint(fields=["user", "advertiser"], condition=Q(advertiser__isnull=False),
                                    name="ad_hide_advertiser_once"),
            models.CheckConstraint(condition=Q(campaign__isnull=True) ^ Q(advertiser__isnull=True),
                                   name="ad_hide_one_thing"),
        ]
