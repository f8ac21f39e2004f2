"""A stream of made-up articles for scaling runs: many distinct stories, each with its own rare words.

Words come from the topic model's idf table: everyday words drawn by how common they are, and for
each story a handful of rare words (some capitalised, as names) that its articles keep repeating,
which is what makes real coverage of one event look alike.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass
class Vocabulary:
    common: list[str]
    weights: list[float]
    rare: list[str]


def vocabulary(idf: dict[str, float]) -> Vocabulary:
    words = [w for w in idf if w.isalpha() and len(w) > 2]
    common = [w for w in words if idf[w] < 7.5]
    return Vocabulary(common, [math.exp(-idf[w]) for w in common], [w for w in words if idf[w] >= 8.0])


def story_words(vocab: Vocabulary, rng: random.Random, n: int = 10) -> list[str]:
    words = rng.sample(vocab.rare, n)
    return [w.capitalize() if i < 3 else w for i, w in enumerate(words)]


def article(vocab: Vocabulary, event: list[str], rng: random.Random, words: int = 250) -> tuple[str, str]:
    """A headline and body: four in ten words from the story's own, the rest everyday news words."""
    own = max(1, int(words * 0.4))
    body = rng.choices(event, k=own) + rng.choices(vocab.common, weights=vocab.weights, k=words - own)
    rng.shuffle(body)
    title = rng.sample(event, 4) + rng.choices(vocab.common, weights=vocab.weights, k=4)
    rng.shuffle(title)
    return " ".join(title).capitalize(), " ".join(body) + "."
