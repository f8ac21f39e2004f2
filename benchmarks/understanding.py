"""Understanding, measured: entity P/R/F1 per type on CoNLL-2003 dev, raw spaCy model vs Localwire's layer.

    python benchmarks/understanding.py [--data DIR] [--limit N]

CoNLL-2003 is research-only data: it is read here for evaluation and never used to build anything.
Entity-level, exact-span scoring over CoNLL tokens (seqeval style), micro-averaged per type.
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
from localwire.nlp.entities import find_entities_batch, raw_entities_batch  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data"
TYPES = ("PER", "LOC", "ORG")


def read_conll(path: Path, limit: int | None):
    """Sentences as (text, token spans, gold entities as (first, last, type))."""
    sentences, tokens, tags = [], [], []

    def flush():
        if tokens:
            text, spans, pos = "", [], 0
            for token in tokens:
                spans.append((pos, pos + len(token)))
                text += token + " "
                pos += len(token) + 1
            sentences.append((text.rstrip(), spans, _gold(tags)))
        tokens.clear()
        tags.clear()

    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            flush()
            continue
        parts = line.split()
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return sentences[:limit]


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
    for (_, spans, gold), pred in zip(sentences, predicted):
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    conll = args.data / "ner" / "dev.txt"
    if not conll.exists():
        print(f"no CoNLL dev set at {conll}", file=sys.stderr)
        return 2
    sentences = read_conll(conll, args.limit)
    texts = [s[0] for s in sentences]
    raw_entities_batch(texts[:50])  # load the model before timing
    started = time.perf_counter()
    raw = raw_entities_batch(texts)
    raw_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = find_entities_batch(texts)
    our_seconds = time.perf_counter() - started
    print(f"CoNLL-2003 dev: {len(sentences)} sentences")
    print(f"{'type':<6}{'raw spaCy P/R/F1':>24}{'Localwire P/R/F1':>24}")
    raw_score, our_score = score(sentences, raw), score(sentences, ours)
    for kind in TYPES:
        r, o = raw_score[kind], our_score[kind]
        print(f"{kind:<6}{r[0]:>8.3f}{r[1]:>8.3f}{r[2]:>8.3f}{o[0]:>8.3f}{o[1]:>8.3f}{o[2]:>8.3f}")
    print(f"sentences per second: raw {len(texts) / raw_seconds:.0f}, Localwire {len(texts) / our_seconds:.0f}")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("goals: PER F1 >= 0.90, LOC >= 0.88, ORG >= 0.70")
    return 0


if __name__ == "__main__":
    sys.exit(main())
