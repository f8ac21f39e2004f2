"""Stories, measured: syndication today; story clustering and its baseline are issue 4's next step.

    python benchmarks/stories.py

- Syndication on the demo corpus: every syndicated copy names its original, so the gold groups are
  known. Pairwise precision and recall of "these two are the same wire copy", and articles per
  second through the in-memory index. Goals: precision >= 0.99, recall >= 0.95.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pairwise(gold: dict, predicted: dict) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def syndication_on_demo() -> tuple[float, float, int, int, float]:
    from localwire.demo.corpus import load_corpus
    from localwire.stories.syndication import SyndicationIndex

    corpus = load_corpus()
    articles = sorted(corpus.articles, key=lambda a: -a.minutes_ago)  # in the order they were published
    gold = {a.key: a.copy_of or a.key for a in articles}
    index = SyndicationIndex()
    started = time.perf_counter()
    predicted = {a.key: index.add(a.key, a.text) for a in articles}
    seconds = time.perf_counter() - started
    precision, recall = pairwise(gold, predicted)
    copies = sum(1 for a in articles if a.copy_of)
    return precision, recall, len(articles), copies, len(articles) / seconds


def main() -> int:
    precision, recall, n, copies, speed = syndication_on_demo()
    print(f"Syndication, demo corpus ({n} articles, {copies} syndicated copies): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}; {speed:.0f} articles/s")
    print("goals: precision >= 0.99, recall >= 0.95")
    return 0


if __name__ == "__main__":
    sys.exit(main())
