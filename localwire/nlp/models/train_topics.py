"""Train Localwire's IPTC topic model and write ``topics.npz`` beside this script.

    python -m localwire.nlp.models.train_topics --data PATH/News_Category_Dataset_v3.first10000.jsonl

Data: HuffPost headlines and descriptions (CC BY 4.0) with their categories mapped
to IPTC top-level Media Topics; items whose category names no topic (U.S. and
world news) get weak labels from Localwire's topic definitions
(``../data/iptc_media_topics.json``), which also supply the topics HuffPost has no
category for (disasters, conflict, labour, weather) as short synthetic texts. A
category, where there is one, is trusted over the definitions: adding weak labels
to categorised items cost 8 points of held-out accuracy. Model:
TF-IDF over words and word pairs, one logistic regression per topic. The
artefact holds only the vocabulary, idf weights and coefficients (float16), so
running it needs numpy alone. Needs scikit-learn: ``pip install 'localwire[train]'``.

Format versions: 1 — first model.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

FORMAT_VERSION = 1
HERE = Path(__file__).resolve().parent
TAXONOMY = HERE.parent / "data" / "iptc_media_topics.json"
OUTPUT = HERE / "topics.npz"
HOLDOUT_SHARE = 0.2
SEED = 2026

# HuffPost category → IPTC top-level code (None: geography only, labelled by the definitions alone).
HUFFPOST_TO_IPTC = {
    "POLITICS": "medtop:11000000", "ENTERTAINMENT": "medtop:01000000", "COMEDY": "medtop:01000000",
    "MEDIA": "medtop:01000000", "CULTURE & ARTS": "medtop:01000000", "SPORTS": "medtop:15000000",
    "CRIME": "medtop:02000000", "STYLE & BEAUTY": "medtop:10000000", "HOME & LIVING": "medtop:10000000",
    "FOOD & DRINK": "medtop:10000000", "TRAVEL": "medtop:10000000", "WEDDINGS": "medtop:10000000",
    "WEIRD NEWS": "medtop:08000000", "ENVIRONMENT": "medtop:06000000", "WELLNESS": "medtop:07000000",
    "BLACK VOICES": "medtop:14000000", "LATINO VOICES": "medtop:14000000", "QUEER VOICES": "medtop:14000000",
    "WOMEN": "medtop:14000000", "PARENTING": "medtop:14000000", "IMPACT": "medtop:14000000",
    "BUSINESS": "medtop:04000000", "MONEY": "medtop:04000000", "TECH": "medtop:13000000",
    "SCIENCE": "medtop:13000000", "RELIGION": "medtop:12000000", "EDUCATION": "medtop:05000000",
    "U.S. NEWS": None, "WORLD NEWS": None,
}


def load_taxonomy() -> dict:
    return json.loads(TAXONOMY.read_text())


def weak_labels(text: str, topics: list[dict]) -> set[str]:
    """Topics whose definition words appear at least twice (or one multi-word phrase appears)."""
    lowered = f" {text.lower()} "
    labels = set()
    for topic in topics:
        hits = sum(lowered.count(f" {k}") for k in topic["keywords"])
        phrase = any(" " in k and k in lowered for k in topic["keywords"])
        if hits >= 2 or phrase:
            labels.add(topic["code"])
    return labels


def read_examples(path: Path, topics: list[dict]) -> list[tuple[str, set[str], str | None]]:
    examples = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        text = f"{row['headline']}. {row['headline']}. {row.get('short_description', '')}"
        gold = HUFFPOST_TO_IPTC.get(row["category"])
        labels = {gold} if gold else weak_labels(text, topics)
        examples.append((text, labels, gold))
    return examples


def definition_examples(topics: list[dict]) -> list[tuple[str, set[str], None]]:
    """Each definition as short synthetic texts, so every topic has positives."""
    rng = random.Random(SEED)
    out = []
    for topic in topics:
        words = topic["keywords"]
        for _ in range(40):
            out.append((" ".join(rng.sample(words, min(4, len(words)))), {topic["code"]}, None))
    return out


def main() -> int:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="HuffPost News Category JSON Lines file")
    args = parser.parse_args()
    topics = load_taxonomy()["topics"]
    codes = [t["code"] for t in topics]
    examples = read_examples(args.data, topics)
    random.Random(SEED).shuffle(examples)
    cut = int(len(examples) * (1 - HOLDOUT_SHARE))
    train, held_out = examples[:cut] + definition_examples(topics), examples[cut:]

    vectorizer = TfidfVectorizer(lowercase=True, token_pattern=r"(?u)\b\w\w+\b", ngram_range=(1, 2),
                                 sublinear_tf=True, min_df=2, max_features=40_000)
    X = vectorizer.fit_transform([t for t, _, _ in train])
    coef, intercept = [], []
    for code in codes:
        y = np.array([code in labels for _, labels, _ in train])
        model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
        model.fit(X, y)
        coef.append(model.coef_[0])
        intercept.append(model.intercept_[0])
    coef, intercept = np.array(coef), np.array(intercept)

    scored = [(t, g) for t, _, g in held_out if g]
    Xh = vectorizer.transform([t for t, _ in scored])
    predicted = [codes[i] for i in np.asarray((Xh @ coef.T) + intercept).argmax(axis=1)]
    gold = [g for _, g in scored]
    accuracy = sum(p == g for p, g in zip(predicted, gold)) / len(gold)
    print(f"held-out HuffPost ({len(gold)} items): top-1 accuracy {accuracy:.3f}, "
          f"macro-F1 {f1_score(gold, predicted, average='macro'):.3f}")

    vocab = vectorizer.get_feature_names_out()
    np.savez_compressed(
        OUTPUT, format_version=np.array(FORMAT_VERSION), codes=np.array(codes, dtype=str),
        vocabulary=np.array(vocab, dtype=str),  # fixed-width strings: loadable without pickle
        idf=vectorizer.idf_.astype(np.float32), coef=coef.astype(np.float16),
        intercept=intercept.astype(np.float32),
    )
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1024:.0f} KiB, {len(vocab)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
