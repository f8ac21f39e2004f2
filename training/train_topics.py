"""Train Localwire's IPTC topic model and write ``localwire/nlp/models/topics.npz``.

    pip install -e '.[train]'
    python training/train_topics.py --data PATH/News_Category_Dataset_v3.first10000.jsonl [--ecb DIR] [--wcxb DIR]

The data (``topic_sources.py``): HuffPost headlines (the trainer's 80 %), Localwire's and IPTC's
topic definitions, Localwire's own invented news leads, and full articles from other outlets —
ECB+ odd topics and WCXB's tune half, found beside the HuffPost file unless ``--ecb``/``--wcxb`` say
where. Training scripts live outside the package: Localwire runs without any of these data sets.
Two models, averaged:

- lexical: TF-IDF over words and word pairs (English stop words out: in long articles they
  outweighed the few topic words a headline-trained model knows), one logistic regression per topic;
- dense: one logistic regression per topic over the article's mean static embedding (the table
  story clustering ships, ``nlp/embedding.py``), which knows that "quarterback" and "coach" are
  sport although no training headline said so.

The artefact holds the vocabulary, idf weights and both models' coefficients, so running it needs
numpy and the embedding table alone. It also carries, unchanged, the word rarity table of format 1
(``rarity``: HuffPost's idf), which tags and story clustering were tuned on.

Format versions: 1 — first model. 2 — stop words out, more sources, the dense model blended in,
the rarity table kept apart from the classifier's idf.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from topic_sources import (
    ROOT, ecb_tune, huffpost, iptc_definitions, keyword_definitions, load_taxonomy, seeds, wcxb,
)

FORMAT_VERSION = 2
OUTPUT = ROOT / "localwire" / "nlp" / "models" / "topics.npz"
DENSE_SHARE = 0.4  # the dense model's weight in the average (tuned on ECB+ odd topics and WCXB's tune half)
LEXICAL_C, DENSE_C = 4.0, 1.0
TOKENS = r"(?u)\b\w\w+\b"


def training_set(data: Path, ecb: Path, wcxb_pages: Path, topics: list[dict]):
    train, held_out = huffpost(data, topics)
    train += keyword_definitions(topics) + iptc_definitions() + seeds()
    train += ecb_tune(ecb) + wcxb(wcxb_pages)
    return train, held_out


def rarity_table(huffpost_train, topics):
    """Format 1's idf over HuffPost and the keyword definitions, rebuilt the same way so it stays put."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [e.document for e in huffpost_train + keyword_definitions(topics)]
    vectorizer = TfidfVectorizer(token_pattern=TOKENS, ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                                 max_features=40_000).fit(texts)
    return dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_.astype(np.float32)))


def one_per_topic(X, train, codes, C):
    """One balanced logistic regression per topic: (coefficients, intercepts)."""
    from sklearn.linear_model import LogisticRegression

    coef, intercept = [], []
    weights = np.array([e.weight for e in train])
    for code in codes:
        y = np.array([code in e.labels for e in train])
        model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y, sample_weight=weights)
        coef.append(model.coef_[0])
        intercept.append(model.intercept_[0])
    return np.array(coef), np.array(intercept)


def embed(examples) -> np.ndarray:
    from localwire.nlp import embedding

    return embedding.embed_many([(e.title, e.text) for e in examples])


def main() -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="HuffPost News Category JSON Lines file")
    parser.add_argument("--ecb", type=Path, help="ECB+ folder (default: clustering/ecbplus-dev beside the data)")
    parser.add_argument("--wcxb", type=Path, help="WCXB folder (default: extraction/wcxb-dev beside the data)")
    args = parser.parse_args()
    sets = args.data.resolve().parents[1]  # the data sets' folder, as the benchmarks lay it out
    topics = load_taxonomy()["topics"]
    codes = [t["code"] for t in topics]
    train, held_out = training_set(args.data, args.ecb or sets / "clustering" / "ecbplus-dev",
                                   args.wcxb or sets / "extraction" / "wcxb-dev", topics)
    rarity = rarity_table([e for e in train if e.source.startswith("huffpost")], topics)

    vectorizer = TfidfVectorizer(token_pattern=TOKENS, ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                                 max_features=40_000, stop_words="english")
    coef, intercept = one_per_topic(vectorizer.fit_transform([e.document for e in train]), train, codes, LEXICAL_C)
    dense_coef, dense_intercept = one_per_topic(embed(train), train, codes, DENSE_C)

    vocabulary = sorted(set(vectorizer.get_feature_names_out()) | set(rarity))
    column = {term: i for i, term in enumerate(vectorizer.get_feature_names_out())}
    idf = np.array([vectorizer.idf_[column[t]] if t in column else 0.0 for t in vocabulary], dtype=np.float32)
    wide_coef = np.zeros((len(codes), len(vocabulary)), dtype=np.float32)
    taken = [i for i, t in enumerate(vocabulary) if t in column]
    wide_coef[:, taken] = coef[:, [column[vocabulary[i]] for i in taken]]
    np.savez_compressed(
        OUTPUT, format_version=np.array(FORMAT_VERSION), codes=np.array(codes, dtype=str),
        vocabulary=np.array(vocabulary, dtype=str),  # fixed-width strings: loadable without pickle
        idf=idf, stop_words=np.array(sorted(vectorizer.get_stop_words()), dtype=str), coef=wide_coef.astype(np.float16), intercept=intercept.astype(np.float32),
        rarity=np.array([rarity.get(t, np.nan) for t in vocabulary], dtype=np.float32),
        dense_coef=dense_coef.astype(np.float32), dense_intercept=dense_intercept.astype(np.float32),
        dense_share=np.array(DENSE_SHARE, dtype=np.float32),
    )
    print(f"trained on {len(train)} texts; wrote {OUTPUT} ({OUTPUT.stat().st_size / 1024:.0f} KiB, "
          f"{len(column)} features)")
    report_held_out(held_out)
    return 0


def report_held_out(held_out) -> None:
    from localwire.nlp.topics import TopicModel

    model = TopicModel(OUTPUT)
    gold = [next(iter(e.labels)) for e in held_out]
    predicted = [model.classify(e.title, e.text)[0].code for e in held_out]
    accuracy = sum(p == g for p, g in zip(predicted, gold)) / len(gold)
    print(f"held-out HuffPost ({len(gold)} items): top-1 accuracy {accuracy:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
