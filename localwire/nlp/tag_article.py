"""What the tag rules read: the word lists, the article with its word runs counted once, and a
candidate tag with what the article says for it (``keyphrases.py`` decides; ``named_tags.py`` and
the noun-run rules there propose).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

STOPWORDS = set("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over
own said same says she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your year years week
weeks day days time times people percent according told added including another many much monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow morning evening night last next first
second third one two three four five six seven eight nine ten new also like make made get got go going went
nobody somebody someone anyone everyone everybody nothing something anything everything
gmt utc est edt cst cdt mst mdt pst pdt bst cet
""".split())
# Nouns every story uses: true of the article, but no reader would follow them as a channel.
GENERIC = set("""
city state country capital government official officials officer officers resident residents people hour hours
end plan money cost costs bill blocks block office committee member members meeting session president side work
game games team teams final high floor building branch water service staff operator deal vote votes leader
leaders measure parties party district voters family families hundreds thousands dozens millions west east north
south door air break search toll credit crew crews sheriff spark statement report reports month months area
areas region part group number level lot way place point case issue thing things man woman men women child
children home house street road center centre department agency spokesperson spokesman spokeswoman director
chief minister ministry police authorities authority news story stories update updates company companies
change changes problem problems effect effects result results program programs source sources
study studies firm firms
""".split())
# First words that say how much, how big or when, not what: "Several Rounds", "Upper Hand", "Weekend Strikes".
VAGUE = set("""
several sudden long upper lower straight favorite favourite former many few other certain major key main recent
latest old big small large little whole full early late top good bad best worst high low great huge own various
possible likely real same different single double entire overall weekend overnight daily weekly monthly nightly
yearly annual fatal deadly record
""".split())
# Heads that count or measure: "Death Toll", "Turnout Rate" say how much of something, not what.
MEASURES = {"toll", "total", "tally", "count", "rate", "level", "number", "share", "figure", "amount"}


@dataclass(frozen=True)
class Named:
    """An organisation or group the entity layer found: its name, kind and how many mentions it merged
    (aliases and short forms included); 0 uses means count the name in the text."""

    name: str
    kind: str = "organisation"
    uses: int = 0


_WORDS = re.compile(r"[\w-]+")
MAX_GRAM = 3  # noun runs are at most three words; longer names are counted by pattern


class Article:
    """The parts of an article the rules read, with its word runs counted once: a candidate's uses
    are looked up, not searched for, so a long article's hundred noun runs stay cheap."""

    def __init__(self, title: str, text: str):
        self.title, self.text, self.lead = title, text, lead_of(title, text)
        # A headline the text opens with, as some feeds give it, is counted once.
        self.repeated = bool(title.strip()) and text.lstrip().startswith(title.strip())
        self._words = _WORDS.findall(text.lower())
        self._at: dict[str, list[int]] = {}
        for i, word in enumerate(self._words):
            self._at.setdefault(word, []).append(i)
        self._title, self._lead = _grams(title), _grams(self.lead)

    @classmethod
    def of(cls, title: str, text: str) -> "Article":
        return cls(title, text)

    def count_names(self, names: list[str]) -> None:
        """Count these names, as written, in one pass over the headline and the text."""
        names = sorted({n for n in names if n}, key=len, reverse=True)
        self._names = Counter()
        if names:
            pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])")
            self._names.update(pattern.findall(self.text))
            if not self.repeated:
                self._names.update(pattern.findall(self.title))

    def uses(self, phrase: str, case: bool = False) -> int:
        """Times ``phrase`` stands as whole words in the headline and the text."""
        key = phrase.lower()
        if case and phrase in getattr(self, "_names", ()):
            return self._names[phrase]
        if case or key.count(" ") >= MAX_GRAM or not _WORDS.fullmatch(key.replace(" ", "")):
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", 0 if case else re.I)
            return (0 if self.repeated else len(pattern.findall(self.title))) + len(pattern.findall(self.text))
        return (0 if self.repeated else self._title[key]) + self._count(key.split())

    def placed(self, phrase: str) -> tuple[bool, bool]:
        """(in the headline, in the lead)."""
        key = phrase.lower()
        if key.count(" ") >= MAX_GRAM or not _WORDS.fullmatch(key.replace(" ", "")):
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
            return bool(pattern.search(self.title)), bool(pattern.search(self.lead))
        return key in self._title, key in self._lead


    def _count(self, words: list[str]) -> int:
        at, n = self._at.get(words[0], ()), len(words)
        return sum(self._words[i:i + n] == words for i in at) if n > 1 else len(at)


def _grams(text: str) -> Counter:
    words = _WORDS.findall(text.lower())
    return Counter(" ".join(words[i:i + n]) for n in range(1, MAX_GRAM + 1) for i in range(len(words) - n + 1))


@dataclass
class Candidate:
    tag: str
    uses: int
    in_headline: bool
    in_lead: bool
    named: bool
    rarity: float = 0.0

    @property
    def supported(self) -> bool:
        """The article stands behind it: used twice, or in the headline or the lead. A name of
        several words the entity layer confirmed ('Red Cross') is a channel where it is mentioned at
        all; a one-word name or acronym is held to the rule ('Lefthand', 'GM')."""
        if self.named and " " in self.tag:
            return self.uses >= 1
        return self.uses >= 2 or self.in_headline or self.in_lead

    @property
    def score(self) -> float:
        return (3.0 * self.in_headline + 1.5 * self.in_lead + math.log(1 + self.uses) + 0.5 * self.named
                + (0.4 if " " in self.tag else 0.0) + self.rarity / 10)


def lead_of(title: str, text: str) -> str:
    """The first paragraph; when that only repeats the headline (or is one short line), the next too."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text.strip()) if p.strip()] if text else []
    if not paragraphs:
        return ""
    lead = paragraphs[0]
    if len(paragraphs) > 1 and (lead.strip().lower() == title.strip().lower() or len(lead.split()) < 12):
        lead += "\n" + paragraphs[1]
    return lead


def tag_case(phrase: str) -> str:
    """As a tag is shown: each word capitalised, a word with capitals of its own ('iPhone') kept."""
    return " ".join(w if any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:] for w in phrase.split())
