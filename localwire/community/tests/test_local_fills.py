"""Local fills its page: the home city as far back as a year, then nearby towns ring by ring, then
the state, then the country while fresh; For you favours what happens near the reader's home."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.channels.models import ArticleChannel, Channel
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, ProfileFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db

SPRINGFIELD_IL = 4250542


def _town(name, lat, lon, admin1="IL", **extra):
    return ChannelFactory(kind=Channel.Kind.CITY, name=name, slug=f"{name.lower()}-{admin1.lower()}", lat=lat, lon=lon,
                          country_code="US", admin1_code=admin1, **extra)


def _story(place, title, hours, publisher=None):
    article = ArticleFactory(publisher=publisher or PublisherFactory(), title=title,
                             published_at=timezone.now() - timedelta(hours=hours))
    ArticleChannelFactory(article=article, channel=place, relation=ArticleChannel.Relation.DATELINE)
    return article


def springfield_reader():
    reader = UserFactory()
    ProfileFactory(user=reader, home_geonameid=SPRINGFIELD_IL, home_name="Springfield", home_region="Illinois",
                   home_country="US", home_lat=39.80172, home_lon=-89.64371)
    return reader


@pytest.fixture
def springfield():
    return build_springfield()


def build_springfield():
    """Springfield, Illinois, with seven stories over three weeks (most older than For you's three
    days), three nearby towns, two stories about the state and a few about the country."""
    city = _town("Springfield", 39.80172, -89.64371, code=str(SPRINGFIELD_IL))
    illinois = ChannelFactory(kind=Channel.Kind.REGION, name="Illinois", slug="illinois", country_code="US",
                              admin1_code="IL")
    usa = ChannelFactory(kind=Channel.Kind.COUNTRY, name="United States", slug="united-states", country_code="US")
    _town("Springfield", 37.21533, -93.29824, admin1="MO")  # another state's Springfield is not home
    for n, hours in enumerate((2, 20, 50, 100, 170, 300, 500)):
        _story(city, f"Springfield story {n + 1}", hours)
    _story(city, "Springfield story from last year", 24 * 400)
    _story(_town("Jacksonville", 39.73394, -90.22901), "Jacksonville fair opens", 3)  # 51 km
    _story(_town("Decatur", 39.84031, -88.9548), "Decatur plant hiring", 10)  # 59 km
    _story(_town("Peoria", 40.69365, -89.58899), "Peoria bridge closes", 1)  # 99 km
    _story(illinois, "Illinois lawmakers pass budget", 5)
    _story(illinois, "Illinois river levels fall", 30)
    _story(usa, "Federal rate decision", 4)
    _story(usa, "Last week's national story", 24 * 8)  # the country's news is only worth it while fresh
    _story(_town("Houston", 29.76328, -95.36327, admin1="TX"), "Houston port reopens", 6)
    return city


def test_local_fills_the_page_city_then_nearby_then_state_then_country(client, springfield):
    client.force_login(springfield_reader())
    items = client.get("/api/v1/me/local?limit=30").json()["items"]
    assert [(i["title"], i["reasons"][0]) for i in items] == [
        *((f"Springfield story {n}", "In Springfield") for n in range(1, 8)),
        ("Jacksonville fair opens", "51 km from Springfield"),  # ring of 40–80 km, newest first
        ("Decatur plant hiring", "59 km from Springfield"),
        ("Peoria bridge closes", "99 km from Springfield"),  # the next ring
        ("Illinois lawmakers pass budget", "In Illinois"),
        ("Illinois river levels fall", "In Illinois"),
        ("Federal rate decision", "In United States"),
        ("Houston port reopens", "In United States"),
    ]


def test_a_full_page_stops_before_the_wider_tiers(client, springfield):
    client.force_login(springfield_reader())
    items = client.get("/api/v1/me/local?limit=9").json()["items"]
    assert [i["title"] for i in items][-2:] == ["Jacksonville fair opens", "Decatur plant hiring"]


def test_the_local_page_says_why_each_entry_is_there(client, springfield):
    client.force_login(springfield_reader())
    page = client.get("/local").content.decode()
    assert "Local: Springfield" in page and page.count("In Springfield") == 7
    assert page.index("Springfield story 7") < page.index("59 km from Springfield") < page.index("In Illinois")


def test_for_you_ranks_a_home_city_article_above_an_otherwise_equal_one(client, springfield):
    paper, other = PublisherFactory(name="Prairie Post"), PublisherFactory(name="Gulf Daily")
    at_home = _story(springfield, "Council votes on the library", 1, publisher=paper)
    away = _story(Channel.objects.get(slug="houston-tx"), "Council votes on the harbour", 1, publisher=other)
    away.published_at = at_home.published_at
    away.save()
    client.force_login(springfield_reader())
    ids = [i["id"] for i in client.get("/api/v1/me/for-you?limit=100").json()]
    assert ids.index(at_home.pk) < ids.index(away.pk)
    reasons = {i["id"]: i["reasons"] for i in client.get("/api/v1/me/for-you?limit=100").json()}
    assert reasons[at_home.pk] == ["Near Springfield"] and reasons[away.pk] == ["Recent news"]
