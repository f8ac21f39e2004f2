"""Stories: coverage of one event across outlets, grouped online as articles arrive.

Single pass: each article is compared with the stories that share its rarest words (an inverted
index, so the cost does not grow with every story ever seen) and joins the most similar one above
a threshold, or starts a story. Similarity is the cosine of TF-IDF vectors, the headline counted
twice, rarity taken from the topic model's idf table (news at large, not just what has arrived),
with names (capitalised words) weighted up and a decay with the time between them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from localwire.nlp.keyphrases import STOPWORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
CANDIDATE_TERMS = 12  # a story is filed under this many of its heaviest terms
HALF_LIFE_DAYS = 4.0  # similarity halves for every four days between an article and a story


@dataclass
class Story:
    id: object
    vector: Counter = field(default_factory=Counter)  # sum of members' unit vectors
    members: list = field(default_factory=list)
    last_seen: datetime | None = None


def vectorise(title: str, text: str, idf: dict[str, float], default_idf: float, name_weight: float = 1.0) -> dict:
    counts: Counter = Counter()
    for source, weight in ((title, 2.0), (text, 1.0)):
        for word in _WORD.findall(source):
            lowered = word.lower()
            if len(lowered) > 2 and lowered not in STOPWORDS:
                counts[lowered] += weight * (name_weight if word[0].isupper() else 1.0)
    vector = {t: (1 + math.log(c)) * idf.get(t, default_idf) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def cosine(unit: dict, story: Story) -> float:
    return similarity(unit, story.vector)


def similarity(unit: dict, vector: dict) -> float:
    """Cosine of a unit vector with a story's summed vector (any length)."""
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return sum(w * vector.get(t, 0.0) for t, w in unit.items()) / norm


def heaviest(vector: dict, n: int = CANDIDATE_TERMS) -> list[str]:
    return sorted(vector, key=vector.get, reverse=True)[:n]



@dataclass
class StoryIndex:
    idf: dict[str, float]
    threshold: float = 0.3
    name_weight: float = 2.0  # a capitalised word (a name) counts twice: names tell events apart
    default_idf: float = 9.0
    stories: dict[object, Story] = field(default_factory=dict)
    _postings: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    _story_of: dict = field(default_factory=dict)

    def add(self, article_id, title: str, text: str, published_at: datetime | None = None):
        unit = vectorise(title, text, self.idf, self.default_idf, self.name_weight)
        best, best_score = None, self.threshold
        for story_id in self._candidates(unit):
            story = self.stories[story_id]
            score = cosine(unit, story) * decay(published_at, story.last_seen)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = self.stories.setdefault(article_id, Story(article_id))
        best.vector.update(unit)
        best.members.append(article_id)
        self._story_of[article_id] = best.id
        if published_at and (best.last_seen is None or published_at > best.last_seen):
            best.last_seen = published_at
        for term, _ in best.vector.most_common(CANDIDATE_TERMS):
            self._postings[term].add(best.id)
        return best.id

    def find(self, article_id):
        """The story an article already joined, if any."""
        return self._story_of.get(article_id)

    def _candidates(self, unit: dict) -> set:
        heaviest = sorted(unit, key=unit.get, reverse=True)[:CANDIDATE_TERMS]
        return set().union(*(self._postings.get(t, set()) for t in heaviest)) if heaviest else set()


def decay(published_at: datetime | None, last_seen: datetime | None) -> float:
    if published_at is None or last_seen is None:
        return 1.0
    days = abs((published_at - last_seen).total_seconds()) / 86400
    return 0.5 ** (days / HALF_LIFE_DAYS)
