"""Typos in a query, corrected to words the articles hold: "Litle Rock" → "Little Rock".

A query word is left alone when the vocabulary has it or the index matches it (stemmed, so
"flooded" stands when articles say "flood"); only a word that nothing holds is corrected. Its
candidates are the vocabulary's words with the same first letter (typos there are rare, and it
keeps each lookup to a sliver of the vocabulary) and a length within reach, measured by
Damerau-Levenshtein distance: at most one edit for words under six letters, two for longer ones.
A letter doubled or left single ("flod", "litle") costs half an edit, as it is the commonest slip.
The nearest wins, then the one most articles hold, names (places, people, topics) weighing more.

A word the index does hold is corrected only when it looks like a slip itself: two articles or
fewer hold it, and a word differing from it only by a doubled letter is held ten times as often.
That is a suggestion beside the word's own results, never a replacement of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import jellyfish
from django.db import connection

from localwire.search.backends import backend
from localwire.search.models import SearchTerm
from localwire.search.query import STOP_WORDS, Terms
from localwire.search.vocabulary import bucket, fold

SHORT = 6  # words shorter than this are corrected by one edit at most, longer ones by two
MIN_LENGTH = 3  # shorter words have too many neighbours to guess from
NAME_WEIGHT = 5  # a word in names counts as if five times as many articles held it
RARE = 2  # a held word this rare may itself be a typo ...
COMMONER = 10  # ... of a word held this many times as often
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Suggestion:
    terms: Terms  # the corrected query, to search
    text: str  # the corrected query for the reader, in the capitals they typed: "Little Rock"


@dataclass(frozen=True)
class _Candidate:
    cost: float
    weight: int
    spelling: str


def suggest(terms: Terms, typed: str = "") -> Suggestion | None:
    """The query with its typos corrected, or None when there is nothing to correct."""
    fixes = corrections(terms)
    if not fixes:
        return None
    corrected = replace(terms, words=tuple(dict.fromkeys(fixes.get(w, w) for w in terms.words)),
                        phrases=tuple(tuple(fixes.get(w, w) for w in p) for p in terms.phrases))
    return Suggestion(corrected, _in_typed_capitals(corrected.display(), typed, fixes))


def corrections(terms: Terms) -> dict[str, str]:
    """{query word: its correction} for the query's words that nothing holds."""
    words = [w for w in dict.fromkeys([*terms.words, *(w for p in terms.phrases for w in p)])
             if len(w) >= MIN_LENGTH and _LETTERS.fullmatch(w) and w not in STOP_WORDS]
    known = {t.word: t for t in SearchTerm.objects.filter(word__in={fold(w) for w in words})}
    fixes = {}
    for word in words:
        fix = _correction(word, known.get(fold(word)))
        if fix and fix != word:
            fixes[word] = fix
    return fixes


def _correction(word: str, known: SearchTerm | None) -> str | None:
    if known and known.spelling == word:
        return _commoner_twin(known)
    if backend().holds(word):
        return None
    if known:  # in the vocabulary only with other accents, which PostgreSQL does not ignore
        return known.spelling
    best = _nearest(fold(word))
    return best.spelling if best else None


def _commoner_twin(known: SearchTerm) -> str | None:
    if known.documents > RARE:
        return None
    best = _nearest(known.word)
    if best and best.cost < 1 and best.weight >= COMMONER * _weight(known.documents, known.named):
        return best.spelling
    return None


def _nearest(word: str) -> _Candidate | None:
    """The best vocabulary word within reach of ``word`` (folded), other than itself."""
    reach = 1 if len(word) < SHORT else 2
    buckets = [bucket(word[0], n) for n in range(len(word) - reach, len(word) + reach + 1)]
    with connection.cursor() as cursor:  # a plain cursor: thousands of rows, no model needed
        cursor.execute("SELECT word, spelling, documents, named FROM search_searchterm "
                       f"WHERE bucket IN ({', '.join(['%s'] * len(buckets))})", buckets)
        rows = cursor.fetchall()
    letters, best = set(word), None
    for other, spelling, documents, named in rows:
        if other == word:
            continue
        # Each edit adds or takes away at most two letters: a cheap test before the distance.
        cost = _cost(word, other, reach) if len(letters.symmetric_difference(other)) <= 2 * reach else None
        if cost is not None:
            candidate = _Candidate(cost, _weight(documents, named), spelling)
            if best is None or (candidate.cost, -candidate.weight) < (best.cost, -best.weight):
                best = candidate
    return best


def _cost(word: str, other: str, reach: int) -> float | None:
    """Edits from one to the other, a doubled letter costing half; None when out of reach."""
    edits = jellyfish.damerau_levenshtein_distance(word, other)
    if edits > reach:
        return None
    return min(edits, jellyfish.damerau_levenshtein_distance(_single(word), _single(other)) + 0.5)


def _single(word: str) -> str:
    """Every run of one letter as one: "little" → "litle"."""
    return re.sub(r"(.)\1+", r"\1", word)


def _weight(documents: int, named: bool) -> int:
    return documents * (NAME_WEIGHT if named else 1)


def _in_typed_capitals(text: str, typed: str, fixes: dict[str, str]) -> str:
    """Each word as the reader wrote it ("Litle" → "Little", "ROCK" stays), from the query as typed."""
    as_typed: dict[str, str] = {}
    for token in _TOKEN.findall(typed):
        as_typed.setdefault(token.lower(), token)
    shapes = {**as_typed, **{fix: _capitals_like(as_typed.get(word, word), fix) for word, fix in fixes.items()}}
    return _TOKEN.sub(lambda m: shapes.get(m.group(), m.group()), text)


def _capitals_like(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word
