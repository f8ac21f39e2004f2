"""Stories, measured: syndication and story clustering, each beside a plain baseline.

    python benchmarks/stories.py [--data DIR] [--only clustering|syndication|scale] [--scale N]
                                 [--part tune|report|all]

- Syndication on the demo corpus as published, and with harder copies made from its originals (cut,
  annotated, lightly edited), every other article a negative: pairwise precision and recall.
- Story clustering on ECB+ dev (../shared/data/clustering/ecbplus-dev): the gold story of a file is
  its topic and ecb/ecbplus half (two real events per topic, the hard negatives). B-cubed
  precision/recall/F1 and ARI for Localwire's online clusterer and for a plain single-pass TF-IDF
  clusterer (idf from the corpus itself, threshold swept on the tune half only), documents in file
  order, for the tune half (odd topics), the report half (even topics) and both together
  (``--part`` prints only the parts named: tuning reads ``--part tune`` alone).

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


def plain_single_pass(texts: list[str], idf: dict[str, float], threshold: float) -> list[int]:
    """The baseline: each text joins the cluster whose centroid is most similar (full TF-IDF cosine,
    every cluster compared) if above the threshold, else starts one."""
    from localwire.stories.clustering import _WORD

    centroids, labels = [], []
    for text in texts:
        counts = Counter(w.lower() for w in _WORD.findall(text))
        vector = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        unit = {t: v / norm for t, v in vector.items()}
        scores = [sum(w * c.get(t, 0.0) for t, w in unit.items()) / (math.sqrt(sum(v * v for v in c.values())) or 1.0)
                  for c in centroids]
        best = max(range(len(scores)), key=scores.__getitem__, default=None)
        if best is None or scores[best] < threshold:
            centroids.append(Counter())
            best = len(centroids) - 1
        centroids[best].update(unit)
        labels.append(best)
    return labels


def clustering_on_ecb(folder: Path, parts: tuple[str, ...] = ("tune", "report", "all")) -> None:
    """Each half of ECB+ dev clustered on its own (``splits.ecb_part``: odd topics tune, even topics
    report), then both together. The plain baseline's threshold is the best of a sweep on the tune
    half, applied unchanged to the others, as the issue's baseline was made."""
    from ecbplus import read_corpus
    from splits import ecb_part

    docs = read_corpus(folder)
    halves = {"tune": [d for d in docs if ecb_part(d.topic) == "tune"],
              "report": [d for d in docs if ecb_part(d.topic) == "report"], "all": docs}
    threshold = max((step / 100 for step in range(5, 60, 5)),
                    key=lambda t: _baseline_scores(halves["tune"], t)[0][2])
    print(f"Story clustering, ECB+ dev: {len(docs)} articles, {len({d.story for d in docs})} gold stories; "
          f"each part clustered alone (tune: odd topics, report: even topics)")
    print(f"{'':<36}{'part':>7}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'ARI':>7}")
    for part, items in ((p, halves[p]) for p in parts):
        gold = {d.name: d.story for d in items}
        (p, r, f), ari = _baseline_scores(items, threshold)
        print(f"{f'TF-IDF single pass (t={threshold:.2f} on tune)':<36}{part:>7}{p:>7.3f}{r:>7.3f}{f:>7.3f}{ari:>7.3f}")
        for label, rule in _ecb_rules():
            started = time.perf_counter()
            ours = _localwire_clusters(items, rule)
            speed = len(items) / (time.perf_counter() - started)
            (p, r, f), ari = b_cubed(gold, ours), adjusted_rand(gold, ours)
            print(f"{label:<36}{part:>7}{p:>7.3f}{r:>7.3f}{f:>7.3f}{ari:>7.3f}   ({speed:.0f} articles/s)")
    print("goal: B-cubed F1 >= 0.92 on the report part")


def _baseline_scores(items, threshold: float):
    gold = {d.name: d.story for d in items}
    labels = plain_single_pass([d.text for d in items], corpus_idf([d.text for d in items]), threshold)
    predicted = {d.name: labels[i] for i, d in enumerate(items)}
    return b_cubed(gold, predicted), adjusted_rand(gold, predicted)


def _ecb_rules():
    from dataclasses import replace

    from localwire.stories.clustering import RULE

    return (("Localwire, TF-IDF view only", replace(RULE, dense_weight=0.0)),
            ("Localwire, dense view only", replace(RULE, dense_weight=1.0, threshold=0.85)),
            ("Localwire (both views)", RULE))


def _localwire_clusters(items, rule) -> dict:
    from localwire.nlp.topics import topic_model
    from localwire.stories.clustering import StoryIndex

    index = StoryIndex(topic_model().idf_table(), rule)
    return {d.name: index.add(d.name, d.title, d.text) for d in items}


def clustering_at_scale(checkpoints: tuple[int, ...], spread_days: float, probe: int = 1000) -> None:
    """Time per article as stored stories grow, on made-up articles (``synthetic_news``). Stories are
    spread evenly over ``spread_days`` (0: all at one instant, so none leaves the 14-day window).
    Each probe: ``probe`` articles, seven in ten covering one of the stories started in the last day
    (the last 500 when all share one instant), the rest new; timed whole, embedding included. Filling
    between probes is not timed. "joined right": share of the first that joined their story; "new
    right": share of the rest that started one."""
    import random
    from datetime import datetime, timedelta, timezone

    from synthetic_news import article, story_words, vocabulary

    from localwire.nlp.topics import topic_model
    from localwire.nlp import embedding
    from localwire.stories.clustering import StoryIndex

    idf = topic_model().idf_table()
    vocab, rng = vocabulary(idf), random.Random(2026)
    index, events, n = StoryIndex(idf), [], 0
    start, step = datetime(2026, 1, 1, tzinfo=timezone.utc), timedelta(days=spread_days) / checkpoints[-1]
    label = f"spread over {spread_days:g} days" if spread_days else "all inside one window"
    print(f"Clustering at scale, made-up articles of 250 words, stories {label}")
    print(f"{'stories':>9}{'ms/article':>12}{'articles/s':>12}{'joined right':>14}{'new right':>11}")
    started: set = set()  # stories started so far: the index itself drops those quiet for two windows
    for checkpoint in checkpoints:
        while len(started) < checkpoint:
            batch = [(story_words(vocab, rng), start + step * (n + i)) for i in range(min(500, checkpoint - len(started)))]
            texts = [article(vocab, words, rng) for words, _ in batch]
            for (words, when), (title, text), dense in zip(batch, texts, embedding.embed_many(texts)):
                events.append((words, index.add(f"a{n}", title, text, when, dense=dense), when))
                started.add(events[-1][1])
                n += 1
        now = start + step * n
        recent = [e for e in events[-5000:] if e[2] >= now - timedelta(days=1)][-500:] if spread_days else events[-500:]
        plan = []
        for i in range(probe):
            if rng.random() < 0.7:
                words, story, _ = rng.choice(recent)
                plan.append((words, story))
            else:
                plan.append((story_words(vocab, rng), None))
        items = [(f"p{checkpoint}-{i}", *article(vocab, words, rng)) for i, (words, _) in enumerate(plan)]
        began = time.perf_counter()
        found = [index.add(key, title, text, now) for key, title, text in items]
        seconds = time.perf_counter() - began
        joined = [index.find(f) == index.find(s) or f == s for f, (_, s) in zip(found, plan) if s is not None]
        new = [f == key for f, (key, _, _), (_, s) in zip(found, items, plan) if s is None]
        print(f"{checkpoint:>9,}{1000 * seconds / probe:>12.2f}{probe / seconds:>12.0f}"
              f"{sum(joined) / len(joined):>14.3f}{sum(new) / len(new):>11.3f}")
    import resource

    print(f"peak memory of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("goal: >= 200 articles/s at 100,000 stories, time per article growing sub-linearly")


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


PARTS = ("clustering", "syndication", "scale")


def syndication_figures() -> None:
    precision, recall, n, copies, speed = syndication_on_demo()
    print(f"Syndication, demo corpus ({n} articles, {copies} syndicated copies): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}; {speed:.0f} articles/s")
    precision, recall, n = syndication_perturbed()
    print(f"Syndication, demo originals with cut, annotated and lightly edited copies ({n} texts): "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}")
    print("goals: precision >= 0.99, recall >= 0.95")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--scale", type=int, default=100_000, help="largest story count for the scaling run (0: skip)")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    parser.add_argument("--part", choices=("tune", "report", "all"), action="append",
                        help="clustering: print only this part of ECB+ dev (repeatable)")
    args = parser.parse_args()
    for part in args.only or PARTS:
        if part == "clustering":
            folder = args.data / "clustering" / "ecbplus-dev"
            if folder.is_dir():
                clustering_on_ecb(folder, tuple(args.part or ("tune", "report", "all")))
            else:
                print(f"no ECB+ data at {folder}; clustering not measured", file=sys.stderr)
        elif part == "syndication":
            syndication_figures()
        elif args.scale:
            steps = tuple(c for c in (1_000, 10_000, 100_000) if c < args.scale) + (args.scale,)
            for spread in (365, 0):
                clustering_at_scale(steps, spread)
    return 0


if __name__ == "__main__":
    sys.exit(main())
