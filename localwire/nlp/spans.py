"""The two shapes of "a stretch of the article" that nlp passes around, named.

A ``Span`` is a name the model or a rule found, with its kind (PER, ORG, LOC, MISC) and a label
(the model's own, "+" for a mention found again by a rule, or empty). ``Offsets`` is a bare stretch:
a mention of a place or an entity, a credit line. Both are tuples, so code that unpacks
``s, e, k, label = span`` keeps working beside code that reads ``span.kind``.
"""

from __future__ import annotations

from typing import NamedTuple


class Offsets(NamedTuple):
    """Where a stretch lies in the analysed text (``analyze.full_text``)."""

    start: int
    end: int


class Span(NamedTuple):
    """A name found in the text: where it is, what kind of thing it is and who said so."""

    start: int
    end: int
    kind: str  # PER, ORG, LOC or MISC
    label: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end
