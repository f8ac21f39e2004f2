"""What the delivery tests share: a clean slate per test, funded campaigns, places, readers.

Not a conftest, so that the other parts' tests in this folder keep their own fixtures.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.test import RequestFactory

from localwire.ads import auction, budget, context, index, ledger
from localwire.channels.models import Channel
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, CampaignFactory, ChannelFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
LITTLE_ROCK = {"geonameid": 4119403, "label": "Little Rock, Arkansas, US", "lat": 34.74648, "lon": -92.28959}


@pytest.fixture
def clean_slate():
    """Nothing kept from another test: counters, caps, the index, kept contexts, leases."""
    def reset():
        cache.clear()
        caches["pages"].clear()
        index.forget()
        context.forget()
        auction.forget()
        budget.give_back_expired(everything=True)
        budget.forget_refusals()
    reset()
    yield
    reset()


def funded(amount: str = "100.00", **fields):
    """An approved campaign whose advertiser has ``amount`` of credit."""
    campaign = CampaignFactory(**fields)
    ledger.credit(campaign.advertiser_id, Decimal(amount))
    return campaign


def city(name: str, slug: str, lat: float, lon: float, kind: str = Channel.Kind.CITY):
    return ChannelFactory(kind=kind, name=name, slug=slug, lat=lat, lon=lon)


def little_rock():
    return city("Little Rock", "little-rock-ar-us", 34.74648, -92.28959)


def almaty():
    return city("Almaty", "almaty-kz", 43.25654, 76.92848)


def topic(name: str = "Sports", slug: str = "sports"):
    """The topic channel, made on first use."""
    return (Channel.objects.filter(kind=Channel.Kind.TOPIC, slug=slug).first()
            or ChannelFactory(kind=Channel.Kind.TOPIC, name=name, slug=slug))


def article_about(*channels, **fields):
    item = ArticleFactory(**fields)
    for channel in channels:
        ArticleChannelFactory(article=item, channel=channel)
    return item


def reader_request(path: str = "/", agent: str = BROWSER, address: str = "203.0.113.7", user=None, **extra):
    request = RequestFactory().get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)
    request.user = user or AnonymousUser()
    return request
