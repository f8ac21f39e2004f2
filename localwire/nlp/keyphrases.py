"""'In this article': 4–8 tags an editor would pick, from entities and phrases ranked against the corpus.

Phrases are the noun runs the tagger found, scored by how often the article
uses them times how rare they are in news at large (the topic model's idf table
stands in for the corpus). Junk never becomes a tag: agency names, dates,
numbers, pronouns and the publisher's own name.
"""

from __future__ import annotations

import math
import re
from collections import Counter

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
""".split())
# Adjectives that say how much or how big, not what: "Several Rounds", "Sudden Rise", "Upper Hand".
VAGUE = set("""
several sudden long upper lower straight favorite favourite former many few other certain major key main recent
latest old big small large little whole full early late top good bad best worst high low great huge own various
possible likely real same different single double entire overall
""".split())
MIN_TAGS, MAX_TAGS = 4, 8
MIN_SINGLE_WORD_IDF = 6.5  # a one-word tag must be rarer in news than this (natural log idf)


def keyphrases(title: str, phrases: list[str], entity_names: list[str], idf: dict[str, float], *,
               excluded: set[str] = frozenset(), names: list[str] = (), max_idf: float = 10.0,
               text: str = "") -> list[str]:
    """``phrases`` are the noun runs the model found in the text (with repeats).

    ``entity_names`` may become tags; ``names`` (every entity, people included) only
    stop their fragments ("Hayes", "Center", "Sultan" of Nur-Sultan) from becoming tags on
    their own. With ``text``, the tail of a hyphenated word ("ranked-choice count") is refused.
    """
    fragments = {w.lower() for n in [*names, *entity_names] for w in re.split(r"[\s-]+", n)}
    tails = {m.group(1).lower() for m in re.finditer(r"\w-([A-Za-z]+)", text)}
    full_names = [n.lower() for n in names if " " in n]
    counts = Counter(p.lower() for p in phrases if all(_content(w) for w in p.lower().split())
                     and not (" " not in p and (p.lower() in fragments or _generic(p.lower(), idf, max_idf)))
                     and p.lower().split()[0] not in tails and p.lower().split()[0] not in VAGUE
                     and not any(n in p.lower() for n in full_names))
    lowered_title = title.lower()
    scored: dict[str, float] = {}
    for phrase, count in counts.items():
        rarity = idf.get(phrase, max_idf)
        boost = (1.3 if " " in phrase else 1.0) * (1.5 if phrase in lowered_title else 1.0)
        scored[phrase] = (1 + math.log(count)) * rarity * boost
    # Phrases used twice (or in the headline) first; single uses only to reach the minimum.
    strong = [p for p in scored if counts[p] >= 2 or p in lowered_title]
    # A phrase used once fills up to the minimum only if no word of it is one every story uses.
    weak = [p for p in scored if p not in strong and not any(w in GENERIC for w in p.split())]
    chosen: list[str] = []
    for name in entity_names[:3]:
        _take(chosen, name, excluded)
    for pool, cap in ((strong, MAX_TAGS), (weak, MIN_TAGS)):
        for phrase in sorted(pool, key=lambda p: -scored[p]):
            if len(chosen) >= cap:
                break
            if any(phrase in c.lower() or c.lower() in phrase for c in chosen):
                continue  # "curfew" after "Overnight Curfew" adds nothing
            _take(chosen, _tag_case(phrase), excluded)
    return chosen[:MAX_TAGS]


def _tag_case(phrase: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in phrase.split())


def _generic(word: str, idf: dict[str, float], max_idf: float) -> bool:
    return word in GENERIC or word.rstrip("s") in GENERIC or idf.get(word, max_idf) < MIN_SINGLE_WORD_IDF


def _content(word: str) -> bool:
    return len(word) > 2 and word not in STOPWORDS and not word.isdigit()


def _take(chosen: list[str], tag: str, excluded: set[str]) -> None:
    if tag.lower() in excluded or any(part in excluded for part in tag.lower().split()):
        return
    if tag not in chosen:
        chosen.append(tag)
