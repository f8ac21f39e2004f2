"""Home-city look-ups against the GeoNames gazetteer, for the profile form, the Local page's city
picker, ``/account/places`` and ``/api/v1/me/home``.

A typed name is never silently turned into one of several towns: "Springfield" is twenty-odd places
and the reader is the only one who knows which is theirs, so every town of that name is offered,
most populous first. Population orders the list; it never decides, because the reader in the
smaller town is exactly the one who typed its name. "Atlantis" is two real towns (South Africa,
about 80,000 people, and Florida, about 2,000): the gazetteer holds only populated places of at
least 1,000 people (GeoNames feature class P), so an exact hit is a real town and is listed, never
dismissed as a myth, and never picked for the reader either. A name with no town of that very name
(or another of its names, for towns of 15,000 or more) is no match: no spelling guess is taken.

The gazetteer is loaded on the first look-up (never by a page that only shows a profile: the
profile keeps the city's name, region, country and coordinates beside its GeoNames id).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from localwire.nlp.gazetteer import SPELLED_OUT, Place, gazetteer, norm, stem
from localwire.nlp.loading import load_once

MAX_QUERY = 100
MAX_CHOICES = 30  # "Springfield" has 21 towns of its own name; more than this needs a state or country


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    region: str
    country: str
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str = ""  # GeoNames' first-order division code: "IL", "02"

    @property
    def label(self) -> str:
        """'Little Rock, Arkansas, US'; outside the US, where only codes are known: 'Lyon, France, FR'."""
        return ", ".join(part for part in (self.name, self.region, self.country) if part)

    @property
    def choice_text(self) -> str:
        """How a town is offered among others of its name: its label and its size."""
        return f"{self.label} · {self.population:,} people" if self.population else self.label


@dataclass(frozen=True)
class Match:
    """What a typed name stands for: one city, several for the reader to choose from, or none."""

    city: City | None = None
    choices: tuple[City, ...] = ()
    message: str = ""  # why there is no single city, in the reader's words


def _city(place: Place) -> City:
    g = gazetteer()
    if place.country_code == "US":
        state = g.us_states.get(place.admin1_code)
        region = state.name if state else ""
    else:
        country = g.countries.get(place.country_code)
        region = country.name if country else ""
    return City(place.geonameid, place.name, region, place.country_code, place.lat, place.lon, place.population,
                place.admin1_code)


def _build_index() -> list[tuple[str, int, int]]:
    """(normalised name, -population, id) for every city's own name, sorted for prefix search."""
    return sorted((norm(p.name), -p.population, p.geonameid) for p in gazetteer().by_id.values())


_index = load_once(_build_index)


def search(query: str, limit: int = 8) -> list[City]:
    """Cities whose name starts with the query (the part before a comma), most populous first."""
    key = norm(query[:MAX_QUERY].split(",")[0])
    if len(key) < 2:
        return []
    index = _index()
    start = bisect.bisect_left(index, (key,))
    hits = []
    for name, negative_population, geonameid in index[start:start + 20000]:
        if not name.startswith(key):
            break
        hits.append((negative_population, name != key, geonameid))
    # Exact names first, then by population.
    hits.sort(key=lambda h: (h[1], h[0]))
    by_id = gazetteer().by_id
    return [_city(by_id[h[2]]) for h in hits[:limit]]


def by_id(geonameid: int) -> City | None:
    place = gazetteer().by_id.get(geonameid)
    return _city(place) if place else None


def look_up(text: str) -> Match:
    """The town a typed name stands for: "Springfield, Illinois", "Springfield, IL, US" and the
    labels ``search`` gives are one town; a bare "Springfield" is a list to choose from."""
    text = " ".join(text[:MAX_QUERY * 3].split())
    name, *qualifiers = [part.strip() for part in text.split(",")]
    qualifiers = [q for q in qualifiers if q]
    named = _towns_named(name) if name else []
    if not named:
        return Match(message=f"No city called “{name}” is known here. Check the spelling, or add the "
                             "state or country, e.g. “Springfield, Illinois”." if name else "Type a city’s name.")
    fitting = [p for p in named if all(_lies_in(p, q) for q in qualifiers)]
    where = f" in {', '.join(qualifiers)}" if qualifiers else ""
    if len(fitting) == 1:
        return Match(city=_city(fitting[0]))
    if not fitting:
        return Match(choices=_choices(named), message=f"No {name}{where} is known here. "
                                                      f"Places called {name}: pick yours.")
    return Match(choices=_choices(fitting), message=f"{len(fitting)} places are called {name}{where}. "
                                                    "Pick yours.")


def chosen(match: Match, geonameid: int | None) -> Match:
    """A look-up settled by the town the reader chose among its choices; unchanged when the
    choice is not one of them (a pick left over from another name)."""
    town = next((c for c in match.choices if c.geonameid == geonameid), None)
    return Match(city=town) if town else match


def resolve(text: str) -> City | None:
    """The one town a label from ``search`` (or a name) stands for; None when nothing or several fit."""
    return look_up(text).city


def _choices(places: list[Place]) -> tuple[City, ...]:
    return tuple(_city(p) for p in places[:MAX_CHOICES])


def _towns_named(name: str) -> list[Place]:
    """Towns of this very name, most populous first; towns only known by it as another of their
    names ("Nur-Sultan" for Astana) when no town has it as its own."""
    found = sorted(gazetteer().candidates(name), key=lambda p: (-p.population, p.geonameid))
    key = _spelled_out(norm(name))
    own = [p for p in found if _spelled_out(norm(p.name)) == key]
    return own or found


def _spelled_out(key: str) -> str:
    first, _, rest = key.partition(" ")
    return f"{SPELLED_OUT[first]} {rest}" if rest and first in SPELLED_OUT else key


def _lies_in(place: Place, qualifier: str) -> bool:
    """Whether a state, region or country written after the name ("Ill.", "Illinois", "IL", "US",
    "France", "FR") is where this town is."""
    g = gazetteer()
    state = g.us_state(qualifier)
    if state is not None and place.country_code == "US" and state.admin1_code == place.admin1_code:
        return True
    country = g.country(qualifier)
    if (country is not None and country.country_code == place.country_code) or qualifier.upper() == place.country_code:
        return True
    region = g.regions.get((place.country_code, place.admin1_code))
    key = norm(qualifier)
    return region is not None and key in {norm(region.name), stem(norm(region.name))}
