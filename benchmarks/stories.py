"""Stories, measured: syndication and story clustering, each beside a plain baseline.

    python benchmarks/stories.py [--data DIR]

- Syndication on the demo corpus as published, and with harder copies made from its originals (cut,
  annotated, lightly edited), every other article a negative: pairwise precision and recall.
- Story clustering on ECB+ dev (../shared/data/clustering/ecbplus-dev): the gold story of a file is
  its topic and ecb/ecbplus half (two real events per topic, the hard negatives). B-cubed
  precision/recall/F1 and ARI for Localwire's online clusterer and for a plain single-pass TF-IDF
  clusterer (idf from the corpus itself, best threshold of a sweep), documents in file order.

- Syndication on the demo corpus: every syndicated copy names its original, so the gold groups are
  known. Pairwise precision and recall of "these two are the same wire copy", and articles per
  second through the in-memory index. Goals: precision >= 0.99, recall >= 0.95.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def b_cubed(gold: dict, predicted: dict) -> tuple[float, float, float]:
    by_gold, by_predicted = Counter(gold.values()), Counter(predicted.values())
    both = Counter((gold[i], predicted[i]) for i in gold)
    precision = sum(both[(gold[i], predicted[i])] / by_predicted[predicted[i]] for i in gold) / len(gold)
    recall = sum(both[(gold[i], predicted[i])] / by_gold[gold[i]] for i in gold) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def adjusted_rand(gold: dict, predicted: dict) -> float:
    def pairs(n):
        return n * (n - 1) / 2

    both = Counter((gold[i], predicted[i]) for i in gold)
    index = sum(pairs(n) for n in both.values())
    a = sum(pairs(n) for n in Counter(gold.values()).values())
    b = sum(pairs(n) for n in Counter(predicted.values()).values())
    expected = a * b / pairs(len(gold))
    top = (a + b) / 2 - expected
    return (index - expected) / top if top else 1.0


def corpus_idf(texts: list[str]) -> dict[str, float]:
    from localwire.stories.clustering import _WORD

    df = Counter(w for t in texts for w in {x.lower() for x in _WORD.findall(t)})
    return {w: math.log((1 + len(texts)) / (1 + n)) + 1 for w, n in df.items()}


def clustering_on_ecb(folder: Path) -> None:
    from ecbplus import read_corpus

    from localwire.nlp.topics import topic_model
    from localwire.stories.clustering import StoryIndex

    docs = read_corpus(folder)
    gold = {d.name: d.story for d in docs}
    idf = corpus_idf([d.text for d in docs])
    best = None
    for step in range(5, 60, 5):
        index = StoryIndex(idf, threshold=step / 100, name_weight=1.0, default_idf=max(idf.values()))
        baseline = {d.name: index.add(d.name, "", d.text) for d in docs}
        score = b_cubed(gold, baseline)
        if best is None or score[2] > best[0][2]:
            best = (score, adjusted_rand(gold, baseline), step / 100)
    index = StoryIndex(topic_model().idf_table())
    started = time.perf_counter()
    ours = {d.name: index.add(d.name, d.title, d.text) for d in docs}
    speed = len(docs) / (time.perf_counter() - started)
    (p, r, f), ari = b_cubed(gold, ours), adjusted_rand(gold, ours)
    (bp, br, bf), bari, threshold = best
    print(f"Story clustering, ECB+ dev ({len(docs)} articles, {len(set(gold.values()))} gold stories)")
    print(f"{'':<34}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'ARI':>7}")
    print(f"{f'TF-IDF single pass (t={threshold:.2f})':<34}{bp:>7.3f}{br:>7.3f}{bf:>7.3f}{bari:>7.3f}")
    print(f"{'Localwire':<34}{p:>7.3f}{r:>7.3f}{f:>7.3f}{ari:>7.3f}   ({speed:.0f} articles/s)")
    print("goal: B-cubed F1 >= 0.92")


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


def syndication_perturbed() -> tuple[float, float, int]:
    """Harder copies made from the demo originals: cut to their first 60 %, given an editor's note
    and a related-links trailer, or lightly edited (every twelfth word changed in two paragraphs).
    Every other demo article, other outlets' coverage of the same story included, is a negative."""
    import random

    from localwire.demo.corpus import load_corpus
    from localwire.stories.syndication import SyndicationIndex

    rng = random.Random(2026)
    corpus = load_corpus()
    items, gold = [], {}
    for article in sorted(corpus.articles, key=lambda a: -a.minutes_ago):
        items.append((article.key, article.text))
        gold[article.key] = article.copy_of or article.key
    for original in (a for a in corpus.articles if not a.copy_of):
        paragraphs = original.text.split("\n\n")
        cut = "\n\n".join(paragraphs[:max(2, int(len(paragraphs) * 0.6))])
        noted = ("Editor's note: this story is from our wire partner.\n\n" + original.text +
                 "\n\nRelated: more local news from our newsroom.")
        edited = list(paragraphs)
        for i in rng.sample(range(len(edited)), min(2, len(edited))):
            words = edited[i].split()
            edited[i] = " ".join("changed" if n % 12 == 5 else w for n, w in enumerate(words))
        for label, text in (("cut", cut), ("noted", noted), ("edited", "\n\n".join(edited))):
            key = f"{original.key}#{label}"
            items.append((key, text))
            gold[key] = original.key
    index = SyndicationIndex()
    predicted = {key: index.add(key, text) for key, text in items}
    precision, recall = pairwise(gold, predicted)
    return precision, recall, len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "clustering" / "ecbplus-dev"
    if folder.is_dir():
        clustering_on_ecb(folder)
    else:
        print(f"no ECB+ data at {folder}; clustering not measured", file=sys.stderr)
    precision, recall, n, copies, speed = syndication_on_demo()
    print(f"Syndication, demo corpus ({n} articles, {copies} syndicated copies): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}; {speed:.0f} articles/s")
    precision, recall, n = syndication_perturbed()
    print(f"Syndication, demo originals with cut, annotated and lightly edited copies ({n} texts): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}")
    print("goals: precision >= 0.99, recall >= 0.95")
    return 0


if __name__ == "__main__":
    sys.exit(main())
