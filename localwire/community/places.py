"""Home-city look-ups against the GeoNames gazetteer, for the profile form and ``/account/places``.

The gazetteer is loaded on the first look-up (never by a page that only shows a profile: the
profile keeps the city's name, region, country and coordinates beside its GeoNames id).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from localwire.nlp.gazetteer import Place, gazetteer, norm
from localwire.nlp.loading import load_once

MAX_QUERY = 100


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    region: str
    country: str
    lat: float | None
    lon: float | None

    @property
    def label(self) -> str:
        """'Little Rock, Arkansas, US'; outside the US, where only codes are known: 'Lyon, France, FR'."""
        return ", ".join(part for part in (self.name, self.region, self.country) if part)


def _city(place: Place) -> City:
    g = gazetteer()
    if place.country_code == "US":
        state = g.us_states.get(place.admin1_code)
        region = state.name if state else ""
    else:
        country = g.countries.get(place.country_code)
        region = country.name if country else ""
    return City(place.geonameid, place.name, region, place.country_code, place.lat, place.lon)


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


def resolve(text: str) -> City | None:
    """The city a label from ``search`` (or a bare name) stands for; None when nothing fits."""
    text = " ".join(text[:MAX_QUERY * 3].split())
    if not text:
        return None
    name = text.split(",")[0]
    candidates = sorted(gazetteer().candidates(name), key=lambda p: -p.population)
    cities = [_city(p) for p in candidates if p.kind == "city"]
    wanted = norm(text)
    for city in cities:
        if norm(city.label) == wanted:
            return city
    if "," not in text and cities:
        return cities[0]
    return None
