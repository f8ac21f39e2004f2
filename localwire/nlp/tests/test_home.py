"""A publisher's home (the ``home`` field of ``localwire analyze``) is taken only when it names one town."""

import pytest

from localwire.nlp.analyze import resolve_home


@pytest.mark.parametrize("home, geonameid", [
    ("Springfield, Ill.", 4250542), ("Little Rock, Ark.", 4119403), ("Almaty, Kazakhstan", 1526384),
    ("geonames:4250542", 4250542),
])
def test_a_home_that_names_one_town_is_that_town(home, geonameid):
    assert resolve_home(home).geonameid == geonameid


@pytest.mark.parametrize("home", ["Springfield, US", "Portland, USA", "Springfield, Narnia", "Springfield", ""])
def test_a_home_several_towns_fit_is_no_home_rather_than_the_largest(home):
    assert resolve_home(home) is None
