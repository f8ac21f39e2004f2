"""Organisations whose names every country uses: "Senate", "Interior Ministry", "Supreme Court".

Kazakhstan's Senate and the US Senate are two channels. A generic name is told apart by the
country the article is about, or by the country written before it ("Kazakh Senate", "U.S.
Senate"): the slug is ``senate-kz``, and for the United States ``us-senate``, as American
writers say "U.S. Senate". A name with any word of its own ("European Commission", "Red Cross")
is not generic and keeps its plain slug.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.text import slugify

from localwire.nlp.gazetteer import gazetteer, norm

# Every word of a generic name is one of these.
INSTITUTION_WORDS = frozenset("""
senate house parliament assembly congress cabinet government presidency council court tribunal ministry
department office police army navy military guard force forces bank commission committee agency service
prosecutor prosecutors judiciary legislature duma
""".split())
MODIFIER_WORDS = frozenset("""
of the and for supreme constitutional high appeals federal national state central upper lower interior
foreign defense defence finance health justice education energy economy economic trade agriculture labour
labor transport environment emergency emergencies situations internal home affairs security border coast air
election electoral general representatives public prosecutor's attorney audit accounts tax customs
investigative investigation intelligence riot traffic city county town village municipal school schools fire
sheriff sheriff's
""".split())
# A generic body with one of these words answers to a town, not a country: Portland's and Springfield's
# "City Council" are two councils, so the town's name goes in front ("Portland City Council").
LOCAL_WORDS = frozenset("city county town village municipal school schools fire sheriff sheriff's police".split())
_PREFIXES_US = ("u.s.", "us", "u.s", "american", "united states")
# Adjectives that are not a country's name with its ending changed.
IRREGULAR_DEMONYMS = {
    "french": "FR", "dutch": "NL", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "irish": "IE", "swiss": "CH", "greek": "GR", "chinese": "CN", "turkish": "TR", "polish": "PL",
    "danish": "DK", "swedish": "SE", "finnish": "FI", "spanish": "ES", "portuguese": "PT", "thai": "TH",
    "saudi": "SA", "emirati": "AE", "kyrgyz": "KG", "czech": "CZ", "slovak": "SK", "filipino": "PH",
    "philippine": "PH", "argentine": "AR", "peruvian": "PE", "malagasy": "MG", "congolese": "CD",
}


def is_generic(name: str) -> bool:
    words = [w.strip(",.").lower() for w in name.replace("-", " ").split()]
    return bool(words) and any(w in INSTITUTION_WORDS for w in words) \
        and all(w in INSTITUTION_WORDS or w in MODIFIER_WORDS for w in words)


def split_country(name: str) -> tuple[str, str]:
    """'Kazakh Senate' → ('Senate', 'KZ'); 'U.S. Senate' → ('Senate', 'US'); 'Senate' → ('Senate', '')."""
    lowered = name.lower()
    for prefix in _PREFIXES_US:
        if lowered.startswith(prefix + " ") and is_generic(name[len(prefix) + 1:]):
            return name[len(prefix) + 1:], "US"
    first, _, rest = name.partition(" ")
    code = country_of_word(first) if rest and is_generic(rest) else ""
    return (rest, code) if code else (name, "")


def is_local(name: str) -> bool:
    """'City Council', 'Police', 'School Board': a generic body every town has its own of."""
    return is_generic(name) and any(w.strip(",.").lower() in LOCAL_WORDS for w in name.replace("-", " ").split())


def generic_slug(name: str, country: str) -> str:
    """``senate-kz``, ``us-senate``; a name that is not generic, or no country, keeps its plain slug."""
    base = slugify(name)[:100]
    if not country or not is_generic(name):
        return base
    return f"us-{base}" if country == "US" else f"{base}-{country.lower()}"


@lru_cache(maxsize=4096)
def country_of_word(word: str) -> str:
    """The ISO code of a country named or described by one word: 'Kazakhstan', 'Kazakh', 'French'."""
    if word.lower() in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[word.lower()]
    places = gazetteer()
    found = places.country(word)
    if found is not None:
        return found.country_code
    if not places.is_demonym(word):
        return ""
    w = norm(word)
    for cut in range(4):
        stem = w[:len(w) - cut]
        for code, country in places.countries.items():
            if len(stem) >= 4 and norm(country.name).startswith(stem):
                return code
    return ""
