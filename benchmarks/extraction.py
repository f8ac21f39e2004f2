"""Localwire's extractor against plain trafilatura, side by side, on the WCXB dev pages.

    python benchmarks/extraction.py [--data DIR] [--limit N]

Scores per page, then averages (macro) and pools (micro): bag-of-words token
precision/recall/F1 against ``main_content``; share of ``with`` snippets kept
and ``without`` snippets dropped; title/author/date agreement; pages per second
(extraction calls only, each extractor timed over the same pages, order alternated).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from localwire.articles.extract import extract  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "extraction" / "wcxb-dev"
TOKEN = re.compile(r"\w+", re.U)


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall((text or "").lower()))


def norm(text: str) -> str:
    return " ".join(TOKEN.findall((text or "").lower()))


def load(data: Path, limit: int | None):
    pages = []
    for truth_path in sorted((data / "ground-truth").glob("*.json"))[:limit]:
        truth = json.loads(truth_path.read_text())
        html_path = data / "html" / f"{truth_path.stem}.html.gz"
        if html_path.exists():
            pages.append((gzip.decompress(html_path.read_bytes()), truth))
    return pages


def run_localwire(html: bytes, url: str) -> dict:
    doc = extract(html, url)
    date = doc.published_at.date().isoformat() if doc.published_at else ""
    return {"text": doc.text, "title": doc.title, "author": "; ".join(doc.authors), "date": date}


def run_trafilatura(html: bytes, url: str) -> dict:
    text = trafilatura.extract(html, url=url) or ""
    return {"text": text, "title": "", "author": "", "date": ""}


def run_trafilatura_meta(html: bytes, url: str) -> dict:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"title": "", "author": "", "date": ""}
    return {"title": doc.title or "", "author": doc.author or "", "date": doc.date or ""}


def agrees(key: str, expected: str, got: str) -> bool:
    """One contains the other; authors compare as sets of name words, so "A and B" equals "A; B"."""
    if not got:
        return False
    if key == "author":
        want, have = set(expected.split()) - {"and", "by"}, set(got.split()) - {"and", "by"}
        return bool(want and have) and (want <= have or have <= want)
    return expected in got or got in expected


def score(pages, outputs) -> dict:
    totals = Counter()
    macro = {"p": 0.0, "r": 0.0, "f": 0.0}
    keep = drop = keep_n = drop_n = 0
    meta = Counter()
    for (_, truth), out in zip(pages, outputs):
        gt = truth["ground_truth"]
        want, got = tokens(gt.get("main_content", "")), tokens(out["text"])
        overlap = sum((want & got).values())
        p = overlap / max(sum(got.values()), 1)
        r = overlap / max(sum(want.values()), 1)
        macro["p"] += p
        macro["r"] += r
        macro["f"] += 2 * p * r / (p + r) if p + r else 0.0
        totals.update(overlap=overlap, got=sum(got.values()), want=sum(want.values()))
        text = norm(out["text"])
        for snippet in gt.get("with") or []:
            keep_n += 1
            keep += norm(snippet) in text
        for snippet in gt.get("without") or []:
            drop_n += 1
            drop += norm(snippet) not in text
        for key, field in (("title", "title"), ("author", "author"), ("date", "publish_date")):
            expected = norm(str(gt.get(field) or ""))
            if expected and out.get(key) is not None:
                meta[key + "_n"] += 1
                meta[key] += agrees(key, expected, norm(out[key]))
    n = max(len(pages), 1)
    mp, mr = totals["overlap"] / max(totals["got"], 1), totals["overlap"] / max(totals["want"], 1)
    return {
        "precision (macro)": macro["p"] / n, "recall (macro)": macro["r"] / n, "F1 (macro)": macro["f"] / n,
        "F1 (micro)": 2 * mp * mr / (mp + mr) if mp + mr else 0.0,
        "with kept": keep / max(keep_n, 1), "without dropped": drop / max(drop_n, 1),
        "title": meta["title"] / max(meta["title_n"], 1), "author": meta["author"] / max(meta["author_n"], 1),
        "date": meta["date"] / max(meta["date_n"], 1),
    }


def timed(fn, pages) -> tuple[list[dict], float]:
    started = time.perf_counter()
    outputs = [fn(html, truth.get("url", "")) for html, truth in pages]
    return outputs, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not (args.data / "ground-truth").is_dir():
        print(f"no WCXB data at {args.data}", file=sys.stderr)
        return 2
    pages = load(args.data, args.limit)
    timed(run_trafilatura, pages[:20])  # warm both up: imports, caches
    timed(run_localwire, pages[:20])
    # Alternate the order in two rounds so neither extractor is favoured by caches or CPU state.
    lw1, t_lw1 = timed(run_localwire, pages)
    tr1, t_tr1 = timed(run_trafilatura, pages)
    tr2, t_tr2 = timed(run_trafilatura, pages)
    lw2, t_lw2 = timed(run_localwire, pages)
    lw_speed, tr_speed = 2 * len(pages) / (t_lw1 + t_lw2), 2 * len(pages) / (t_tr1 + t_tr2)
    lw_score, tr_score = score(pages, lw1), score(pages, tr1)
    meta = score(pages, [dict(m, text=t["text"]) for m, t in zip((run_trafilatura_meta(h, tr.get("url", ""))
                                                                  for h, tr in pages), tr1)])
    for key in ("title", "author", "date"):
        tr_score[key] = meta[key]
    print(f"WCXB dev: {len(pages)} pages from {args.data}")
    print(f"{'metric':<22}{'Localwire':>12}{'trafilatura':>14}")
    for key in lw_score:
        print(f"{key:<22}{lw_score[key]:>12.3f}{tr_score[key]:>14.3f}")
    print(f"{'pages per second':<22}{lw_speed:>12.1f}{tr_speed:>14.1f}")
    print(f"speed ratio            {lw_speed / tr_speed:.2f}  (goal: >= 0.80)")
    print("trafilatura's title/author/date come from bare_extraction(with_metadata=True), run untimed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
