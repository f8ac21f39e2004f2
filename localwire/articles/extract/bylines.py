"""Byline normalisation: messy credit lines → person names and the wire agency.

"By Joseph Price, By DASHA LITVINOVA Associated Press" → ["Joseph Price", "Dasha Litvinova"], "Associated Press".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from localwire.articles.extract.patterns import (
    AGENCIES, BYLINE_PREFIX, CREDIT_ROLE, JOB_TITLE, NAME_PARTICLES, NOT_A_PERSON,
)

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SPLIT = re.compile(r"\s*(?:;|\||\n|,|\band\b|&|\bwith\b|\s[-–—]\s)\s*|\s+(?=\bby\s)", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_CONTACT = re.compile(r"(https?://\S+|@\w+|\+?\d[\d ()-]{6,})")
_OTHER_CREDITS = re.compile(
    r"\b(photos?|photography|images?|video|graphics?|illustrations?|edited|editing)\s+by\s+[^|;,\n]+", re.I
)


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str = ""


def agency_index(extra: Iterable[str] = ()) -> dict[str, str]:
    """Every spelling (lower-case) → the agency's name; operator-marked agencies included."""
    index: dict[str, str] = {}
    for name, aliases in AGENCIES.items():
        for spelling in (name, *aliases):
            index[spelling.lower()] = name
    for name in extra:
        name = name.strip()
        if name:
            index[name.lower()] = name
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            if len(initials) >= 2:
                index.setdefault(initials.lower(), name)
    return index


def normalise_byline(raw: str, agencies: Iterable[str] = ()) -> Byline:
    index = agency_index(agencies)
    result = Byline()
    text = _OTHER_CREDITS.sub(" ", _CONTACT.sub(" ", _EMAIL.sub(" ", raw or "")))
    for chunk in _SPLIT.split(text):
        chunk = chunk.strip(" .:·•-–—()[]\"'")
        if not chunk or CREDIT_ROLE.match(chunk):
            continue
        chunk = BYLINE_PREFIX.sub("", chunk).strip(" .:")
        name, agency = _split_agency(chunk, index)
        if agency and not result.agency:
            result.agency = agency
        name = _clean_name(name)
        if name and name not in result.authors:
            result.authors.append(name)
    return result


def _split_agency(chunk: str, index: dict[str, str]) -> tuple[str, str]:
    """'DASHA LITVINOVA Associated Press' → ('DASHA LITVINOVA', 'Associated Press')."""
    lowered = chunk.lower()
    if lowered.startswith("the "):
        lowered_no_the = lowered[4:]
    else:
        lowered_no_the = lowered
    for spelling in (lowered, lowered_no_the):
        if spelling in index:
            return "", index[spelling]
    words = chunk.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:]).lower()
        # Short forms ("AP", "MP") only count when written in capitals, so "Ap" in a name is safe.
        if tail in index and (len(tail) > 3 or words[-1].isupper()):
            return " ".join(words[:-size]), index[tail]
    return chunk, ""


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,")
    if not name or NOT_A_PERSON.match(name) or JOB_TITLE.match(name):
        return ""
    words = name.split()
    if not name.isupper():
        # "Brian Truitt USA TODAY": a mixed-case name followed by an outlet in capitals.
        while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1:
            words.pop()
        name = " ".join(words)
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return ""
    if name.isupper() or name.islower():
        return _title_case(words)
    return name


def _title_case(words: list[str]) -> str:
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in NAME_PARTICLES:
            out.append(lower)
            continue
        out.append("-".join(_cap(part) for part in lower.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    for prefix in ("mc", "o'", "o’", "d'", "d’"):
        if part.startswith(prefix) and len(part) > len(prefix):
            return prefix[0].upper() + prefix[1:] + part[len(prefix):].capitalize()
    return part.capitalize()
