"""IPTC Media Topics for an article: the trained top-level model, then keyword rules for the second level.

The model is ``models/topics.npz`` (made by ``training/train_topics.py``): one logistic regression
per top-level topic over TF-IDF words and word pairs, and one over the article's mean static
embedding (``nlp/embedding.py``), run here with numpy. A topic's score is the two
probabilities averaged, best topic first.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from localwire.nlp.embedding import embed
from localwire.nlp.loading import load_once

HERE = Path(__file__).resolve().parent
MODEL = HERE / "models" / "topics.npz"
TAXONOMY = HERE / "data" / "iptc_media_topics.json"
MODEL_NAME = "localwire-iptc-topics"
SUPPORTED_FORMAT = 2
MIN_SCORE = 0.5  # topics below this are dropped, except the best one
SUBTOPIC_MIN_HITS = 2
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    channel: str
    score: float
    parent: str = ""


class TopicModel:
    def __init__(self, model_path: Path = MODEL, taxonomy_path: Path = TAXONOMY):
        data = np.load(model_path, allow_pickle=False)
        version = int(data["format_version"])
        if version != SUPPORTED_FORMAT:
            raise ValueError(f"{model_path} has format {version}; this Localwire reads {SUPPORTED_FORMAT}")
        self.version = f"{MODEL_NAME}-v{version}"
        self.codes = [str(c) for c in data["codes"]]
        self.index = {str(term): i for i, term in enumerate(data["vocabulary"])}
        self.idf = data["idf"].astype(np.float32)
        self.stop_words = frozenset(str(w) for w in data["stop_words"])
        self.rarity = data["rarity"].astype(np.float32)
        self.coef = data["coef"].astype(np.float32)
        self.intercept = data["intercept"].astype(np.float32)
        self.dense_coef = data["dense_coef"].astype(np.float32)
        self.dense_intercept = data["dense_intercept"].astype(np.float32)
        self.dense_share = float(data["dense_share"])
        taxonomy = json.loads(taxonomy_path.read_text())
        self.topics = {t["code"]: t for t in taxonomy["topics"]}
        self.subtopics = taxonomy["subtopics"]

    def idf_table(self) -> dict[str, float]:
        """Corpus rarity of words and word pairs, reused to rank keyphrases."""
        if not hasattr(self, "_idf_table"):
            self._idf_table = {term: float(self.rarity[i]) for term, i in self.index.items()
                               if not math.isnan(self.rarity[i])}
        return self._idf_table

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The same TF-IDF the trainer used, as (columns, weights): stop words out, then word and
        word-pair counts, 1 + log(tf), idf, L2 norm."""
        words = [w for w in _TOKEN.findall(text.lower()) if w not in self.stop_words]
        terms = Counter(words) + Counter(f"{a} {b}" for a, b in zip(words, words[1:]))
        found = [(i, (1.0 + math.log(count)) * self.idf[i]) for term, count in terms.items()
                 if (i := self.index.get(term)) is not None and self.idf[i]]
        columns = np.array([i for i, _ in found], dtype=np.int64)
        weights = np.array([w for _, w in found], dtype=np.float32)
        norm = float(np.linalg.norm(weights))
        return columns, (weights / norm if norm else weights)

    def classify(self, title: str, text: str, limit: int = 3) -> list[Topic]:
        document = f"{title}. {title}. {text[:3000]}"
        probabilities = self.probabilities(title, text)
        order = np.argsort(-probabilities)
        chosen = [i for i in order[:limit] if probabilities[i] >= MIN_SCORE] or [int(order[0])]
        result = []
        for i in chosen:
            topic = self.topics[self.codes[i]]
            result.append(Topic(topic["code"], topic["label"], topic["channel"], round(float(probabilities[i]), 3)))
        result += self._subtopics(document.lower(), result)
        return result

    def probabilities(self, title: str, text: str) -> np.ndarray:
        """Per topic, in ``codes`` order: the lexical and the dense regression's probabilities, averaged."""
        columns, weights = self._features(f"{title}. {title}. {text[:3000]}")
        lexical = _sigmoid(self.coef[:, columns] @ weights + self.intercept)
        dense = _sigmoid(self.dense_coef @ embed(title, text) + self.dense_intercept)
        return (1.0 - self.dense_share) * lexical + self.dense_share * dense

    def _subtopics(self, lowered: str, parents: list[Topic]) -> list[Topic]:
        scores = {p.code: p.score for p in parents}
        found = []
        for sub in self.subtopics:
            if sub["parent"] not in scores:
                continue
            hits = sum(lowered.count(k) for k in sub["keywords"])
            if hits >= SUBTOPIC_MIN_HITS:
                score = round(scores[sub["parent"]] * min(1.0, hits / 4), 3)
                found.append(Topic(sub["code"], sub["label"], sub["channel"], score, sub["parent"]))
        return sorted(found, key=lambda t: -t.score)


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits))


topic_model = load_once(TopicModel)
