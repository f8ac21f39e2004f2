"""The places an article is about: its dateline, then the places it names, resolved together.

Mentions come from ``place_mentions.py``. Continents, countries and US states are read first:
they are the context that decides which Springfield is meant. Then each other name is resolved
once per article (``resolve.py``), names with a state or country beside them first, then the
model's own spans, then the names found by Localwire's rules, each with the places known so far.
Towns bring their region and country along, so local channels exist at every level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from localwire.nlp.credits import in_credit
from localwire.nlp.datelines import Dateline
from localwire.nlp.entities import Entity
from localwire.nlp.gazetteer import AP_STANDALONE_US, Gazetteer, Place, norm, stem
from localwire.nlp.place_mentions import DEMONYM, MODEL, PlaceMention, place_mentions
from localwire.nlp.resolve import NEAR_KM, by_other_name, km, resolve, resolve_city
from localwire.nlp.spans import Offsets

BIG_CITY = 250_000  # a city this size may be named bare in any story ("talks in Geneva")
FOUND_BY_RULE_BIG = 100_000  # a name the model did not mark needs its area in the story, or this size
_QUALIFIER = re.compile(r"^\s*,\s*([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)")
HOME_TOWN_KM = 25  # a country's name is the town when the dateline or the publisher is this close to it
SOURCE_WEIGHT = {MODEL: 1.0, DEMONYM: 0.3}  # every other source: 0.8


@dataclass
class ArticlePlace:
    place: Place
    role: str  # "dateline" or "mentioned"
    salience: float = 0.0
    mentions: list[Offsets] = field(default_factory=list)


def article_places(text: str, title: str, entities: list[Entity], dateline: Dateline | None,
                   gazetteer: Gazetteer, home: Place | None = None,
                   skip: tuple[Offsets, ...] = ()) -> list[ArticlePlace]:
    """``skip`` are stretches of the text that name no place the article is about: the credit lines
    ("Jim Heintz in Moscow … contributed to this report")."""
    found: dict[str, ArticlePlace] = {}
    context: list[Place] = []
    if dateline is not None:
        place = resolve_city(gazetteer, dateline.city, dateline.region, dateline=True, home=home)
        if place is not None:
            _add(found, place, "dateline", Offsets(0, len(dateline.raw_city)), weight=4.0)
            context.append(place)
    mentions = [m for m in place_mentions(text, entities, gazetteer) if not (dateline and m.start == 0)
                and not in_credit(skip, m.start, m.end)]
    in_us = _set_in_us(mentions, context, home, gazetteer)
    anchors = context + ([home] if home is not None else [])
    pending = []
    for mention in mentions:
        broad = _broad(mention, gazetteer, in_us, anchors)
        if broad is not None:
            _add(found, broad, "mentioned", Offsets(mention.start, mention.end), _weight(mention, text, title))
            context.append(broad)
        else:
            pending.append(mention)
    _resolve_pending(pending, text, title, gazetteer, context, home, found)
    _add_parents(found, gazetteer)
    top = max((p.salience for p in found.values()), default=1.0) or 1.0
    for item in found.values():
        item.salience = round(item.salience / top, 3)
        item.mentions.sort()
    return sorted(found.values(), key=lambda p: (p.role != "dateline", -p.salience))


def _broad(mention: PlaceMention, gazetteer: Gazetteer, in_us: bool, anchors: list[Place]) -> Place | None:
    """A continent, country or US state, or the country a demonym names. A country's name is the
    town when the dateline or the publisher is next to a town of that name (Palestine, Texas)."""
    if mention.source == DEMONYM:
        return gazetteer.demonym_country(mention.text)
    if any(t.country_code == a.country_code and km(t, a) <= HOME_TOWN_KM
           for t in gazetteer.candidates(mention.text) for a in anchors if a.kind == "city"):
        return None
    broad = gazetteer.continent(mention.text) or gazetteer.country(mention.text)
    if broad is not None and broad.kind == "country" and in_us and gazetteer.us_state(mention.text) is not None:
        broad = gazetteer.us_state(mention.text)  # Georgia the state, in an American story
    if broad is None and norm(mention.text) not in AP_STANDALONE_US:
        # "Washington" and "New York" in running text mean the cities (AP style), not the states.
        broad = gazetteer.us_state(mention.text)
    return broad


def _resolve_pending(pending: list[PlaceMention], text: str, title: str, gazetteer: Gazetteer,
                     context: list[Place], home: Place | None, found: dict) -> None:
    """One sense per name in an article: a name is resolved once, the best-placed mention first."""
    qualifiers = {id(m): _QUALIFIER.match(f", {m.region}" if m.region else text[m.end:m.end + 40]) for m in pending}
    order = sorted(pending, key=lambda m: (qualifiers[id(m)] is None, m.source != MODEL, m.start))
    senses: dict[str, Place | None] = {}
    for mention in order:
        key = norm(mention.text)
        qualifier = qualifiers[id(mention)]
        if key not in senses or qualifier is not None:
            place = resolve(gazetteer, mention.lookup or mention.text, qualifier.group(1) if qualifier else "", context=context,
                            home=home, dateline=key in AP_STANDALONE_US)
            if place is not None and not (qualifier or _plausible(place, mention, context, home)):
                place = None
            senses.setdefault(key, place)
            if place is not None:
                context.append(place)
        place = senses[key] if qualifier is None else place
        if place is not None:
            _add(found, place, "mentioned", Offsets(mention.start, mention.end), _weight(mention, text, title))


def _set_in_us(mentions: list[PlaceMention], context: list[Place], home: Place | None, gazetteer: Gazetteer) -> bool:
    """An American dateline or publisher, or a state named that is not also a country."""
    if any(p.country_code == "US" for p in context) or (home is not None and home.country_code == "US"):
        return True
    return any(m.source != DEMONYM and gazetteer.us_state(m.text) is not None and gazetteer.country(m.text) is None
               for m in mentions)


def _plausible(place: Place, mention: PlaceMention, context: list[Place], home: Place | None) -> bool:
    """In an article set in Ukraine, a bare 'Metro' is not the Indonesian town: a small place counts
    only in a country the article (or the publisher) is already in, unless nothing places the article.
    A name the model did not mark as a place needs more: its region or a place near it in the
    story, or a large population."""
    anchors = context + ([home] if home is not None else [])
    countries = {p.country_code for p in anchors}
    big = place.population >= BIG_CITY and not by_other_name(place, mention.text)
    if mention.source == MODEL:
        return not countries or place.country_code in countries or big
    if place.country_code not in countries:
        return big and not countries
    return place.population >= FOUND_BY_RULE_BIG or any(
        p.kind != "country" and p.country_code == place.country_code
        and ((p.admin1_code and p.admin1_code == place.admin1_code) or km(p, place) <= NEAR_KM) for p in anchors)


def _weight(mention: PlaceMention, text: str, title: str) -> float:
    first_paragraph = text.find("\n\n") if "\n\n" in text else len(text)
    where = 1.0 + (1.0 if mention.start < first_paragraph else 0.0) + (2.0 if mention.text in title else 0.0)
    return where * SOURCE_WEIGHT.get(mention.source, 0.8)


def _add_parents(found: dict, gazetteer: Gazetteer) -> None:
    """A town brings its region and country; a county or region its country."""
    for item in list(found.values()):
        if item.place.kind in ("country", "continent"):
            continue
        region = gazetteer.region_of(item.place)
        if region is not None and _same_name(region, item.place):
            region = None  # Almaty the city is also a region of its own; one channel is enough
        for parent in (region, gazetteer.countries.get(item.place.country_code)):
            if parent is not None and parent.key != item.place.key:
                _add(found, parent, "mentioned", None, item.salience * 0.5)


def _same_name(region: Place, place: Place) -> bool:
    return stem(norm(region.name)).removesuffix(" city") == stem(norm(place.name))


def _add(found: dict, place: Place, role: str, span: Offsets | None, weight: float) -> None:
    item = found.get(place.key)
    if item is None:
        item = found[place.key] = ArticlePlace(place, role)
    elif role == "dateline":
        item.role = "dateline"
    item.salience += weight
    if span and span not in item.mentions:
        item.mentions.append(span)


def describe(place: Place, gazetteer: Gazetteer) -> str:
    """A channel's one-line description: 'City in Arkansas, United States'."""
    country = gazetteer.countries.get(place.country_code)
    country_name = country.name if country else place.country_code
    if place.kind == "continent":
        return "Continent"
    if place.kind == "country":
        return "Country"
    if place.kind == "region":
        return f"State of the {country_name}" if place.country_code == "US" else f"Region of {country_name}"
    region = gazetteer.region_of(place)
    if region is not None and _same_name(region, place):
        region = None
    what = "County" if place.kind == "county" else "City"
    return f"{what} in {region.name}, {country_name}" if region else f"{what} in {country_name}"


def place_slug(place: Place, gazetteer: Gazetteer) -> str:
    """A readable slug, unique among places of its kind: 'springfield-il-us', 'boone-county-ky-us',
    'almaty-kz' (the only Almaty in Kazakhstan), 'san-fernando-pampanga-ph' (one of several),
    'ontario-ca', 'kazakhstan', 'europe'. A name shared within one region adds the GeoNames id."""
    if place.kind in ("country", "continent"):
        parts = [place.name]
    elif place.kind == "region":
        parts = [place.name, place.country_code]
    elif place.country_code == "US":
        parts = [place.name, place.admin1_code, "US"]
    else:
        region = gazetteer.region_of(place)
        shared = _namesakes(place, gazetteer, same_region=False)
        parts = [place.name, stem(norm(region.name)) if shared and region else "", place.country_code]
    if place.kind in ("city", "county") and _namesakes(place, gazetteer, same_region=True):
        parts.append(str(place.geonameid))
    return slugify("-".join(p for p in parts if p))[:120] or "place"


def _namesakes(place: Place, gazetteer: Gazetteer, same_region: bool) -> bool:
    """Whether another place of the same kind and own name is in its country (or region)."""
    pool = gazetteer.candidates(place.name) if place.kind == "city" else gazetteer.areas(place.name)
    return any(other.geonameid != place.geonameid and other.kind == place.kind and norm(other.name) == norm(place.name)
               and other.country_code == place.country_code
               and (not same_region or other.admin1_code == place.admin1_code) for other in pool)


def infer_home(articles_places: list[list[Place]], min_articles: int = 3, min_share: float = 0.2,
               gazetteer: Gazetteer | None = None) -> Place | None:
    """A publisher's home area, from the places its own articles name (the places they mention,
    not the regions and countries those bring along): the city most of them share, if it is in
    enough of them to be more than one busy story.

    With the gazetteer, the name is read again in the region most of the articles are in: a Texas
    paper's articles say "Gainesville" bare, and read alone each was the biggest Gainesville (Florida)."""
    from collections import Counter

    counts = Counter(key for places in articles_places for key in {p.key for p in places if p.kind == "city"})
    by_key = {p.key: p for places in articles_places for p in places}
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    if n < min_articles or n < min_share * len(articles_places):
        return None
    city = by_key[key]
    # The region is voted by the other places: read alone, "London" was London, England in every
    # article of a paper from London, Ontario, and England would win the vote.
    others = [[p for p in places if norm(p.name) != norm(city.name)] for places in articles_places]
    region = _usual_region(others, gazetteer, min_articles) if gazetteer is not None else None
    if region is not None and (city.country_code, city.admin1_code) != (region.country_code, region.admin1_code):
        there = [c for c in gazetteer.candidates(city.name)
                 if (c.country_code, c.admin1_code) == (region.country_code, region.admin1_code)]
        city = max(there, key=lambda c: c.population) if there else city
    return city


def _usual_region(articles_places: list[list[Place]], gazetteer: Gazetteer, min_articles: int) -> Place | None:
    """The first-order division most of a publisher's articles have a place in."""
    from collections import Counter

    votes = Counter(area for places in articles_places
                    for area in {(p.country_code, p.admin1_code) for p in places if p.admin1_code})
    if not votes:
        return None
    (country, admin1), n = votes.most_common(1)[0]
    region = gazetteer.us_states.get(admin1) if country == "US" else gazetteer.regions.get((country, admin1))
    return region if n >= min_articles else None
