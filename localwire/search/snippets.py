"""A short passage around the first match, as plain-text pieces marked as hit or not.

The pieces are plain strings: the page's template escapes each one and wraps hits in ``<mark>``
itself, so no markup is ever built from a reader's query or an article's text; the API joins them.
Matching here is a display aid (a word matches a search word it starts with, so "floods" and
"flooding" light up for "flood"; a word under three letters must match whole); which articles match is the database's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS_AROUND = 36  # length of a snippet in words
LEAD_IN = 10  # words shown before the first hit
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Piece:
    text: str
    hit: bool = False


def snippet(text: str, words: list[str], size: int = WORDS_AROUND) -> list[Piece]:
    text = " ".join((text or "").split())
    spans = list(_WORD.finditer(text))
    if not spans:
        return []
    stems = [_stem(w) for w in words]
    first = _first_hit(text, spans, stems)
    start = max(0, min(first - LEAD_IN, len(spans) - size))
    end = min(len(spans), start + size)
    left = 0 if start == 0 else spans[start].start()
    right = len(text) if end == len(spans) else spans[end - 1].end()
    pieces = [Piece("… ")] if left else []
    pieces += _split(text[left:right], stems)
    if right < len(text):
        pieces.append(Piece(" …"))
    return pieces


def plain(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


def _split(text: str, stems: list[str]) -> list[Piece]:
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        if _hit(match.group(), stems):
            if match.start() > last:
                pieces.append(Piece(text[last:match.start()]))
            pieces.append(Piece(match.group(), hit=True))
            last = match.end()
    if last < len(text):
        pieces.append(Piece(text[last:]))
    return pieces


def _first_hit(text: str, spans: list[re.Match], stems: list[str]) -> int:
    """The index of the first word ``_hit`` accepts (0 when none does), found by one pattern over
    the lowered text rather than a call per word: an article's text is a thousand words or more and
    the hit is often far in. Where lowering changes the text's length (a rare letter such as "İ")
    positions would not line up, so each word is tried in turn."""
    lowered = text.lower()
    usable = [s for s in stems if s and _WORD.fullmatch(s)]  # a stem with other characters never matches a word
    if len(lowered) != len(text) or len(usable) != len(stems):
        return next((i for i, m in enumerate(spans) if _hit(m.group(), stems)), 0)
    if not usable:
        return 0
    alternatives = "|".join(re.escape(s) + (r"(?!\w)" if len(s) < 3 else "") for s in usable)
    found = re.search(rf"(?<!\w)(?:{alternatives})", lowered)
    return len(_WORD.findall(text, 0, found.start())) if found else 0


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _hit(word: str, stems: list[str]) -> bool:
    word = word.lower()
    return any(word == stem if len(stem) < 3 else word.startswith(stem) for stem in stems)
