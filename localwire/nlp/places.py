"""The places an article is about: its dateline, then the places it names, resolved together.

Each LOC mention is tried as a country, a US state, then a city, ranked by the
state or country written beside it, the other places in the article and the
publisher's home area. Cities bring their state (US) and country along, so local
channels exist at every level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from localwire.nlp.datelines import Dateline
from localwire.nlp.entities import Entity
from localwire.nlp.gazetteer import AP_STANDALONE_US, Gazetteer, Place, norm

BIG_CITY = 250_000  # a city this size may be named bare in any story ("talks in Geneva")
_QUALIFIER = re.compile(r"^\s*,\s*([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)")


@dataclass
class ArticlePlace:
    place: Place
    role: str  # "dateline" or "mentioned"
    salience: float = 0.0
    mentions: list[tuple[int, int]] = field(default_factory=list)


def article_places(text: str, title: str, entities: list[Entity], dateline: Dateline | None,
                   gazetteer: Gazetteer, home: Place | None = None) -> list[ArticlePlace]:
    found: dict[str, ArticlePlace] = {}
    context: list[Place] = []
    if dateline is not None:
        place = gazetteer.resolve_city(dateline.city, dateline.region, dateline=True, home=home)
        if place is not None:
            _add(found, place, "dateline", (0, len(dateline.raw_city)), weight=4.0)
            context.append(place)
    locations = [e for e in entities if e.type == "LOC" and not (dateline and e.start == 0)]
    # Countries and states first: they are the context that decides which Springfield is meant.
    pending = []
    in_us = _set_in_us(locations, context, home, gazetteer)
    for mention in locations:
        broad = gazetteer.country(mention.text)
        if broad is not None and in_us and gazetteer.us_state(mention.text) is not None:
            broad = gazetteer.us_state(mention.text)  # Georgia the state, in an American story
        if broad is None and norm(mention.text) not in AP_STANDALONE_US:
            # "Washington" and "New York" in running text mean the cities (AP style), not the states.
            broad = gazetteer.us_state(mention.text)
        if broad is not None:
            _add(found, broad, "mentioned", (mention.start, mention.end), _weight(mention, text, title))
            context.append(broad)
        else:
            pending.append(mention)
    for mention in pending:
        qualifier = _QUALIFIER.match(text[mention.end:mention.end + 40])
        city = gazetteer.resolve_city(mention.text, qualifier.group(1) if qualifier else "",
                                      context=context, home=home, dateline=norm(mention.text) in AP_STANDALONE_US)
        if city is not None and (qualifier or _plausible(city, context, home)):
            _add(found, city, "mentioned", (mention.start, mention.end), _weight(mention, text, title))
    for item in list(found.values()):
        if item.place.kind == "city":
            for parent in (gazetteer.region_of(item.place), gazetteer.countries.get(item.place.country_code)):
                if parent is not None:
                    _add(found, parent, "mentioned", None, item.salience * 0.5)
    top = max((p.salience for p in found.values()), default=1.0) or 1.0
    for item in found.values():
        item.salience = round(item.salience / top, 3)
    return sorted(found.values(), key=lambda p: (p.role != "dateline", -p.salience))


def _set_in_us(locations: list[Entity], context: list[Place], home: Place | None, gazetteer: Gazetteer) -> bool:
    """An American dateline or publisher, or a state named that is not also a country."""
    if any(p.country_code == "US" for p in context) or (home is not None and home.country_code == "US"):
        return True
    return any(gazetteer.us_state(m.text) is not None and gazetteer.country(m.text) is None for m in locations)


def _plausible(city: Place, context: list[Place], home: Place | None) -> bool:
    """In an article set in Ukraine, a bare 'Metro' is not the Indonesian town: a small city counts
    only in a country the article (or the publisher) is already in, unless nothing places the article."""
    countries = {p.country_code for p in context} | ({home.country_code} if home else set())
    return not countries or city.country_code in countries or city.population >= BIG_CITY


def _weight(mention: Entity, text: str, title: str) -> float:
    first_paragraph = text.find("\n\n") if "\n\n" in text else len(text)
    return 1.0 + (1.0 if mention.start < first_paragraph else 0.0) + (2.0 if mention.text in title else 0.0)


def _add(found: dict, place: Place, role: str, span, weight: float) -> None:
    item = found.get(place.key)
    if item is None:
        item = found[place.key] = ArticlePlace(place, role)
    elif role == "dateline":
        item.role = "dateline"
    item.salience += weight
    if span:
        item.mentions.append(span)


def describe(place: Place, gazetteer: Gazetteer) -> str:
    """A channel's one-line description: 'City in Arkansas, United States'."""
    country = gazetteer.countries.get(place.country_code)
    country_name = country.name if country else place.country_code
    if place.kind == "country":
        return "Country"
    if place.kind == "region":
        return f"State of the {country_name}" if place.country_code == "US" else f"Region of {country_name}"
    region = gazetteer.region_of(place)
    return f"City in {region.name}, {country_name}" if region else f"City in {country_name}"


def infer_home(articles_places: list[list[Place]], min_articles: int = 3, min_share: float = 0.2) -> Place | None:
    """A publisher's home area, from the cities its own articles name: the city most of them
    share, if it is in enough of them to be more than one busy story."""
    from collections import Counter

    counts = Counter(key for places in articles_places for key in {p.key for p in places if p.kind == "city"})
    by_key = {p.key: p for places in articles_places for p in places}
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    return by_key[key] if n >= min_articles and n >= min_share * len(articles_places) else None
