"""The words of the indexed articles, with how many articles hold each: what typos are corrected to.

Written as articles are indexed, in the same transaction. An article's words are counted once, when
it is first indexed; writing it again (after its analysis, say) only marks the words of the names
it gained, so the counts stay close to "articles holding the word" without storing each article's
words. A deleted article's words keep their counts until ``localwire reindex-search`` recounts
everything. Names (places, people, topics, publishers, authors) are marked: for a local site they
are what readers search for most, so the correction prefers them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from django.db import connection
from django.db.models import F

from localwire.search.models import SearchTerm
from localwire.search.query import STOP_WORDS

MIN_LENGTH, MAX_LENGTH = 2, 40
_WORD = re.compile(r"[^\W\d_]+")  # letters only: numbers and codes are not spelled wrong

UPSERT = (
    "INSERT INTO search_searchterm (word, spelling, documents, named, bucket) VALUES (%s, %s, %s, %s, %s) "
    "ON CONFLICT (word) DO UPDATE SET documents = search_searchterm.documents + %s, "
    "named = (search_searchterm.named OR excluded.named), spelling = excluded.spelling"
)


def fold(word: str) -> str:
    """Lower case without accents, as FTS5's ``remove_diacritics`` reads it: "Zürich" → "zurich"."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def bucket(initial: str, length: int) -> str:
    """Where a word is filed for the typo lookup: its first letter and its length."""
    return f"{initial}{length}"


def words_of(text: str) -> set[str]:
    """The distinct words of a text worth a place in the vocabulary, lower case, accents kept."""
    found = set(_WORD.findall((text or "").lower()))
    return {w for w in found if MIN_LENGTH <= len(w) <= MAX_LENGTH} - STOP_WORDS


def note(documents, first_time: set[int]) -> None:
    """Count the words of the documents indexed for the first time, and mark every document's
    name words. Rows go in word order, so two indexers never wait on each other in a cycle."""
    counts: Counter[str] = Counter()
    named: set[str] = set()
    for document in documents:
        in_names = words_of(document.names)
        named |= in_names
        if document.article_id in first_time:
            counts.update(in_names | words_of(document.title) | words_of(document.body))
    rows = []
    for spelling in sorted(counts.keys() | named):
        word = fold(spelling)
        if word:
            count = counts[spelling]
            rows.append((word, spelling, max(count, 1), spelling in named, bucket(word[0], len(word)), count))
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(UPSERT, rows)


def forget(document) -> None:
    """Take a deleted document's words off the counts, as ``note`` put them on; a word no document
    holds any more goes, so "Did you mean" never offers it."""
    folded = {fold(w) for w in words_of(document.title) | words_of(document.names) | words_of(document.body)}
    SearchTerm.objects.filter(word__in=folded, documents__gt=0).update(documents=F("documents") - 1)
    SearchTerm.objects.filter(word__in=folded, documents__lte=0).delete()


def clear() -> None:
    """Before everything is counted again (``reindex-search``)."""
    SearchTerm.objects.all().delete()
