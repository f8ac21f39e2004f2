"""Localwire's extractor against plain trafilatura (without comments), side by side, in the same run.

    python benchmarks/extraction.py [--data DIR] [--only wcxb,readability,newspaper4k]
                                    [--part tune|report] [--limit N] [--errors N]

Sets (see ``extraction_sets.py``): WCXB dev split into its tune and report halves by page id;
readability-pages and newspaper4k-pairs, report only (their expected output is another tool's).
Per set and half: bag-of-words token precision/recall/F1 against the expected text, averaged per
page (macro) and pooled (micro); share of ``with`` snippets kept and ``without`` snippets dropped
(WCXB only); title/author/date agreement, and author agreement where the expected byline names a
person (by Localwire's own byline normaliser: teams and outlets are not authors by design); pages
per second of CPU time (extraction calls only, each extractor timed over the same pages twice, the
order alternated; CPU time, so the machine's other load does not move the ratio). trafilatura's
title/author/date come from its metadata pass, ``bare_extraction(with_metadata=True)``, untimed.

``--errors N`` lists the N worst pages of the WCXB *tune* half (text and metadata) for tuning;
the report half's individual errors are never printed.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from extraction_sets import LOADERS, Page  # noqa: E402
from splits import PARTS  # noqa: E402

from localwire.articles.extract import extract, normalise_byline  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "extraction"
# Scripts written without spaces (Chinese, Japanese, Thai, Burmese) count one token per character.
_UNSPACED = "\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+", re.U)
METADATA = ("title", "author", "date")


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall((text or "").lower()))


def norm(text: str) -> str:
    return " ".join(TOKEN.findall((text or "").lower()))


def run_localwire(page: Page) -> dict:
    doc = extract(page.html, page.url)
    date = doc.published_at.date().isoformat() if doc.published_at else ""
    return {"text": doc.text, "title": doc.title, "author": "; ".join(doc.authors), "date": date}


def run_trafilatura(page: Page) -> dict:
    return {"text": trafilatura.extract(page.html, url=page.url, include_comments=False) or ""}


def trafilatura_metadata(page: Page) -> dict:
    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, include_comments=False)
    if doc is None:
        return {key: "" for key in METADATA}
    return {"title": doc.title or "", "author": doc.author or "", "date": doc.date or ""}


def agrees(key: str, expected: str, got: str) -> bool:
    """One contains the other; authors compare as sets of name words, so "A and B" equals "A; B"."""
    if not got:
        return False
    if key == "author":
        want, have = set(expected.split()) - {"and", "by"}, set(got.split()) - {"and", "by"}
        return bool(want and have) and (want <= have or have <= want)
    return expected in got or got in expected


def page_scores(page: Page, out: dict) -> dict:
    want, got = tokens(page.text), tokens(out["text"])
    overlap = sum((want & got).values())
    p, r = overlap / max(sum(got.values()), 1), overlap / max(sum(want.values()), 1)
    text = norm(out["text"])
    scores = {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "overlap": overlap,
              "got": sum(got.values()), "want": sum(want.values()),
              "keep": [norm(s) in text for s in page.keep], "drop": [norm(s) not in text for s in page.drop]}
    for key in METADATA:
        expected = norm(getattr(page, key))
        scores[key] = agrees(key, expected, norm(out.get(key, ""))) if expected else None
    # The same, only where the expected byline names a person: teams, desks and outlets
    # ("Podium Staff", "CBC Bank") are left out of Localwire's authors on purpose.
    scores["author (person)"] = scores["author"] if names_a_person(page.author) else None
    return scores


def names_a_person(byline: str) -> bool:
    return bool(byline) and bool(normalise_byline(byline, single_names=True).authors)


def summary(pages: list[Page], outputs: list[dict]) -> dict:
    per_page = [page_scores(page, out) for page, out in zip(pages, outputs)]
    n = max(len(per_page), 1)
    pooled = {k: sum(s[k] for s in per_page) for k in ("overlap", "got", "want")}
    mp, mr = pooled["overlap"] / max(pooled["got"], 1), pooled["overlap"] / max(pooled["want"], 1)
    result = {
        "precision (macro)": sum(s["p"] for s in per_page) / n, "recall (macro)": sum(s["r"] for s in per_page) / n,
        "F1 (macro)": sum(s["f"] for s in per_page) / n,
        "precision (micro)": mp, "recall (micro)": mr, "F1 (micro)": 2 * mp * mr / (mp + mr) if mp + mr else 0.0,
        "with kept": _share([k for s in per_page for k in s["keep"]]),
        "without dropped": _share([d for s in per_page for d in s["drop"]]),
    }
    for key in (*METADATA, "author (person)"):
        result[key] = _share([s[key] for s in per_page if s[key] is not None])
    return result


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def timed(fn, pages: list[Page]) -> tuple[list[dict], float]:
    started = time.process_time()
    outputs = [fn(page) for page in pages]
    return outputs, time.process_time() - started


def compare(pages: list[Page]) -> tuple[dict, dict, float, float, list[dict]]:
    """Both extractors over the same pages, twice, the order alternated so neither is favoured."""
    lw, t_lw1 = timed(run_localwire, pages)
    tr, t_tr1 = timed(run_trafilatura, pages)
    _, t_tr2 = timed(run_trafilatura, pages)
    _, t_lw2 = timed(run_localwire, pages)
    meta = [trafilatura_metadata(page) for page in pages]
    tr_full = [dict(m, text=t["text"]) for m, t in zip(meta, tr)]
    speed_lw, speed_tr = 2 * len(pages) / (t_lw1 + t_lw2), 2 * len(pages) / (t_tr1 + t_tr2)
    return summary(pages, lw), summary(pages, tr_full), speed_lw, speed_tr, lw


def print_table(title: str, lw: dict, tr: dict, speed_lw: float, speed_tr: float) -> None:
    print(f"\n{title}")
    print(f"{'metric':<22}{'Localwire':>12}{'trafilatura':>14}")
    for key in lw:
        print(f"{key:<22}{_fmt(lw[key]):>12}{_fmt(tr[key]):>14}")
    print(f"{'pages per second':<22}{speed_lw:>12.1f}{speed_tr:>14.1f}")
    print(f"{'speed ratio':<22}{speed_lw / speed_tr:>12.2f}  (goal: >= 0.80)")


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_errors(pages: list[Page], outputs: list[dict], count: int) -> None:
    """The tune half's worst pages: tokens missed and tokens added, metadata that disagrees."""
    scored = sorted(zip(pages, outputs), key=lambda pair: page_scores(*pair)["f"])
    print(f"\n--- {count} worst WCXB tune pages (Localwire) ---")
    for page, out in scored[:count]:
        s = page_scores(page, out)
        want, got = tokens(page.text), tokens(out["text"])
        missed = " ".join(t for t, _ in (want - got).most_common(15))
        extra = " ".join(t for t, _ in (got - want).most_common(15))
        print(f"{page.key} F1 {s['f']:.3f} P {s['p']:.3f} R {s['r']:.3f} {page.url}")
        print(f"   missed: {missed}\n   extra:  {extra}")
    print("\n--- WCXB tune metadata that disagrees (expected | Localwire) ---")
    for page, out in zip(pages, outputs):
        s = page_scores(page, out)
        for key in METADATA:
            if s[key] is False:
                print(f"{page.key} {key}: {getattr(page, key)!r} | {out.get(key)!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", default=",".join(LOADERS), help="comma-separated: " + ", ".join(LOADERS))
    parser.add_argument("--part", choices=PARTS, default=None, help="one half only (default: both)")
    parser.add_argument("--limit", type=int, default=None, help="pages read per set")
    parser.add_argument("--errors", type=int, default=0, help="list the N worst WCXB tune pages")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no extraction data at {args.data}", file=sys.stderr)
        return 2
    warmed = False
    for name in args.only.split(","):
        data = LOADERS[name.strip()](args.data, args.limit)
        for part in [args.part] if args.part else PARTS:
            pages = data.part(part)
            if not pages:
                continue
            if not warmed:  # imports and caches, once, outside every timing
                timed(run_trafilatura, pages[:10])
                timed(run_localwire, pages[:10])
                warmed = True
            lw, tr, speed_lw, speed_tr, outputs = compare(pages)
            print_table(f"{data.name}, {part} part: {len(pages)} pages", lw, tr, speed_lw, speed_tr)
            if args.errors and data.split and part == "tune":
                print_errors(pages, outputs, args.errors)
    print("\ntrafilatura: extract(include_comments=False) for text; its title/author/date from "
          "bare_extraction(with_metadata=True), untimed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
