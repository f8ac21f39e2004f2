"""A publisher's home city from what an operator types: one city, or an error naming the choices.

"Springfield" is twenty towns: guessing the largest put Illinois papers in Missouri. A name the
gazetteer knows once is taken; a name it knows several times must be narrowed down with one of
the labels the error lists ("Springfield, Illinois, US", as the site's city picker writes them);
a name it does not know is an error, with the cities that start with it as suggestions.
"""

from __future__ import annotations

from localwire.community import places
from localwire.nlp.gazetteer import gazetteer, norm

MAX_SHOWN = 8


class HomeCityError(ValueError):
    """Unknown or ambiguous; ``matches`` are the labels an operator can pick from."""

    def __init__(self, message: str, matches: list[str]):
        super().__init__(message)
        self.matches = matches


def home_city_value(text: str) -> str:
    """What ``Publisher.home_city`` stores for the city ``text`` names.

    "Name, Region" is what the analyser reads back (``nlp.analyze.resolve_home``); when that
    would find another town of the name, the GeoNames id is stored instead, which cannot.
    """
    from localwire.nlp.analyze import resolve_home

    city = resolve_city(text)
    value = f"{city.name}, {city.region}" if city.region else city.name
    found = resolve_home(value)
    return value if found is not None and found.geonameid == city.geonameid else f"geonames:{city.geonameid}"


def resolve_city(text: str) -> places.City:
    text = " ".join(text.split())
    name = text.split(",")[0].strip()
    cities = _cities_named(name)
    wanted = norm(text)
    if "," in text:
        cities = [c for c in cities if norm(c.label) == wanted] or [
            c for c in cities if norm(c.label).startswith(wanted)]
    if len(cities) == 1:
        return cities[0]
    if cities:
        labels = [c.label for c in cities]
        raise HomeCityError(f"{text!r} is {len(labels)} cities; pick one: {_listed(labels)}", labels)
    suggestions = [c.label for c in places.search(name, limit=MAX_SHOWN)]
    hint = f"; cities starting so: {_listed(suggestions)}" if suggestions else ""
    raise HomeCityError(f"no city {text!r} is known{hint}", suggestions)


def _cities_named(name: str) -> list[places.City]:
    """Cities under the name (own or alternate), most populous first, each once."""
    found = sorted((p for p in gazetteer().candidates(name) if p.kind == "city"), key=lambda p: -p.population)
    seen: set[int] = set()
    cities = []
    for place in found:
        if place.geonameid not in seen:
            seen.add(place.geonameid)
            cities.append(places.by_id(place.geonameid))
    return [c for c in cities if c is not None]


def _listed(labels: list[str]) -> str:
    shown = "; ".join(f'"{label}"' for label in labels[:MAX_SHOWN])
    return shown + (f"; and {len(labels) - MAX_SHOWN} more" if len(labels) > MAX_SHOWN else "")
