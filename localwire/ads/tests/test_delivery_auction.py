"""The auction (second price, floor, ties, trying the next), the frequency cap, and hides."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from localwire.ads import auction, context, counting, decide
from localwire.ads.index import Deliverable
from localwire.ads.models import AdHide
from localwire.ads.money import to_micros
from localwire.ads.tests.delivery_fixtures import article_about, clean_slate, funded, reader_request, topic
from localwire.testing.factories import UserFactory

pytestmark = pytest.mark.usefixtures("clean_slate")
__all__ = ["clean_slate"]
DAY = date(2026, 5, 4)
FLOOR = to_micros(Decimal("1.00"))


def _bidder(campaign_id: int, cpm: str) -> Deliverable:
    return Deliverable(id=campaign_id, advertiser_id=campaign_id, advertiser="A", bid_micros=to_micros(Decimal(cpm)),
                       frequency_cap=3, channels=frozenset(), targets=(), start_at=None, end_at=None,
                       headline="", body="", brand="", cta="", image_url="")


def _prices(*bids: str, rng=None):
    entries = [(_bidder(n, bid), "r") for n, bid in enumerate(bids, start=1)]
    return [(p.campaign.id, p.cpm_micros) for p in auction.ranked(entries, DAY, FLOOR, rng or random.Random(1))]


def test_the_winner_pays_the_second_bid_and_a_cent():
    assert _prices("3.00", "5.00", "4.00")[0] == (2, to_micros(Decimal("4.01")))


def test_the_price_never_exceeds_the_winners_bid():
    assert _prices("5.00", "5.00")[0][1] == to_micros(Decimal("5.00"))
    assert _prices("5.00", "4.995")[0][1] == to_micros(Decimal("5.00"))


def test_alone_it_pays_the_floor_and_never_less():
    assert _prices("7.00") == [(1, FLOOR)]
    assert _prices("7.00", "0.50") == [(1, FLOOR)]  # a bid under the floor does not take part
    assert auction.clearing_price(to_micros(Decimal("3")), to_micros(Decimal("0.20")), FLOOR) == FLOOR


def test_each_following_bidder_is_priced_against_the_ones_after_it():
    assert _prices("5.00", "4.00", "2.00") == [
        (1, to_micros(Decimal("4.01"))), (2, to_micros(Decimal("2.01"))), (3, FLOOR)]


def test_a_tie_goes_to_the_campaign_shown_less_today():
    auction.note_shown(DAY, 1)
    for seed in range(5):
        assert _prices("5.00", "5.00", rng=random.Random(seed))[0][0] == 2


def test_a_tie_between_equals_is_decided_by_chance():
    winners = {_prices("5.00", "5.00", rng=random.Random(seed))[0][0] for seed in range(20)}
    assert winners == {1, 2}


@pytest.mark.django_db
def test_the_highest_bidder_wins_a_real_slot_and_is_charged_the_second_price():
    low = funded(bid_cpm=Decimal("3.00"))
    high = funded(bid_cpm=Decimal("6.00"))
    story = article_about(topic())
    ad = decide.choose(reader_request(), context.for_article(story.pk))
    assert ad.campaign_id == high.pk and ad.price_micros == 3010  # 3.01 per thousand
    today = decide.timezone.localdate()
    assert cache.get(counting.pending_key("spend", today, high.pk)) == 3010
    assert cache.get(counting.pending_key("impressions", today, low.pk)) is None


@pytest.mark.django_db
def test_a_winner_that_cannot_pay_gives_the_slot_to_the_next():
    broke = funded(amount="0.01", bid_cpm=Decimal("9.00"))  # four impressions at 2.01 per thousand
    other = funded(bid_cpm=Decimal("2.00"))
    story = article_about(topic())
    shown = [decide.choose(reader_request(address=f"198.51.100.{n}"), context.for_article(story.pk))
             for n in range(6)]
    assert [ad.campaign_id for ad in shown] == [broke.pk] * 4 + [other.pk] * 2
    assert shown[0].price_micros == 2010 and shown[4].price_micros == 1000  # then alone: the floor


@pytest.mark.django_db
def test_the_frequency_cap_stops_the_fourth_view_of_the_same_visitor():
    campaign = funded(frequency_cap=3)
    story = article_about(topic())
    page = context.for_article(story.pk)
    seen = [decide.choose(reader_request(), page) for _ in range(4)]
    assert [ad is not None for ad in seen] == [True, True, True, False]
    assert decide.choose(reader_request(address="198.51.100.99"), page).campaign_id == campaign.pk
    assert cache.get(counting.pending_key("impressions", decide.timezone.localdate(), campaign.pk)) == 4


@pytest.mark.django_db
def test_hidden_campaigns_and_advertisers_are_never_chosen():
    reader = UserFactory()
    hidden_ad = funded(bid_cpm=Decimal("9.00"))
    hidden_advertiser = funded(bid_cpm=Decimal("8.00"))
    shown = funded(bid_cpm=Decimal("2.00"))
    AdHide.objects.create(user=reader, campaign=hidden_ad)
    AdHide.objects.create(user=reader, advertiser=hidden_advertiser.advertiser)
    page = context.for_article(article_about(topic()).pk)
    assert decide.choose(reader_request(user=reader), page).campaign_id == shown.pk
    assert decide.choose(reader_request(), page).campaign_id == hidden_ad.pk  # for everyone else


@pytest.mark.django_db
def test_several_slots_on_a_page_show_different_campaigns():
    first, second = funded(bid_cpm=Decimal("4.00")), funded(bid_cpm=Decimal("3.00"))
    page = context.for_article(article_about(topic()).pk)
    ads = decide.choose_many(reader_request(), page, 3)
    assert [ad.campaign_id for ad in ads] == [first.pk, second.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("agent,extra", [
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}),
    ("facebookexternalhit/1.1", {}),
    ("", {}),
    (None, {"HTTP_SEC_PURPOSE": "prefetch"}),
])
def test_bots_and_prefetch_get_no_ad_and_count_nothing(agent, extra):
    from localwire.ads.tests.delivery_fixtures import BROWSER

    campaign = funded()
    page = context.for_article(article_about(topic()).pk)
    assert decide.choose(reader_request(agent=BROWSER if agent is None else agent, **extra), page) is None
    assert cache.get(counting.pending_key("impressions", decide.timezone.localdate(), campaign.pk)) is None
    campaign.refresh_from_db()
    assert campaign.committed == 0  # not even a lease was taken


@pytest.mark.django_db
def test_no_ads_when_advertising_is_off(settings):
    settings.LOCALWIRE_ADS = False
    funded()
    assert decide.choose(reader_request(), context.for_article(article_about(topic()).pk)) is None


@pytest.mark.django_db
def test_a_decision_with_a_kept_context_and_a_live_lease_reads_no_database(django_assert_num_queries):
    funded()
    story = article_about(topic())
    request = reader_request()
    request.COOKIES["lw_local"] = "nowhere-at-all"
    assert decide.choose(request, context.for_article(story.pk, context.local_city(request, "article")))
    with django_assert_num_queries(0):
        page = context.for_article(story.pk, context.local_city(request, "article"))
        assert decide.choose(reader_request(address="198.51.100.1"), page) is not None
