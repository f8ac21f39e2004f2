"""For you and Local over the tables: pages and /api/v1/me, with real follows, mutes and copies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.channels.models import ArticleChannel, Channel
from localwire.stories.syndicated import syndicate
from localwire.stories.tests.test_clustering import QUAKE
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FollowFactory, ProfileFactory, PublisherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _article(publisher, title, hours=1, text="The council met on Tuesday.\n\nResidents spoke."):
    return ArticleFactory(publisher=publisher, title=title, text=text,
                          published_at=timezone.now() - timedelta(hours=hours))


def _city(name, lat, lon, admin1="05"):
    return ChannelFactory(kind=Channel.Kind.CITY, name=name, slug=name.lower().replace(" ", "-"),
                          lat=lat, lon=lon, country_code="US", admin1_code=admin1)


def _place(article, city):
    ArticleChannelFactory(article=article, channel=city, relation=ArticleChannel.Relation.DATELINE)


def test_for_you_follows_first_with_reasons_and_never_a_muted_publisher(client):
    loud, quiet = PublisherFactory(name="Loud Gazette"), PublisherFactory(name="Quiet Ledger")
    almaty = ChannelFactory(kind=Channel.Kind.CITY, name="Almaty", slug="almaty")
    followed = _article(quiet, "Almaty council approves tram line", hours=5)
    ArticleChannelFactory(article=followed, channel=almaty)
    muted = [_article(loud, f"Loud story {n}", hours=n) for n in range(1, 4)]
    reader = UserFactory()
    FollowFactory(user=reader, channel=almaty)
    FollowFactory(user=reader, publisher=loud, channel=None, muted=True)
    client.force_login(reader)

    page = client.get("/for-you").content.decode()
    assert "Almaty council approves tram line" in page and "You follow Almaty" in page
    assert not any(a.title in page for a in muted)
    api = client.get("/api/v1/me/for-you").json()
    assert [item["id"] for item in api] == [followed.pk]
    assert api[0]["reasons"] == ["You follow Almaty"]


def test_a_syndicated_story_appears_once_with_its_copies_counted(client):
    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    original = _article(wire, "Earthquake hits Iranian island", hours=3, text=QUAKE)
    copy = _article(paper, "Island quake: what we know", hours=2, text="Our wire partner reports. " + QUAKE)
    syndicate(original), syndicate(copy)
    client.force_login(UserFactory())
    items = client.get("/api/v1/me/for-you").json()
    assert [i["id"] for i in items] == [original.pk] and items[0]["copies"] == 1
    client.logout()
    page = client.get("/for-you").content.decode()  # a visitor's default: the most covered news
    assert "Top news" in page and page.count("Earthquake hits Iranian island") == 1
    assert "Island quake: what we know" not in page and "via Gulf Ledger" in page


def test_local_is_nearest_first_from_the_profile_home_and_a_visitor_can_pick_a_place(client):
    paper = PublisherFactory()
    home, near, far = _city("Little Rock", 34.7465, -92.2896), _city("Conway", 35.0887, -92.4421), \
        _city("Fayetteville", 36.0626, -94.1574)
    ChannelFactory(kind=Channel.Kind.REGION, name="Arkansas", slug="arkansas", country_code="US", admin1_code="05")
    other_state = _city("Houston", 29.7604, -95.3698, admin1="TX")  # about 600 km away
    stories = {}
    for city, hours in ((far, 0), (near, 1), (home, 2), (other_state, 0)):
        stories[city.name] = _article(paper, f"News from {city.name}", hours=hours)
        _place(stories[city.name], city)
    reader = UserFactory()
    ProfileFactory(user=reader, home_name="Little Rock", home_region="Arkansas", home_country="US",
                   home_lat=34.7465, home_lon=-92.2896, home_geonameid=4119403)
    client.force_login(reader)
    api = client.get("/api/v1/me/local").json()
    assert api["home"] == "Little Rock"
    assert [i["title"] for i in api["items"]] == ["News from Little Rock", "News from Conway", "News from Fayetteville",
                                                  "News from Houston"]
    assert [i["reasons"] for i in api["items"]] == [["In Little Rock"], ["41 km from Little Rock"],
                                                    ["224 km from Little Rock"], ["In US"]]

    client.logout()
    assert "Pick a place" in client.get("/local").content.decode()
    picked = client.get("/local?place=conway")
    assert picked.cookies["lw_local"].value == "conway"
    again = client.get("/local").content.decode()  # the cookie remembers it
    assert "Local: Conway" in again and again.index("News from Conway") < again.index("News from Little Rock")
    assert "Pick a place" in client.get("/local?place=").content.decode()


def test_my_feeds_need_a_reader(client):
    assert client.get("/api/v1/me/for-you").status_code == 401
    assert client.get("/api/v1/me/local").status_code == 401


def test_a_hostile_place_cookie_or_parameter_is_ignored(client):
    client.cookies["lw_local"] = '"><script>alert(1)</script>'
    page = client.get("/local").content.decode()
    assert "<script>alert(1)" not in page and "Pick a place" in page
    assert client.get("/local?place=%3Cscript%3E").status_code == 200


def test_the_private_for_you_feed_needs_its_token_and_dies_with_a_password_change(client):
    import feedparser

    almaty = ChannelFactory(kind=Channel.Kind.CITY, name="Almaty", slug="almaty")
    article = _article(PublisherFactory(), "Almaty council approves tram line")
    ArticleChannelFactory(article=article, channel=almaty)
    reader = UserFactory()
    FollowFactory(user=reader, channel=almaty)
    client.force_login(reader)
    page = client.get("/for-you").content.decode()
    address = page.split('Your private feed: <a href="')[1].split('"')[0]
    client.logout()
    response = client.get(address)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    parsed = feedparser.parse(response.content)
    assert [e.title for e in parsed.entries] == ["Almaty council approves tram line"]
    assert client.get(address.replace(".rss", ".json")).json()["items"][0]["title"] == article.title
    assert client.get(address[:-8] + "0000.rss").status_code == 404  # a forged token
    reader.set_password("another-long-passphrase-77")
    reader.save()
    assert client.get(address).status_code == 404
