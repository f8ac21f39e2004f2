"""A publisher's home city from what an operator types: one city, or an error naming the choices.

"Springfield" is twenty towns: guessing the largest put Illinois papers in Missouri. A name the
gazetteer knows once is taken; a name it knows several times must be narrowed down with one of
the labels the error lists ("Springfield, Illinois, US", as the site's city picker writes them);
a name it does not know is an error, with the cities that start with it as suggestions.
"""

from __future__ import annotations

from localwire.nlp import cities
from localwire.nlp.analyze import resolve_home

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
    city = resolve_city(text)
    value = f"{city.name}, {city.region}" if city.region else city.name
    found = resolve_home(value)
    return value if found is not None and found.geonameid == city.geonameid else f"geonames:{city.geonameid}"


def resolve_city(text: str) -> cities.City:
    """The one city ``text`` names, by the same reading as a reader's home city (``cities.look_up``)."""
    match = cities.look_up(text)
    if match.city is not None:
        return match.city
    if match.choices:
        labels = [c.label for c in match.choices]
        raise HomeCityError(f"{text!r} is {len(labels)} cities; pick one: {_listed(labels)}", labels)
    suggestions = [c.label for c in cities.search(text, limit=MAX_SHOWN)]
    hint = f"; cities starting so: {_listed(suggestions)}" if suggestions else ""
    raise HomeCityError(f"no city {text.strip()!r} is known{hint}", suggestions)


def _listed(labels: list[str]) -> str:
    shown = "; ".join(f'"{label}"' for label in labels[:MAX_SHOWN])
    return shown + (f"; and {len(labels) - MAX_SHOWN} more" if len(labels) > MAX_SHOWN else "")
