"""A home city is never guessed: a name several towns share is a choice for the reader (account
page, Local's city picker, /api/v1/me/home), and a name no town has is no match."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localwire.channels.models import Channel
from localwire.nlp import cities
from localwire.community.models import Profile
from localwire.testing.factories import ChannelFactory, UserFactory

pytestmark = pytest.mark.django_db

SPRINGFIELD_IL, SPRINGFIELD_MO = 4250542, 4409896
ATLANTIS_ZA, ATLANTIS_FL = 3370352, 4146372


def _home_of(user):
    return Profile.objects.filter(user=user).values_list("home_geonameid", flat=True).first()


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_shared_name_is_offered_as_choices_in_population_order_and_the_pick_is_kept(client, reader):
    page = client.post(reverse("account"), {"display_name": "", "home": "Springfield"})
    text = page.content.decode()
    assert page.status_code == 200 and _home_of(reader) is None  # nothing saved yet
    assert "places are called Springfield. Pick yours." in text
    missouri, massachusetts, illinois = (text.index(f"Springfield, {state}, US · ")
                                         for state in ("Missouri", "Massachusetts", "Illinois"))
    assert missouri < massachusetts < illinois  # most populous first
    assert f'type="radio" name="home_choice" value="{SPRINGFIELD_IL}"' in text

    saved = client.post(reverse("account"), {"display_name": "", "home": "Springfield", "home_choice": SPRINGFIELD_IL})
    assert saved.status_code == 302 and _home_of(reader) == SPRINGFIELD_IL
    assert Profile.objects.get(user=reader).home_label == "Springfield, Illinois, US"


def test_atlantis_is_two_real_towns_and_both_are_listed(client, reader):
    text = client.post(reverse("account"), {"display_name": "", "home": "Atlantis"}).content.decode()
    assert "2 places are called Atlantis" in text
    assert all(f'name="home_choice" value="{town}"' in text for town in (ATLANTIS_ZA, ATLANTIS_FL))
    assert text.index("Atlantis, South Africa, ZA") < text.index("Atlantis, Florida, US")
    assert _home_of(reader) is None


@pytest.mark.parametrize("typed", ["Springfield, Illinois", "Springfield, IL", "Springfield, Ill.",
                                   "Springfield, Illinois, US", "springfield,  illinois"])
def test_a_name_with_its_state_is_one_town(client, reader, typed):
    assert client.post(reverse("account"), {"display_name": "", "home": typed}).status_code == 302
    assert _home_of(reader) == SPRINGFIELD_IL


def test_a_misspelt_name_is_no_match_and_no_guess(client, reader):
    text = client.post(reverse("account"), {"display_name": "", "home": "Springfeld"}).content.decode()
    assert "No city called “Springfeld” is known here" in text
    assert 'name="home_choice"' not in text and _home_of(reader) is None
    assert cities.look_up("Springfeld").choices == ()


def test_a_state_that_fits_none_offers_the_towns_of_that_name():
    match = cities.look_up("Springfield, Narnia")
    assert match.city is None and "No Springfield in Narnia" in match.message
    assert match.choices[0].geonameid == SPRINGFIELD_MO


def test_the_api_answers_400_with_the_candidates_and_takes_one_by_id(client, reader):
    url = "/api/v1/me/home"
    refused = client.put(url, {"city": "Springfield"}, content_type="application/json")
    assert refused.status_code == 400
    candidates = refused.json()["candidates"]
    assert [c["id"] for c in candidates[:3]] == [SPRINGFIELD_MO, 4951788, SPRINGFIELD_IL]
    assert candidates[2]["label"] == "Springfield, Illinois, US" and candidates[2]["population"] > 100_000
    assert _home_of(reader) is None

    nothing = client.put(url, {"city": "Qwxzzy"}, content_type="application/json")
    assert nothing.status_code == 400 and nothing.json()["candidates"] == []

    chosen = client.put(url, {"city": "Springfield", "id": SPRINGFIELD_IL}, content_type="application/json")
    assert chosen.status_code == 200 and chosen.json()["home"]["label"] == "Springfield, Illinois, US"
    assert client.get(url).json()["home"]["id"] == SPRINGFIELD_IL
    by_id = client.put(url, {"id": ATLANTIS_FL}, content_type="application/json")
    assert by_id.json()["home"]["label"] == "Atlantis, Florida, US"
    assert client.delete(url).status_code == 204 and client.get(url).json() == {"home": None}


def test_the_local_picker_offers_the_towns_of_a_shared_name_and_takes_a_single_one(client):
    ChannelFactory(kind=Channel.Kind.CITY, name="Springfield", slug="springfield-il-us", code=str(SPRINGFIELD_IL),
                   lat=39.80, lon=-89.64, country_code="US", admin1_code="IL")
    page = client.get(reverse("local"), {"city": "Springfield"}).content.decode()
    assert "places are called Springfield" in page
    assert 'href="/local?place=springfield-il-us">Springfield, Illinois, US' in page  # a town with a channel
    assert f'href="/local?place=geonames%3A{SPRINGFIELD_MO}">Springfield, Missouri, US' in page

    one = client.get(reverse("local"), {"city": "Springfield, Illinois"})
    assert one.status_code == 302 and one["Location"] == "/local?place=springfield-il-us"
    atlantis = client.get(reverse("local"), {"city": "Atlantis, Florida"})
    assert atlantis["Location"] == f"/local?place=geonames%3A{ATLANTIS_FL}"
    picked = client.get(atlantis["Location"])
    assert "Local: Atlantis" in picked.content.decode() and picked.cookies["lw_local"].value == f"geonames:{ATLANTIS_FL}"
    assert "No city called “Qwxzzy”" in client.get(reverse("local"), {"city": "Qwxzzy"}).content.decode()
