"""Where a name begins and ends: cutting the model's spans to one name, and the last tidying.

The model's spans run over line breaks, dashes and brackets and carry "the", "'s", scores and
dates with them (``tidy``); after the article-level rules (``consistency.py``), names found one
word at a time are joined, particles join surnames, and overlapping claims leave the longer.
"""

from __future__ import annotations

import re
from typing import Iterator

from localwire.nlp.spans import Offsets, Span

DAYS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
# Edges that are not part of a name: "the", scores, "'s", dates before a name, trailing common words
# ("Interfax news agency", "Jiangsu province").
_JUNK_HEAD = re.compile(r"^(?:(?:the|The|THE)\s+|[\d.,:/()+-]+\s+)")
_DATE_HEAD = re.compile(rf"^{DAYS}\s+(?=[A-Z])")  # "August Chicago NAPM"; not for people ("June Carter")
_JUNK_TAIL = re.compile(r"(?:\s*['’]s?|\s+[\d.,:/()+-]+|\s+[a-z]+)$")
# Where one name ends and the next begins: lines, dashes, brackets, "v"/"at" and scores between names.
_CUT = re.compile(r"\n|\s+-\s+|\s*[()\[\]]\s*|\s+/\s+|\s+(?:v|vs\.?|at)\s+|\s+\d+(?:[-:]\d+)?\s+")
_PARTICLES_BETWEEN = re.compile(r" (?:(?:van|von|der|den|de|del|della|di|da|du|la|le|bin|ibn) )*")
_PARTICLE_BEFORE = re.compile(r"(?:^|[^\w'’-])((?:van der|van den|van|von|de la|de|del|della|di|da|du|le|la) )$")


def tidy(text: str, spans: list[Span]) -> list[Span]:
    """Cut and trim (start, end, type, label) spans so they cover one name and nothing else."""
    out = []
    for start, end, kind, label in spans:
        for s, e in _pieces(text, start, end, kind):
            while e > s and ((head := _JUNK_HEAD.match(text[s:e])) or
                             (kind != "PER" and (head := _DATE_HEAD.match(text[s:e])))):
                s += head.end()
            while e > s and (tail := _JUNK_TAIL.search(text[s:e])):
                e = s + tail.start()
            if e > s and text[s].isupper():
                out.append(Span(s, e, kind, label))
    return out


def _pieces(text: str, start: int, end: int, kind: str) -> list[Offsets]:
    pieces, pos = [], start
    for cut in _CUT.finditer(text, start, end):
        pieces.append(Offsets(pos, cut.start()))
        pos = cut.end()
    pieces.append(Offsets(pos, end))
    if kind == "LOC":  # "Grace Road, Leicester" is two places
        pieces = [p for s, e in pieces for p in _split_commas(text, s, e)]
    return pieces


def _split_commas(text: str, start: int, end: int) -> Iterator[Offsets]:
    pos = start
    for m in re.finditer(r"\s*,\s*", text[start:end]):
        yield Offsets(pos, start + m.start())
        pos = start + m.end()
    yield Offsets(pos, end)


def occurrences(text: str, name: str) -> Iterator[int]:
    """Starts of `name` as whole words (str.find: a regex per name would be compiled per article)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end])):
            yield start
        start = text.find(name, start + 1)


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


def join_names(text: str, spans: list[Span]) -> list[Span]:
    """'Waqar' and 'Younis' found one by one next to each other are one person, 'Waqar Younis'."""
    out: list[Span] = []
    for span in spans:
        if out and span.kind == out[-1].kind == "PER" and "+" in (span.label, out[-1].label) \
                and _PARTICLES_BETWEEN.fullmatch(text[out[-1].end:span.start]):
            out[-1] = Span(out[-1].start, span.end, "PER", "")
        else:
            out.append(span)
    return [Span(s, e, k, "" if label == "+" else label) for s, e, k, label in out]


def with_particles(text: str, spans: list[Span]) -> list[Span]:
    """'de Silva', 'van der Merwe': a lower-case particle before a surname belongs to the name."""
    out = []
    for s, e, k, label in spans:
        m = _PARTICLE_BEFORE.search(text[max(0, s - 12):s]) if k == "PER" else None
        if m and (s - len(m.group(1)) == 0 or not text[s - len(m.group(1)) - 1].isalpha()):
            s -= len(m.group(1))
        out.append(Span(s, e, k, label))
    return out


def no_overlaps(spans: list[Span]) -> list[Span]:
    """Rules can claim overlapping spans; the longer one stays."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda x: (x.start - x.end, x.start)):
        if not any(o.overlaps(span.start, span.end) for o in out):
            out.append(span)
    return sorted(out)
