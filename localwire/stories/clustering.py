"""Stories: coverage of one event across outlets, grouped online as articles arrive.

Single pass: each article is compared with the recent stories that share its heaviest words (an
inverted index, so the cost does not grow with every story ever seen) and joins the most similar
one above a threshold, or starts a story. Similarity mixes two views of the text — the cosine of
TF-IDF vectors (headline twice, names weighted up, rarity from the topic model's idf table: news at
large, not just what has arrived) and the cosine of dense vectors (``embedding``: synonyms and
paraphrase) — and decays with the time between article and story. Where and when the event
happened (``anchors``: the lead's places and days) weigh in: an article whose places or days clash
with the story's counts less, and one that goes on in the story's city on the next days does not
decay. Two stories whose coverage has converged (or that two workers started at the same instant)
merge.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from localwire.nlp.tag_article import STOPWORDS
from localwire.nlp import embedding
from localwire.stories.anchors import Anchors, add_counts, clashes, continues, read_anchors, through

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
CANDIDATE_TERMS = 12  # a story is filed under this many of its heaviest terms
VECTOR_TERMS = 200  # a story's vector keeps its heaviest terms only: bounded work per comparison
POSTING_LIMIT = 300  # a term filed under more live stories keeps the most recently active: it is no clue
HALF_LIFE_DAYS = 4.0  # similarity halves for every four days between an article and a story


@dataclass
class Story:
    id: object
    vector: dict = field(default_factory=dict)  # sum of members' unit TF-IDF vectors, heaviest terms
    dense: np.ndarray | None = None  # sum of members' unit dense vectors
    members: list = field(default_factory=list)
    last_seen: datetime | None = None
    norm: float = 0.0  # of ``vector``, kept with it
    anchors: dict = field(default_factory=dict)  # members' places and days, counted (``anchors``)


def vectorise(title: str, text: str, idf: dict[str, float], default_idf: float, name_weight: float = 1.0) -> dict:
    counts: Counter = Counter()
    for source, weight in ((title, 2.0), (text, 1.0)):
        for word in _WORD.findall(source):
            lowered = word.lower()
            if len(lowered) > 2 and lowered not in STOPWORDS:
                counts[lowered] += weight * (name_weight if word[0].isupper() else 1.0)
    vector = {t: (1 + math.log(c)) * idf.get(t, default_idf) for t, c in counts.items()}
    return unit_vector(vector)


def unit_vector(vector: dict) -> dict:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def similarity(unit: dict, vector: dict, norm: float | None = None) -> float:
    """Cosine of a unit vector with a story's summed vector (any length; its norm if known)."""
    norm = norm or math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return sum(unit[t] * vector[t] for t in unit.keys() & vector.keys()) / norm


def heaviest(vector: dict, n: int = CANDIDATE_TERMS) -> list[str]:
    return sorted(vector, key=vector.get, reverse=True)[:n]


def add_vectors(summed: dict, unit: dict) -> dict:
    """A story's vector plus another, cut to its heaviest terms (the tables store the same cut)."""
    total = Counter(summed)
    total.update(unit)
    return {t: round(total[t], 5) for t in heaviest(total, VECTOR_TERMS)}


def decay(published_at: datetime | None, last_seen: datetime | None) -> float:
    if published_at is None or last_seen is None:
        return 1.0
    days = abs((published_at - last_seen).total_seconds()) / 86400
    return 0.5 ** (days / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class Rule:
    """How close is close enough; shared by the in-memory index and the tables (``assign``)."""

    threshold: float = 0.33
    dense_weight: float = 0.25  # tuned on ECB+ dev: alone dense vectors merge same-kind events
    name_weight: float = 2.0  # a capitalised word (a name) counts twice: names tell events apart
    default_idf: float = 9.0
    merge_threshold: float = 0.7  # story to story, far above article to story: a merge is not undone
    window: timedelta = timedelta(days=14)  # stories quiet for longer are not joined any more
    max_candidates: int = 50  # the stories sharing most heavy terms; bounds the work per article
    # Each clash between an article's anchors and a story's (``anchors.clashes``) multiplies the score.
    # Two countries halve it: the same words about a quake in Turkey and one in Iran stay apart. Days
    # that clash weigh less (leads name background days). Protagonists who are strangers to each
    # other (a boxer's two opponents, a team's two coaches) weigh it down too (docs/stories.md).
    place_penalty: float = 0.5
    date_penalty: float = 0.8
    who_penalty: float = 0.6

    def score(self, unit: dict, dense, vector: dict, story_dense, when=None, last_seen=None, norm=None,
              anchors: Anchors | None = None, story_anchors: dict | None = None, floor: float = 0.0) -> float:
        """``floor``: the score to beat. The anchors never raise the words' score, so below it they
        are not read, and the words' score is returned (as far below the floor as the real one)."""
        text = similarity(unit, vector, norm)
        if self.dense_weight and dense is not None and story_dense is not None:
            text = (1 - self.dense_weight) * text + self.dense_weight * embedding.cosine(dense, story_dense)
        if text < floor:
            return text
        return text * self.anchored(anchors, story_anchors, when, last_seen, vector)

    def anchored(self, anchors: Anchors | None, story_anchors: dict | None, when, last_seen,
                 vector: dict | None = None) -> float:
        """The time decay, times a penalty for each clash of anchors; coverage that goes on in the
        story's city, day after day, with nothing clashing, does not decay (``anchors.continues``)."""
        if anchors is None or not story_anchors:
            return decay(when, last_seen)
        story_anchors = through(story_anchors, last_seen)
        found = clashes(anchors, story_anchors, vector)
        if not found and continues(anchors, story_anchors):
            return 1.0
        penalties = {"place": self.place_penalty, "date": self.date_penalty, "who": self.who_penalty}
        return math.prod(penalties[clash] for clash in found) * decay(when, last_seen)


RULE = Rule()


@dataclass
class StoryIndex:
    idf: dict[str, float]
    rule: Rule = RULE
    stories: dict[object, Story] = field(default_factory=dict)
    _postings: dict[str, dict] = field(default_factory=lambda: defaultdict(dict))  # term → story ids, oldest first
    _story_of: dict = field(default_factory=dict)
    _newest: datetime | None = None
    _added: int = 0

    def add(self, article_id, title: str, text: str, published_at: datetime | None = None, dense=None,
            anchors: Anchors | None = None):
        unit = vectorise(title, text, self.idf, self.rule.default_idf, self.rule.name_weight)
        if dense is None and self.rule.dense_weight:
            dense = embedding.embed(title, text)
        if anchors is None:
            anchors = read_anchors(title, text, published_at, with_people=self.rule.who_penalty < 1)
        best, best_score = None, self.rule.threshold
        candidates = self._candidates(unit, published_at)
        for story in candidates:
            score = self.rule.score(unit, dense, story.vector, story.dense, published_at, story.last_seen, story.norm,
                                    anchors, story.anchors, floor=best_score)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = self.stories.setdefault(article_id, Story(article_id))
        joined = bool(best.members)
        self._absorb(best, unit, dense, [article_id], published_at, anchors.as_counts())
        self._note_time(published_at)
        if joined:  # a story of one article cannot be closer to another than that article was
            self._merge_converged(best, [c for c in candidates if c is not best])
        return self._story_of[article_id]

    def find(self, article_id):
        """The story an article already joined, if any."""
        return self._story_of.get(article_id)

    def _absorb(self, story: Story, unit: dict, dense, members: list, seen: datetime | None, anchors: dict) -> None:
        story.vector = add_vectors(story.vector, unit)
        story.anchors = add_counts(story.anchors, anchors)
        story.norm = math.sqrt(sum(v * v for v in story.vector.values()))
        if dense is not None:
            story.dense = dense.copy() if story.dense is None else story.dense + dense
        story.members.extend(members)
        for member in members:
            self._story_of[member] = story.id
        if seen and (story.last_seen is None or seen > story.last_seen):
            story.last_seen = seen
        for term in heaviest(story.vector):
            posting = self._postings[term]
            posting.pop(story.id, None)
            posting[story.id] = None
            if len(posting) > POSTING_LIMIT:
                del posting[next(iter(posting))]

    def _note_time(self, when: datetime | None) -> None:
        """Every thousand articles, stories quiet for two windows before the newest article are
        dropped (their members keep their story ids): nothing that recent can join them, and a year
        of stories would not fit in memory otherwise."""
        if when is not None and (self._newest is None or when > self._newest):
            self._newest = when
        self._added += 1
        if self._added % 1000 == 0 and self._newest is not None:
            horizon = self._newest - 2 * self.rule.window
            for story_id in [s.id for s in self.stories.values() if s.last_seen and s.last_seen < horizon]:
                del self.stories[story_id]

    def _merge_converged(self, story: Story, others: list[Story]) -> None:
        """Only the article's other candidates can have come closer to the story it joined."""
        unit = unit_vector(story.vector)
        dense = story.dense / (np.linalg.norm(story.dense) or 1.0) if story.dense is not None else None
        anchors, bar = Anchors.of_story(story.anchors), self.rule.merge_threshold
        for other in others:
            if other.id in self.stories and self.rule.score(
                    unit, dense, other.vector, other.dense, story.last_seen, other.last_seen, other.norm,
                    anchors, other.anchors, floor=bar) >= bar:
                keep, gone = (other, story) if len(other.members) >= len(story.members) else (story, other)
                del self.stories[gone.id]
                self._absorb(keep, gone.vector, gone.dense, gone.members, gone.last_seen, gone.anchors)
                return

    def _candidates(self, unit: dict, when: datetime | None) -> list[Story]:
        """Recent stories sharing the most heavy terms; stories gone quiet are dropped from the index."""
        shared: Counter = Counter()
        for term in heaviest(unit):
            posting = self._postings.get(term, ())
            for story_id in list(posting):
                story = self.stories.get(story_id)
                if story is None or self._stale(story, when):
                    del posting[story_id]
                else:
                    shared[story_id] += 1
        return [self.stories[s] for s, _ in shared.most_common(self.rule.max_candidates)]

    def _stale(self, story: Story, when: datetime | None) -> bool:
        return when is not None and story.last_seen is not None and story.last_seen < when - self.rule.window
