"""Sample ads for ``localwire demo``, so a fresh demo shows what advertising looks like.

A made-up advertiser (its account has no usable password) gets prepaid credit and one approved
campaign for each of the cities with the most stored news, aimed at that city's channel, its
landing page the demo publishers' own site. Everything goes through the ledger and the models as
an operator's and a moderator's work would; only the review is skipped, as the demo is the
operator's own.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from localwire.ads import ledger
from localwire.ads.models import Advertiser, Campaign
from localwire.ads.versions import campaigns_changed
from localwire.channels.models import Channel

ADVERTISER = "Riverside Bakery (a sample advertiser)"
CITIES = 3
CREATIVE = {"headline": "Bread from the oven at six every morning",
            "body": "Sourdough, rye and seeded loaves, baked on the riverside. This is a sample ad of the demo.",
            "brand": "Riverside Bakery", "cta": "See today's loaves"}


def seed_sample_ads(landing_url: str) -> int:
    """The sample advertiser and its campaigns; returns how many campaigns it made (0 when the
    demo's database already has them or no city has news yet)."""
    if Advertiser.objects.filter(name=ADVERTISER).exists():
        return 0
    owner, _ = get_user_model().objects.get_or_create(username="sample-advertiser")
    owner.set_unusable_password()
    owner.save()
    advertiser = Advertiser.objects.create(owner=owner, name=ADVERTISER, website=landing_url)
    ledger.credit(advertiser.pk, Decimal("500.00"), note="the demo's sample credit")
    cities = (Channel.objects.filter(kind=Channel.Kind.CITY).annotate(n=Count("article_links"))
              .filter(n__gt=0).order_by("-n", "name")[:CITIES])
    now = timezone.now()
    for city in cities:
        Campaign.objects.create(
            advertiser=advertiser, name=f"Sample: news about {city.name}", status=Campaign.Status.APPROVED,
            landing_url=landing_url, channels=[f"{city.kind}/{city.slug}"], start_at=now - timedelta(hours=1),
            end_at=now + timedelta(days=30), budget_total=Decimal("100.00"), budget_daily=Decimal("20.00"),
            bid_cpm=Decimal("2.00"), reviewed_at=now, review_reason="A sample campaign of the demo.",
            landing_check={"ok": True, "detail": "the demo's own publishers' site", "checked_at": now.isoformat()},
            **CREATIVE)
    campaigns_changed()
    return len(cities)
