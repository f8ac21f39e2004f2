"""Where an article names places: the model's LOC spans, and the places it missed or mislabelled.

Read on the tune half of LGL, most places the small English model misses are not unknown names:
it labels "Ohio" or "Gainesville" an organisation, "Alexandria" a person, "Russian" a nationality,
or finds nothing at "Kanawha County" or "TORRINGTON". So besides its LOC spans a mention is:

- an ORG or MISC span whose whole text is a place name ("Ohio", "U.S.", "Laurel County");
- a one-word PER span that is a place name and is nobody's name in the article: not a word of
  a longer name, not after a title, not followed by "said";
- a nationality or demonym ("Russian officials"): the country, weighed low;
- capitalised words no span covers that name a place, never a lone word opening a sentence unless
  it is a country, state or continent, nor a word the article also writes in lower case;
- the bare names in "Kanawha, Boone and Clay counties".

Whether a found name is kept is decided with the places around it (``places.py``): a name found
by these rules and not by the model must be near the story's other places or big.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from localwire.nlp.entities import Entity
from localwire.nlp.gazetteer import AREA_WORDS, Gazetteer, norm, stem

MODEL = "model"  # the model's own LOC span
RELABELLED = "relabelled"  # the model's ORG/MISC span that is a place name
PERSON_WORD = "person-word"  # a one-word PER span that is a place name
DEMONYM = "demonym"
SCANNED = "scanned"  # capitalised words no span covers

_WORD = re.compile(r"[A-Z][A-Za-z'’.\-]*[A-Za-z.]|[A-Z]")
_PARTY = re.compile(r"^[DRI]-[A-Z]")  # "Sen. Robert Ford, D-Charleston"
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(]\s*|\n\s*|\s[—–-]\s)$")
_COUNTY_LIST = re.compile(
    r"((?:[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, | and |, and ))+[A-Z][a-z]+(?: [A-Z][a-z]+)?) (counties|parishes)\b"
    r"(?:,? (?:in )?([A-Z][a-z.]+(?: [A-Z][a-z.]+)?))?")
_DIVISION_AFTER = re.compile(r"\s+(" + "|".join(sorted(AREA_WORDS - {"state", "department"})) + r")\b")
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "judge", "coach", "officer", "sgt", "lt",
           "capt", "mayor", "chief", "deputy", "detective", "pastor", "rev", "father", "sister", "miss", "justice"}
_SPEECH = re.compile(r"^,?\s+(?:said|says|told|added|explained|asked|wrote|who|,\s*\d)")
# Capitalised words that name towns somewhere but in running text are almost always something else.
NOT_PLACES = {
    "god", "christmas", "easter", "jesus", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "president", "governor", "mayor", "judge", "police",
    "sheriff", "fire", "department", "office", "court", "council", "board", "city", "county", "state",
    "university", "college", "school", "hospital", "church", "center", "centre", "park", "street", "road",
    "avenue", "north", "south", "east", "west", "central", "national", "federal", "union", "liberty",
    "independence", "commerce", "enterprise", "hope", "victory", "paradise", "mobile", "reading", "bath",
    "nice", "orange", "republican", "democrat", "democratic", "senate", "house", "congress", "white",
    "black", "green", "brown", "young", "king", "post", "times", "news", "herald", "tribune", "star",
    "mission", "trinity", "providence", "temple", "harmony", "unity", "progress", "justice", "eden",
    "home", "jordan", "chad", "georgia", "victoria", "florence", "charlotte", "marion", "troy", "tyler",
    "lincoln", "clinton", "jackson", "madison", "washington", "hamilton", "franklin", "jefferson", "warren",
    "day", "act", "continental", "edison", "webster", "hudson", "delta", "eastern", "western", "northern",
    "southern", "english", "french", "indian", "real", "shoreline", "hilton", "parker", "keller", "amelia",
    "santa claus", "st john", "united", "american", "general", "standard", "royal", "imperial", "grand",
    "lake", "river", "beach", "valley", "mount", "fort", "port", "bay", "springs", "heights", "hills",
}


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    source: str  # MODEL, RELABELLED, PERSON_WORD, DEMONYM or SCANNED
    lookup: str = ""  # the name to look up when it is not the text: "Clay County" for "Clay"
    region: str = ""  # the state or country written after a list: "… counties in West Virginia"


def place_mentions(text: str, entities: list[Entity], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every span that names a place, in text order, none overlapping another."""
    listed = _county_lists(text, gazetteer)
    entities = [e for e in entities if not _overlaps(e.start, e.end, [(m.start, m.end) for m in listed])]
    found = listed + [m for e in entities if (m := _from_entity(e, text, entities, gazetteer)) is not None]
    # Names inside organisations' names ("Dublin City Council", "Georgia Public Service Commission")
    # are places too: only people's names and the spans already taken are closed to the scan.
    closed = [(e.start, e.end) for e in entities if e.type == "PER" or e.label == "NORP"]
    closed += [(m.start, m.end) for m in found]
    found += _scan(text, closed, gazetteer)
    return sorted((_with_division(m, text, gazetteer) for m in found), key=lambda m: m.start)


def _with_division(mention: PlaceMention, text: str, gazetteer: Gazetteer) -> PlaceMention:
    """'the western Mangistau region', 'Punjab province': the division the lower-case word after the
    name says, where there is one of that name (the town of the same name otherwise wins)."""
    after = _DIVISION_AFTER.match(text, mention.end)
    if after is None or mention.lookup:
        return mention
    named = f"{mention.text} {after.group(1)}"
    return replace(mention, lookup=named) if gazetteer.areas(named) else mention


def names_a_place(gazetteer: Gazetteer, name: str) -> bool:
    return bool(_broad(gazetteer, name) or gazetteer.areas(name) or gazetteer.candidates(name))


def _broad(gazetteer: Gazetteer, name: str):
    return gazetteer.country(name) or gazetteer.us_state(name) or gazetteer.continent(name)


def _from_entity(entity: Entity, text: str, entities: list[Entity], gazetteer: Gazetteer) -> PlaceMention | None:
    source = None
    if entity.type == "LOC":
        source = MODEL
    elif entity.type == "MISC" and gazetteer.demonym_country(entity.text) is not None:
        source = DEMONYM
    elif not names_a_place(gazetteer, entity.text) or _loose_abbreviation(gazetteer, text, entity.start, entity.text):
        source = None
    elif entity.type in ("ORG", "MISC"):
        source = RELABELLED if _broad(gazetteer, entity.text) or norm(entity.text) not in NOT_PLACES else None
    elif entity.type == "PER" and not _is_someone(entity, text, entities, gazetteer):
        source = PERSON_WORD
    return PlaceMention(entity.text, entity.start, entity.end, source) if source else None


def _is_someone(entity: Entity, text: str, entities: list[Entity], gazetteer: Gazetteer) -> bool:
    """A PER span that may really be a person: several words, a word that names people as often
    as places, a word of a longer name in the article, a title before it, or 'said' after it.
    A country or state ('Egypt', 'Ohio') is nobody, whatever the model read."""
    word = entity.text.strip().lower()
    if _broad(gazetteer, entity.text) is not None and word not in NOT_PLACES:
        return False
    if " " in word:  # "Tamil Nadu" and "Rapides Parish" are divisions, "Jackson Hole" may be someone
        return not (gazetteer.areas(entity.text) and (stem(norm(word)) != norm(word)
                                                     or any(a.kind == "region" for a in gazetteer.areas(word))))
    if word in NOT_PLACES or any(_longer_name(e, entity, word) for e in entities):
        return True
    before = text[max(0, entity.start - 12):entity.start].lower().replace(".", " ").split()
    return bool(before and before[-1] in _TITLES) or bool(_SPEECH.match(text[entity.end:entity.end + 20]))


def _longer_name(other: Entity, entity: Entity, word: str) -> bool:
    """'Avondale' in 'Dan Avondale' (someone), not in 'Avondale Mayor' (a title after the town)."""
    words = other.text.lower().replace(".", " ").split()
    return (other.type == "PER" and other is not entity and word in words
            and any(w != word and w not in _TITLES for w in words))


def _county_lists(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """'Kanawha, Boone and Clay counties': each name is a county ('Clay County'). The model's spans
    over them are set aside: it reads such lists as people or organisations."""
    found = []
    for match in _COUNTY_LIST.finditer(text):
        suffix = " County" if match.group(2) == "counties" else " Parish"
        for name in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", match.group(1)):
            start, end = match.start(1) + name.start(), match.start(1) + name.end()
            if gazetteer.areas(name.group(0) + suffix):
                found.append(PlaceMention(name.group(0), start, end, SCANNED, name.group(0) + suffix,
                                          match.group(3) or ""))
    return found


def _scan(text: str, covered: list[tuple[int, int]], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Capitalised words no span covers that name a place, longest match first."""
    words = [(m.start() + (2 if _PARTY.match(m.group(0)) else 0), m.end() - (2 if _POSSESSIVE.search(m.group(0)) else 0))
             for m in _WORD.finditer(text)]
    words = [w for w in words if not _overlaps(*w, covered)]
    found, i = [], 0
    while i < len(words):
        run_end = i + 1
        while run_end < len(words) and run_end - i < 4 and text[words[run_end - 1][1]:words[run_end][0]] == " ":
            run_end += 1
        for j in range(run_end, i, -1):
            start, end = words[i][0], words[j - 1][1]
            mention = _scanned(text, start, end, gazetteer, lone=j == i + 1)
            if mention is not None:
                found.append(mention)
                i = j - 1
                break
        i += 1
    return found


def _scanned(text: str, start: int, end: int, gazetteer: Gazetteer, lone: bool) -> PlaceMention | None:
    name = text[start:end]
    if name.endswith(".") and not gazetteer.us_state(name):
        name, end = name[:-1], end - 1
    if name.isupper() and len(name) > 3:
        name = name.title()  # "TORRINGTON", in a shouted line or a dateline
    key = norm(name)
    if (len(key) < 3 and not (name.isupper() and gazetteer.country(name))) \
            or _loose_abbreviation(gazetteer, text, start, text[start:end]):
        return None  # two letters only for a country in capitals: "US", "UK"
    if _broad(gazetteer, name) is None:
        if key in NOT_PLACES or not names_a_place(gazetteer, name):
            return None
        if lone and (_SENTENCE_START.search(text[max(0, start - 3):start]) or re.search(rf"\b{re.escape(key)}\b", text)):
            return None  # "Reading the report", or a word the article also writes in lower case
    return PlaceMention(text[start:end], start, end, SCANNED)


def _loose_abbreviation(gazetteer: Gazetteer, text: str, start: int, name: str) -> bool:
    """A state's AP abbreviation counts only as written after a town: 'Jackson, Miss.' is the state,
    'Miss Ellis' and 'attended Mass' are not."""
    state = gazetteer.us_state(name)
    if state is None or norm(name) in (norm(state.name), "d c") or gazetteer.country(name) is not None:
        return False
    return not (name.endswith(".") and text[max(0, start - 2):start] == ", ")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
