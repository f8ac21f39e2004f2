"""Datelines, read before any model sees the text.

"LITTLE ROCK, Ark. (AP) —", "WASHINGTON, Jan 9 (Reuters) -", "ALMATY, Kazakhstan, Jan. 9 (MP) -":
where the reporter filed from, the state or country that qualifies it, the
date, and the agency. The city is in capitals, which models read badly, so it
is returned title-cased for the geocoder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(rf"^{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?$")
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,4})"  # LITTLE ROCK, NUR-SULTAN, ST. LOUIS
    r"(?P<quals>(?:,\s*[A-Z][\w.'’ -]{0,40}?)*)"  # , Ark.  , Kazakhstan  , Jan. 9
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"  # (AP)
    r"\s*(?:—|–|-{1,2})\s+"
)


@dataclass(frozen=True)
class Dateline:
    city: str  # "Little Rock"
    region: str = ""  # as written: "Ark.", "Kazakhstan", "D.C."
    date: str = ""  # as written: "Jan 9"
    agency: str = ""  # as written: "AP", "Reuters"
    end: int = 0  # where the story's first sentence starts

    @property
    def raw_city(self) -> str:
        return self.city.upper()


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]+")


def _shouting(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) >= 2 and sum(w.isupper() for w in words) / len(words) >= 0.7


def parse_dateline(text: str) -> Dateline | None:
    match = DATELINE.match(text or "")
    # "CRICKET - LEICESTERSHIRE TAKE OVER" is a headline: a dateline leads into an ordinary sentence.
    if not match or _shouting(text[match.end():match.end() + 80].split("\n")[0]):
        return None
    city = match.group("city").strip()
    if len(city.replace(".", "")) < 3 or not city.replace(" ", "").replace("-", "").replace(".", "").isalpha():
        return None
    region = date = ""
    for qualifier in (q.strip() for q in match.group("quals").split(",") if q.strip()):
        if _DATE.match(qualifier):
            date = qualifier
        elif not region:
            region = qualifier
        else:
            return None  # three place parts is not a dateline form Localwire knows
    return Dateline(city=_title(city), region=region, date=date,
                    agency=(match.group("agency") or "").strip(), end=match.end())


_SMALL = {"de", "la", "el", "al", "du", "des", "of", "the", "on", "upon"}


def _title(caps: str) -> str:
    """'LITTLE ROCK' → 'Little Rock', 'NUR-SULTAN' → 'Nur-Sultan', "ST. JOHN'S" → "St. John's"."""
    words = []
    for i, word in enumerate(caps.lower().split()):
        if i and word in _SMALL:
            words.append(word)
            continue
        words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)
