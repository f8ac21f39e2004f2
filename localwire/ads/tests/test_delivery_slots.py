"""Slots on the pages: markers filled per request after the page cache, never shown raw."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from localwire.ads import counting, slots
from localwire.ads.tests.delivery_fixtures import (
    BROWSER, LITTLE_ROCK, article_about, clean_slate, funded, little_rock, topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
__all__ = ["clean_slate"]
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def kept_pages(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60


def _get(path, address="203.0.113.7", agent=BROWSER, client=None, **extra):
    return (client or Client()).get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)


def _impressions(campaign) -> int:
    return cache.get(counting.pending_key("impressions", timezone.localdate(), campaign.pk)) or 0


def test_a_kept_article_page_gets_a_fresh_counted_ad_for_each_reader(kept_pages):
    campaign = funded(headline="Fresh bread every morning")
    story = article_about(topic())
    first = _get(story.get_absolute_url(), address="203.0.113.7")
    second = _get(story.get_absolute_url(), address="203.0.113.8")
    assert second["X-Localwire-Cache"] == "hit"  # the second page came from the page cache
    for response in (first, second):
        html = response.content.decode()
        assert "Fresh bread every morning" in html and 'class="ad-sponsored">Sponsored<' in html
        assert "<!--lw-ad" not in html
        assert response["Content-Length"] == str(len(response.content))
        assert not response.cookies
    assert _impressions(campaign) == 2


def test_the_article_slot_comes_after_the_body():
    funded(headline="Fresh bread every morning")
    html = _get(article_about(topic()).get_absolute_url()).content.decode()
    assert html.index('class="story__body"') < html.index('<aside class="ad"') < html.index("</article>")


def test_no_ad_on_a_page_that_does_not_match_and_no_marker_either():
    funded(channels=["topic/sports"])
    html = _get(article_about(topic("Economy", "economy")).get_absolute_url()).content.decode()
    assert "Sponsored" not in html and "<!--lw-ad" not in html


@pytest.mark.parametrize("agent,extra", [(GOOGLEBOT, {}), (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"})])
def test_bots_and_prefetch_get_an_empty_slot_and_count_nothing(kept_pages, agent, extra):
    campaign = funded()
    html = _get(article_about(topic()).get_absolute_url(), agent=agent, **extra).content.decode()
    assert "Sponsored" not in html and "<!--lw-ad" not in html
    assert _impressions(campaign) == 0


def test_with_ads_off_the_marker_is_taken_out(settings):
    settings.LOCALWIRE_ADS = False
    funded()
    html = _get(article_about(topic()).get_absolute_url()).content.decode()
    assert "Sponsored" not in html and "<!--lw-ad" not in html


def test_advertiser_text_is_escaped():
    funded(headline="<script>alert(1)</script>", body='"><img src=x onerror=alert(2)>', brand="A & B <b>",
           advertiser__name="<i>Corner</i>")
    html = _get(article_about(topic()).get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<i>Corner</i>" not in html and "A &amp; B &lt;b&gt;" in html


def test_the_home_page_has_slots_between_cards_with_different_campaigns():
    funded(headline="First advertiser"), funded(headline="Second advertiser")
    sports = topic()
    for _ in range(16):
        article_about(sports)
    html = _get("/").content.decode()
    assert html.count('<li class="cards__ad">') == html.count('<aside class="ad"') == 2
    assert "First advertiser" in html and "Second advertiser" in html
    cards_before = html[:html.index('<li class="cards__ad">')].count('<li class="card">')
    assert cards_before == 4


def test_the_channel_page_and_the_local_page_have_slots():
    funded(headline="Little Rock bakery", channels=[], places=[LITTLE_ROCK])
    city = little_rock()
    for _ in range(6):
        article_about(city)
    assert "Little Rock bakery" in _get(city.get_absolute_url()).content.decode()
    client = Client()
    client.cookies["lw_local"] = "little-rock-ar-us"
    local = _get("/local", client=client).content.decode()
    assert "Little Rock bakery" in local and "<!--lw-ad" not in local


def test_markers_round_trip_and_broken_ones_are_removed():
    marker = slots.marker(slots.Slot("home", wrap="li", ids=(1, 2, 3)))
    assert marker == "<!--lw-ad home w=li ids=1,2,3-->"
    assert slots.parse(slots.MARKER.search(marker.encode())) == slots.Slot("home", "li", ids=(1, 2, 3))
    request = Client().get("/healthz").wsgi_request
    page = b"<p>a</p><!--lw-ad nowhere a=1--><!--lw-ad article a=x y--><p>b</p>"
    assert slots.fill(request, page) == b"<p>a</p><p>b</p>"
    with pytest.raises(ValueError):
        slots.marker(slots.Slot("sidebar"))


def test_a_page_without_markers_is_left_as_it_is():
    response = _get("/healthz")
    assert response.content == b"ok"
