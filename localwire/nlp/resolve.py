"""Which of the places sharing a name an article means.

Ranked, in order of weight: the state or country written beside the name ("Springfield, Ill."),
the article's other places (same country, same region, or within a short drive), the publisher's
home area, then size. AP style decides the rest: a bare "WASHINGTON" dateline is Washington, D.C.
A town and a division of one name in one country ("Palermo", "Almaty") mean the town unless the
mention says which division ("Almaty Region").
"""

from __future__ import annotations

import math
from typing import Iterable

from localwire.nlp.gazetteer import AP_STANDALONE_US, WASHINGTON_DC, Gazetteer, Place, norm, stem

NEAR_KM = 80  # another place this close (a county, a nearby town) points to the same area
# A place found under another of its names ('Berea' is an old name of Aleppo) is a weaker match than
# one of that very name (Berea, Kentucky): worth a hundredth of the population.
ALIAS_PENALTY = 2.0


def resolve(gazetteer: Gazetteer, name: str, qualifier: str = "", *, context: Iterable[Place] = (),
            home: Place | None = None, dateline: bool = False,
            kinds: tuple[str, ...] = ("city", "county", "region")) -> Place | None:
    candidates = _candidates(gazetteer, name, kinds)
    if not candidates:
        return None
    state = gazetteer.us_state(qualifier) if qualifier else None
    country = gazetteer.country(qualifier) if qualifier and not state else None
    if state:
        candidates = [c for c in candidates if c.country_code == "US" and c.admin1_code == state.admin1_code]
    elif country:
        candidates = [c for c in candidates if c.country_code == country.country_code]
    elif dateline and norm(name) in AP_STANDALONE_US:
        if norm(name) == "washington":
            return gazetteer.by_id.get(WASHINGTON_DC)
        candidates = [c for c in candidates if c.country_code == "US"] or candidates
    if not candidates:
        return None
    context = [p for p in context if p is not None]
    return max(candidates, key=lambda c: score(c, context, home) - ALIAS_PENALTY * by_other_name(c, name))


def resolve_city(gazetteer: Gazetteer, name: str, qualifier: str = "", **context) -> Place | None:
    """The town a name means (see ``resolve``), never a region or county."""
    return resolve(gazetteer, name, qualifier, kinds=("city",), **context)


def _candidates(gazetteer: Gazetteer, name: str, kinds: tuple[str, ...]) -> list[Place]:
    towns = gazetteer.candidates(name) if "city" in kinds else []
    areas = [a for a in gazetteer.areas(name) if a.kind in kinds]
    if stem(norm(name)) != norm(name):
        return areas or towns  # "Boone County", "Almaty Region": the division, when there is one
    countries_with_towns = {t.country_code for t in towns}
    return towns + [a for a in areas if a.country_code not in countries_with_towns]


def by_other_name(place: Place, name: str) -> bool:
    """Whether ``name`` is not the place's own name (nor its name without 'County' or 'Region')."""
    key, own = norm(name), norm(place.name)
    return key != own and stem(key) != stem(own)


def score(place: Place, context: list[Place], home: Place | None) -> float:
    """Size (log of population), plus what the story's other places and the publisher's home say.
    Each kind of support counts once: ten American towns in a story make Ontario no more a
    Californian town than one does."""
    value = math.log10(place.population + 10)
    same_country = [p for p in context if p.country_code == place.country_code]
    if same_country:
        value += 1.0 + max(_closeness(place, other, same_region=2.0) for other in same_country)
    if home is not None and home.country_code == place.country_code:
        value += 0.5 + _closeness(place, home, same_region=2.5)  # a local paper's "Paris" is in its state
    return value


def _closeness(place: Place, other: Place, same_region: float) -> float:
    """Within one country: the same region, or a short drive apart."""
    value = same_region if other.admin1_code and other.admin1_code == place.admin1_code else 0.0
    if other.kind in ("city", "county") and km(place, other) <= NEAR_KM:
        value += 1.0
    return value


def km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))
