"""The fact timeline: how the figures a story's coverage reports moved over time.

From each article's sentences come counts of one thing — people killed, injured, detained,
arrested, evacuated, missing, displaced — written as numerals ("164", "nearly 8,000") or as
exact number words ("twelve", "fifty-two"), with the qualifier kept beside the figure ("at least
26" is 26, shown as written). Vague amounts — "dozens", "scores", "hundreds", "a dozen" — are no
figure: a timeline that read "dozens" as 24 would invent a death toll. A story's timeline keeps
each count apart (killed is never mixed with injured) and orders the reports by when they were
published: killed 3 → 7.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# What each count is called, in the forms news uses after a number ("12 dead") or before it.
AFTER_NUMBER = {
    "killed": r"(?:were |have been |had been |are |was )?(?:killed|dead|died|confirmed dead|lost their lives)",
    "injured": r"(?:were |have been |had been |are |was )?(?:injured|hurt|wounded)",
    "detained": r"(?:were |have been |had been |are |was )?(?:detained|held in custody)",
    "arrested": r"(?:were |have been |had been |are |was )?arrested",
    "evacuated": r"(?:(?:were |have been |had been |are |was )?(?:evacuated|forced to (?:leave|flee))|"
                 r"to (?:leave|flee|evacuate))",
    "missing": r"(?:were |are |remain |remained )?(?:still )?missing",
    "displaced": r"(?:were |have been |are )?(?:displaced|left homeless)",
}
BEFORE_NUMBER = {
    "killed": r"(?:death toll|toll|deaths?|number of (?:people |those )?(?:killed|dead))\s+(?:\S+\s+){0,12}?"
              r"(?:rose|rises|climbed|climbs|reached|reaches|stands? at|stood at|hit|hits|of|to|passed|passes)\s+"
              r"(?:to\s+)?|\bkill(?:ed|ing|s)\s+",
    "injured": r"\binjur(?:ing|ed)\s+|number of (?:people )?(?:injured|hurt)\s+(?:\S+\s+){0,12}?(?:rose|climbed|reached)"
               r"\s+(?:to\s+)?",
    "detained": r"\bdetentions?\s+(?:\w+\s+){0,2}?(?:pass(?:ed|es)?|near(?:ed|s)?|reach(?:ed|es)?|rose to|top(?:ped|s)?)\s+|"
                r"\bdetain(?:ed|ing|s)\s+",
    "arrested": r"\barrest(?:ed|ing|s)\s+",
    "evacuated": r"\bevacuations?\s+(?:\w+\s+){0,3}?(?:cover(?:ed|s)?|reach(?:ed|es)?|rose to)\s+|\bevacuat(?:ed|ing|es)\s+",
}
QUALIFIER = r"(?:(?P<q>nearly|almost|about|around|roughly|more than|over|at least|some|up to|fewer than|less than)\s+)?"
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER = r"(?<![\w-])(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + \
         "(?:" + "|".join(TENS) + ")-(?:" + "|".join(UNITS) + ")|" + "|".join(NUMBER_WORDS) + r")(?![\w-])"
NOUN = r"(?:\s+(?:more\s+)?(?:people|persons|residents|protesters|civilians|passengers|children|adults|workers|"
NOUN += r"soldiers|officers|police officers|policemen|families|households|others|of them|in all))?"
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Fact:
    quantity: str  # killed, injured, detained, arrested, evacuated, missing, displaced
    value: int
    text: str  # as written: "nearly 8,000"
    sentence: str


@dataclass(frozen=True)
class Point:
    value: int
    text: str
    article_id: object
    published_at: datetime | None
    sentence: str


def _patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for quantity, after in AFTER_NUMBER.items():
        patterns.append((quantity, re.compile(rf"\b{QUALIFIER}{NUMBER}{NOUN}\s+{after}\b", re.I)))
    for quantity, before in BEFORE_NUMBER.items():
        patterns.append((quantity, re.compile(rf"(?:{before}){QUALIFIER}{NUMBER}\b", re.I)))
    return patterns


PATTERNS = _patterns()


def number_value(written: str) -> int | None:
    lowered = written.lower()
    if "-" in lowered and lowered.split("-")[0] in TENS:  # "fifty-two"
        tens, unit = lowered.split("-", 1)
        return (TENS.index(tens) + 2) * 10 + UNITS.index(unit) + 1
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS[lowered]
    digits = lowered.replace(",", "")
    return int(digits) if digits.isdigit() else None


def extract_facts(text: str) -> list[Fact]:
    """Every count a text reports, once per sentence and quantity (the first way it is put)."""
    facts = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = " ".join(sentence_match.group(0).split())
        seen = set()
        for quantity, pattern in PATTERNS:
            match = pattern.search(sentence)
            if match is None or quantity in seen:
                continue
            value = number_value(match.group("n"))
            if value is None or value == 0 or _is_a_year(match.group("n")):
                continue
            seen.add(quantity)
            written = " ".join(p for p in (match.group("q"), match.group("n")) if p).lower()
            facts.append(Fact(quantity, value, written, sentence))
    return facts


def _is_a_year(written: str) -> bool:
    return written.isdigit() and len(written) == 4 and 1900 <= int(written) <= 2100


def build_timeline(articles) -> dict[str, list[Point]]:
    """``articles``: (id, published_at, text) of a story's coverage. Each count's reports in time
    order; a figure repeated by later reports is kept once, at its first report."""
    points: dict[str, list[Point]] = {}
    ordered = sorted(articles, key=lambda a: (a[1] is None, a[1] or datetime.max, str(a[0])))
    for article_id, published_at, text in ordered:
        for fact in extract_facts(text):
            line = points.setdefault(fact.quantity, [])
            if any(p.value == fact.value for p in line):
                continue
            line.append(Point(fact.value, fact.text, article_id, published_at, fact.sentence))
    return {quantity: line for quantity, line in points.items()}
