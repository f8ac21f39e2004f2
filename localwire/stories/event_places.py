"""Where an article's event happened, as its lead says it, by dictionary look-ups in the gazetteer.

The dateline's city; countries and US states named in full; cities named with their state or
country beside them ("Wasilla, Alaska"), large enough to stand alone, or inside a state or country
the lead already names. Each place counts as its area — the country, and for the United States the
state too ("US", "US-MN"): Bloomington, Minn., is not Queens, N.Y. Cities are kept as well: coverage
that stays in one city day after day is one story going on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from localwire.nlp.datelines import parse_dateline
from localwire.nlp.gazetteer import AP_STANDALONE_US, norm
from localwire.nlp.resolve import resolve_city

STANDALONE_CITY = 250_000  # a city this size named bare is probably the place, not a surname ("Bush")
SHORT_COUNTRIES = {"US", "USA", "U.S", "UK", "U.K", "UAE", "DRC"}
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|del|la|le|du|upon)\s+)?[A-Z][\w'’.-]*)*")
_QUALIFIER = re.compile(r"^,\s*([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)")
_LEADING = {"in", "the", "on", "at", "from", "near", "outside", "inside", "across", "north", "south", "east",
            "west", "northern", "southern", "eastern", "western", "central", "downtown", "greater", "rural"}


def event_places(text: str, lead: str, places) -> tuple[set[str], set[int]]:
    """(areas, cities' GeoNames ids). ``places``: the gazetteer; ``text`` for its dateline, ``lead``
    for the names."""
    found, cities = _dateline_city(text, places), []
    for match in _NAME.finditer(lead):
        name = _trim(match.group(0))
        if len(name) <= 3 and name not in SHORT_COUNTRIES:
            continue  # "EST" is a time zone, "WBA" a boxing body
        broad, a_city, standalone = _look_up(places, name)
        if broad is not None:
            found.append(broad)
        elif a_city:
            qualifier = _QUALIFIER.match(lead[match.end():match.end() + 40])
            cities.append((name, qualifier.group(1) if qualifier else "", standalone))
    for name, qualifier, standalone in cities:
        city = resolve_city(places, name, qualifier, context=found, dateline=standalone)
        if city is None or norm(city.name) != norm(name):
            continue  # the best-placed city bears the name only as another name
        if qualifier or city.population >= STANDALONE_CITY or any(area(p) == area(city) for p in found):
            found.append(city)
    areas = {area(p) for p in found} | {p.country_code for p in found}
    return areas, {p.geonameid for p in found if p.kind == "city" and p.geonameid}


def area(place) -> str:
    if place.country_code == "US" and place.admin1_code:
        return f"US-{place.admin1_code}"
    return place.country_code


@lru_cache(maxsize=100_000)
def _look_up(places, name: str):
    """(the country or state it names, whether some city bears it as its own name, whether AP lets it
    stand for a city alone): names recur from article to article, and most capitalised words are no
    place. GeoNames' other names include "Her" and "Man": only a city's own name counts."""
    key = norm(name)
    standalone = key in AP_STANDALONE_US  # "Washington", "New York": AP's cities, not states
    broad = None if standalone else places.country(name) or (places.us_state(name) if len(name) > 4 else None)
    return broad, any(norm(city.name) == key for city in places.candidates(name)), standalone


def _dateline_city(text: str, places) -> list:
    dateline = parse_dateline(text)
    city = resolve_city(places, dateline.city, dateline.region, dateline=True) if dateline else None
    return [city] if city is not None else []


def _trim(name: str) -> str:
    """"In Mannheim" → "Mannheim", "Kazakhstan's" → "Kazakhstan"; a run of more than three
    capitalised words (a headline in title case, an organisation) is no place."""
    words = re.sub(r"['’]s$", "", name).rstrip(".").split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    return " ".join(words) if len(words) <= 3 else ""
