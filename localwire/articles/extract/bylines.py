"""Byline normalisation: messy credit lines → person names and the wire agency.

"By Joseph Price, By DASHA LITVINOVA Associated Press" → ["Joseph Price", "Dasha Litvinova"], "Associated Press".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable

from localwire.articles.extract.patterns import (
    AGENCIES, AGENCY_DESK, BYLINE_CONTACT, BYLINE_EMAIL, BYLINE_OTHER_CREDITS, BYLINE_PARENTHESES, BYLINE_PREFIX,
    BYLINE_SPLIT, CREDIT_ROLE, HANDLE, JOB_TITLE, NAME_CAPITAL_PREFIXES, NAME_PARTICLES, NAME_WORD, NOT_A_PERSON,
    NOT_NAME_WORDS, ORGANISATION_WORDS, TITLE_WORDS, WEB_ADDRESS,
)
from localwire.articles.extract.thresholds import MAX_NAME_WORDS


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str = ""


def agency_index(extra: Iterable[str] = ()) -> dict[str, str]:
    """Every spelling (lower-case) → the agency's name; operator-marked agencies included.

    An operator's agency is also known by its initials ("Meridian Press" → "MP"),
    which is how datelines cite it.
    """
    index: dict[str, str] = {}
    for name, aliases in AGENCIES.items():
        for spelling in (name, *aliases):
            index[spelling.lower()] = name
    for name in extra:
        name = (name or "").strip()
        if name:
            index[name.lower()] = name
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            if len(initials) >= 2:
                index.setdefault(initials.lower(), name)
    return index


def normalise_byline(raw: str, agencies: Iterable[str] = (), *, single_names: bool = False) -> Byline:
    """Split a credit line into person names and the wire agency it names, if any.

    ``single_names`` accepts one-word names ("Susan"); only for structured sources
    (JSON-LD, meta author), where the page itself says the field is a name.
    """
    index = agency_index(agencies)
    result = Byline()
    text = BYLINE_OTHER_CREDITS.sub(" ", BYLINE_CONTACT.sub(" ", BYLINE_EMAIL.sub(" ", html.unescape(raw or ""))))
    text = BYLINE_PARENTHESES.sub(r", \1", text)
    for chunk in BYLINE_SPLIT.split(text):
        chunk = (chunk or "").strip(" .:·•-–—()[]\"'")
        if not chunk or CREDIT_ROLE.match(chunk):
            continue
        chunk = BYLINE_PREFIX.sub("", chunk).strip(" .:")
        name, agency = _split_agency(chunk, index)
        if agency and not result.agency:
            result.agency = agency
        name = _clean_name(name, single_names)
        if name and name not in result.authors:
            result.authors.append(name)
    return result


def author_handle(raw: str) -> str:
    """A user name standing for its writer in a page's author field ('aawoods'), else ''."""
    handle = (raw or "").strip().lstrip("@")
    if not HANDLE.match(handle) or NOT_A_PERSON.match(handle) or JOB_TITLE.match(handle):
        return ""
    return "" if handle.lower() in NOT_NAME_WORDS or handle.lower() in ORGANISATION_WORDS else handle


def _split_agency(chunk: str, index: dict[str, str]) -> tuple[str, str]:
    """'DASHA LITVINOVA Associated Press' → ('DASHA LITVINOVA', 'Associated Press')."""
    lowered = chunk.lower()
    desk = AGENCY_DESK.sub("", lowered)  # "Reuters Staff", "AP wire": the agency itself
    for spelling in (lowered, desk, desk[4:] if desk.startswith("the ") else desk):
        if spelling in index:
            return "", index[spelling]
    words = chunk.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:]).lower()
        # Short forms ("AP", "MP") only count in capitals, so "Ap" ending a name is safe.
        if tail in index and (len(tail) > 3 or words[-1].isupper()):
            return " ".join(words[:-size]), index[tail]
    return chunk, ""


def _clean_name(name: str, single_names: bool = False) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,")
    if not name or NOT_A_PERSON.match(name):
        return ""
    words = _without_job_title(name.split())
    if not words or words[0].lower() == "the" or any(w.lower() in NOT_NAME_WORDS for w in words):
        return ""  # "The Commercial Appeal", "Posted by", "Editors who have contributed"
    if not name.isupper():
        # "Brian Truitt USA TODAY": a mixed-case name followed by an outlet in capitals.
        while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1:
            words.pop()
    name = " ".join(words)
    if len(words) == 1 and not (single_names and _single_name(words[0])):
        return ""  # a lone word is a name only where the page says so
    if len(words) > MAX_NAME_WORDS or not all(NAME_WORD.match(w) for w in words) or _organisation(words):
        return ""
    if name.islower() and not single_names:
        return ""  # "by adopting these strategies": a sentence; only a page's own author field is trusted in lower case
    if name.isupper() or name.islower():
        return _title_case(words)
    if any(w.islower() and w not in NAME_PARTICLES for w in words):
        return ""  # "Personal finance": a section label, not a name
    return name


def _single_name(word: str) -> bool:
    """'Susan', 'ShawnHymel'; never a handle ('kffnirmitap') or an acronym ('CDC')."""
    return word.isalpha() and word[0].isupper() and not word.isupper()


def _without_job_title(words: list[str]) -> list[str]:
    """'Ana Ruiz AI Writer' → Ana Ruiz; 'Senior Political Correspondent' → nothing."""
    if not JOB_TITLE.match(" ".join(words)):
        return words
    words = list(words)
    while words and (words[-1].lower() in TITLE_WORDS or JOB_TITLE.match(words[-1])):
        words.pop()
    return words if len(words) >= 2 else []


def _organisation(words: list[str]) -> bool:
    """'Cleveland Clinic', 'Valley News Desk', 'AccountingDepartment.com' name no person."""
    return any(w.lower().strip(".'’") in ORGANISATION_WORDS or WEB_ADDRESS.search(w) for w in words)


def _title_case(words: list[str]) -> str:
    """'JUAN DE LA CRUZ' → 'Juan de la Cruz'; 'KIM O'NEIL' → "Kim O'Neil"; 'MCDONALD' → 'McDonald'."""
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in NAME_PARTICLES:
            out.append(lower)
            continue
        out.append("-".join(_cap(part) for part in lower.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    for prefix in NAME_CAPITAL_PREFIXES:
        if part.startswith(prefix) and len(part) > len(prefix):
            return prefix[0].upper() + prefix[1:] + part[len(prefix):].capitalize()
    return part.capitalize()
