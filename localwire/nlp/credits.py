"""Where an article credits the people who made it, rather than reporting on anyone.

Contributor lines ("Meridian Press writers Ann Lee in Kyiv and Tom Berg in Riga contributed to
this report."), wire credits ("Reporting by Ann Lee; Editing by Tom Berg"), bylines ("By Ann
Lee and Tom Berg, The Ledger") and photo credits ("(MP Photo/Tom Berg)", "Photo: Ann Lee for
The Ledger") name people and places that are not what the story is about. ``credit_regions``
finds those stretches; every name inside one, and the publisher's and agency's own names, are
``not_subjects``.
"""

from __future__ import annotations

import re

from localwire.nlp.spans import Offsets

_CONTRIBUTED = r"contributed(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|\s+reporting)"
# The sentence holding "… contributed to this report" (any number of names before it).
CONTRIBUTOR = re.compile(rf"(?:^|(?<=[.!?\n]))[^.!?\n]*?\b{_CONTRIBUTED}\b[^.!?\n]*[.!?]?", re.I)
# Wire credits: "Reporting by …; Editing by …", "Additional reporting by …", "Compiled by …".
WIRE_CREDIT = re.compile(r"\b(?:(?:additional\s+)?reporting|writing|editing|compiled|edited|written)\s+by\s+[^\n]*",
                         re.I)
# "(MP Photo/Vladimir Tretyakov)", "AP Photo/Evan Vucci", "Photo: Mei Chen for The National Ledger",
# "Photograph by …", "Credit: …", "… /Getty Images".
PHOTO_CREDIT = re.compile(
    r"(?:\b(?:[A-Z]{1,6}[ \t]+)?(?:Photo|PHOTO|Photograph|Image|Picture|Video)[ \t]*(?:/|:|[ \t]+by[ \t]+)"
    r"|\b(?:Credit|CREDIT):[ \t]*|\bCourtesy(?:[ \t]+of)?[ \t]+)[^)\]\n]{1,80}")
BYLINE = re.compile(r"(?:^|\n)[ \t]*By[ \t]+[A-Z][^\n]{0,150}(?=\n|$)")
# A name inside a credit: two to four capitalised words, particles and initials allowed.
CREDITED_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:van|von|der|de|la|del|da|di|bin|al)\s+)*[A-Z][\w'’.-]*){1,3}")
# Words that start a credit without being part of a name.
_NOT_NAME = re.compile(r"^(?:(?:Additional\s+)?Reporting|Writing|Editing|Compiled|Edited|Written|Photo|Photograph|"
                       r"Credit|Courtesy|By)\s+", re.I)


def credit_regions(text: str) -> tuple[Offsets, ...]:
    """(start, end) of every contributor line, wire credit, byline line and photo credit."""
    regions = []
    for pattern in (CONTRIBUTOR, WIRE_CREDIT, PHOTO_CREDIT, BYLINE):
        regions += [Offsets(*m.span()) for m in pattern.finditer(text)]
    return tuple(sorted(regions))


def in_credit(regions: tuple[Offsets, ...], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def credited_names(text: str, regions: tuple[Offsets, ...] | None = None) -> set[str]:
    """Every name written inside a credit, in lower case: 'jim heintz', 'meridian press'. ``regions``:
    the text's ``credit_regions``, when the caller has them already."""
    names = set()
    for start, end in credit_regions(text) if regions is None else regions:
        for match in CREDITED_NAME.finditer(text, start, end):
            name = _NOT_NAME.sub("", match.group(0)).strip(" .")
            if " " in name:
                names.add(name.lower())
    return names


def organisation_names(name: str) -> set[str]:
    """A publisher or agency by every name a story uses for it: 'The National Ledger' is also
    'National Ledger'; 'Meridian Press (MP)' is also 'MP'; 'KXRT 7 News' is also 'KXRT'."""
    found = set()
    for part in re.split(r"\s*[()]\s*", name or ""):
        call_sign = re.match(r"[A-Z]{3,5}(?=[\s-]|$)", part.strip())
        if call_sign:
            found.add(call_sign.group(0).lower())
        part = part.strip().lower()
        if part:
            found |= {part, part.removeprefix("the ").strip()}
    return found


def not_subjects(text: str, authors: list[str], publisher: str = "", agency: str = "",
                 regions: tuple[Offsets, ...] | None = None) -> set[str]:
    """Names that appear in the article without being what it is about (lower case)."""
    names = {a.lower() for a in authors if a} | credited_names(text, regions)
    names |= organisation_names(publisher) | organisation_names(agency)
    return names
