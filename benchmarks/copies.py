"""How often the copy rule finds and holds a post made partly of a stored article.

    python benchmarks/copies.py [--trials 200] [--data ../shared/data] [--database-url URL]

Two tables. Made-up text (words drawn from 5,000 random ones): for each article length, post
length and share of the post copied (in paragraphs of about 60 words, between paragraphs of one's
own), the share of ``trials`` copies that syndication's LSH bands put forward, that the bands or the
post's passages (``contributors.passages``) put forward, and that are held naming the article.
Real text (the WCXB dev set's ``main_content``, read by path from ``--data``): half the articles
are stored, the other half is the contributors' own writing; posts of about 300 words copy whole
paragraphs of a stored article and are padded with paragraphs of an unstored one; posts of only
unstored writing count the false holds. Runs on a fresh SQLite file under a temporary
LOCALWIRE_HOME unless --database-url names a scratch database (PostgreSQL).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scratch import scratch_django  # noqa: E402  (benchmarks/, the script's own folder)

ROWS = [(400, 400), (400, 200), (800, 400), (1200, 300)]  # (article words, post words), as in the docs
SHARES = (0.5, 0.6, 0.8)
PARAGRAPH = 60  # words in a made-up paragraph
POST_WORDS = 300  # a real-text post, about


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scratch_django(args.database_url)
    random_table(args.trials)
    real_table(Path(args.data) / "extraction" / "wcxb-dev" / "ground-truth")
    return 0


def store(texts: list[str]) -> list:
    """Articles stored as the pipeline stores them: syndicated (bands) and indexed for search."""
    from localwire.search.index import index_articles
    from localwire.stories.syndicated import syndicate
    from localwire.testing.factories import ArticleFactory, PublisherFactory

    publisher = PublisherFactory(name="Benchmark Courier")
    articles = [ArticleFactory(publisher=publisher, text=text, summary="") for text in texts]
    for article in articles:
        syndicate(article)
    index_articles([a.pk for a in articles])
    return articles


def judge(body: str, article_id: int) -> tuple[bool, bool, bool]:
    """(put forward by the bands, by the bands or the passages, held naming the article)."""
    from localwire.articles.markdown import read_markdown
    from localwire.contributors.holds import copied_text
    from localwire.contributors.passages import passage_candidates
    from localwire.stories.syndicated import band_candidates
    from localwire.stories.syndication import band_keys, shingles, signature

    text = read_markdown(body).text
    bands = article_id in band_candidates(band_keys(signature(shingles(text))))
    either = bands or article_id in passage_candidates(text)
    hit = copied_text(body)
    return bands, either, hit is not None and hit.article_id == article_id


def random_table(trials: int) -> None:
    rng = random.Random(2026)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(5000)]

    def words(n: int) -> list[str]:
        return rng.choices(vocabulary, k=n)

    stored = {n: store([" ".join(words(n)) for _ in range(trials)]) for n in sorted({a for a, _ in ROWS})}
    print(f"Made-up text, {trials} trials each: put forward by the bands / by bands or passages / held")
    print(f"{'article':>8}{'post':>6}  " + "  ".join(f"{int(s * 100)} % copied".rjust(20) for s in SHARES))
    for article_words, post_words in ROWS:
        cells = []
        for share in SHARES:
            counts = [0, 0, 0]
            for article in stored[article_words]:
                body = made_up_post(rng, article.text.split(), words, post_words, share)
                counts = [c + int(x) for c, x in zip(counts, judge(body, article.pk))]
            cells.append(" / ".join(f"{100 * c // trials:>3} %" for c in counts))
        print(f"{article_words:>8}{post_words:>6}  " + "  ".join(cell.rjust(20) for cell in cells))


def made_up_post(rng, article: list[str], words, post_words: int, share: float) -> str:
    """Copied paragraphs (from random places in the article, in order, none overlapping another)
    between paragraphs of fresh words."""
    copied = round(post_words * share)
    pieces = max(1, round(copied / PARAGRAPH))
    sizes = _split(copied, pieces)
    slots = sorted(rng.sample(range(len(article) // sizes[0]), pieces))  # places that never overlap
    paragraphs = [" ".join(article[slot * sizes[0]:slot * sizes[0] + size]) for slot, size in zip(slots, sizes)]
    own = [" ".join(words(size)) for size in _split(post_words - copied, pieces + 1)]
    mixed = [p for pair in zip(own, paragraphs + [""]) for p in pair if p]
    return "\n\n".join(mixed)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def real_table(folder: Path) -> None:
    if not folder.is_dir():
        print(f"\nReal text: skipped, no {folder}")
        return
    texts = [t for t in map(_main_content, sorted(folder.glob("*.json"))) if len(t.split()) >= 400]
    half = len(texts) // 2
    articles, unstored = store(texts[:half]), texts[half:]
    rng = random.Random(13)
    print(f"\nReal text (WCXB dev, {half} stored articles of 400 words or more, {len(unstored)} unstored), "
          f"posts of about {POST_WORDS} words: put forward by the bands / by bands or passages / held")
    for share in SHARES:
        counts, long = [0, 0, 0], [0, 0, 0]
        for article in articles:
            body = real_post(rng, article.text, rng.choice(unstored), share)
            found = judge(body, article.pk)
            counts = [c + int(x) for c, x in zip(counts, found)]
            if len(article.text.split()) >= 1000:
                long = [c + int(x) for c, x in zip(long, found)]
        total_long = sum(len(a.text.split()) >= 1000 for a in articles)
        print(f"  {int(share * 100)} % of the post copied: all {_cells(counts, half)};"
              f" articles of 1,000 words or more ({total_long}) {_cells(long, total_long)}")
    false = sum(_held(text) for text in unstored) + sum(_held(real_post(rng, "", t, 0)) for t in unstored)
    print(f"  Original writing (each unstored article whole, and its first {POST_WORDS} words): "
          f"{false} of {2 * len(unstored)} held")


def real_post(rng, article: str, other: str, share: float) -> str:
    """Whole paragraphs of ``article`` (in order) up to ``share`` of the post, the rest from ``other``."""
    copied = _paragraphs_up_to(rng.sample(_paragraphs(article), len(_paragraphs(article))), POST_WORDS * share)
    order = {p: i for i, p in enumerate(_paragraphs(article))}
    own = _paragraphs_up_to(_paragraphs(other), POST_WORDS - sum(len(p.split()) for p in copied))
    copied.sort(key=order.get)
    return "\n\n".join(p for pair in zip(own + [""] * len(copied), copied + [""] * len(own)) for p in pair if p)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.split()) >= 8]


def _paragraphs_up_to(paragraphs: list[str], words: float) -> list[str]:
    kept, count = [], 0
    for paragraph in paragraphs:
        if count >= words:
            break
        kept.append(paragraph)
        count += len(paragraph.split())
    return kept


def _held(body: str) -> bool:
    from localwire.contributors.holds import copied_text

    return copied_text(body) is not None


def _cells(counts: list[int], total: int) -> str:
    return " / ".join(f"{100 * c // max(total, 1)} %" for c in counts)


def _main_content(path: Path) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return (json.load(handle).get("ground_truth") or {}).get("main_content") or ""


if __name__ == "__main__":
    raise SystemExit(main())
