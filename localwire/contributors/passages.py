"""Stored articles a post may have lifted passages from, found through the search index.

Syndication's LSH bands put forward an article when the post and the article are alike *as
wholes*; a short post half made of three paragraphs of a long feature is not, and the bands miss it
most of the time. Passages do not care about the article's length: a few of the post's most
distinctive word runs, spread over the post, are looked up as quoted phrases in the full-text index
(FTS5 on SQLite, ``tsvector`` on PostgreSQL), and the articles that hold the most of them are put
forward — to be measured exactly, like the bands' candidates, by the copy rule. The cost is bounded:
at most ``MAX_RUNS`` indexed phrase look-ups and ``MAX_PASSAGE_CANDIDATES`` articles per post.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from localwire.search.backends import articles_with_phrase
from localwire.search.query import STOP_WORDS

RUN_WORDS = 8  # long enough that two texts sharing it share a passage, short enough to fit in one
MAX_RUNS = 8  # phrase look-ups per post
HITS_PER_RUN = 5  # a run found in more articles than this is boilerplate, not a passage
MAX_PASSAGE_CANDIDATES = 10  # articles measured exactly, those holding the most runs first
_WORD = re.compile(r"\w+", re.UNICODE)  # the words syndication's shingles are made of


def distinctive_runs(text: str, count: int = MAX_RUNS) -> list[tuple[str, ...]]:
    """Up to ``count`` runs of ``RUN_WORDS`` words, one from each of ``count`` equal stretches of the
    text, each the run with the most letters in words that are not stop words (long words are the
    rare ones). Runs stay inside one line of the text (a paragraph, a heading), as a lifted passage
    does; a line shorter than a run offers none."""
    runs = [run for line in text.splitlines() for run in _runs_of(_WORD.findall(line.lower()))]
    if not runs:
        return []
    size = -(-len(runs) // count)  # rounded up: every stretch of the text is looked at
    stretches = [runs[start:start + size] for start in range(0, len(runs), size)][:count]
    return [max(stretch, key=_weight) for stretch in stretches]


def passage_candidates(text: str, *, exclude: Iterable[int] = ()) -> list[int]:
    """Ids of stored articles holding the most of the text's distinctive runs, most first."""
    left_out = set(exclude)
    found: Counter = Counter()
    for run in distinctive_runs(text):
        found.update(pk for pk in articles_with_phrase(run, HITS_PER_RUN) if pk not in left_out)
    return [pk for pk, _ in found.most_common(MAX_PASSAGE_CANDIDATES)]


def _runs_of(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)]


def _weight(run: tuple[str, ...]) -> int:
    return sum(len(word) for word in run if word not in STOP_WORDS and not word.isdigit())
