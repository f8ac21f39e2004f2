"""'In this article' tags on a fixed list of 100 articles, each tag judged by hand.

    python benchmarks/tags.py [--data DIR] [--show]
    python benchmarks/understanding.py --only tags

The list (``tags_judged.json``) names 66 demo-corpus articles, 20 ECB+ news articles (the
first ``ecb`` file of each topic) and 14 WCXB pages that are news; it holds article ids and
tags only, never their text. Each article carries the tags the starting code gave it
(``start``) and a verdict for every tag ever judged on it: ``ok``, or ``junk: <reason>``.

The analyser runs on the list as Localwire runs: a demo article's page is rendered by the
demo server's templates and read by the extractor; shared-data articles are given as their
title and text. Printed per part (``splits.py``: demo articles split by story, so copies of
one story stay on one side; WCXB by page id; ECB+ by topic): tags per article, how many
articles get 4–8 and how many none, the junk rate among judged tags beside the starting
code's, and every tag nobody has judged yet, so a person can judge it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from splits import PARTS, ecb_part, part_of  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data"
JUDGED = ROOT / "benchmarks" / "tags_judged.json"


def part(article_id: str, story: str = "") -> str:
    """Which half an article of the list is on: a demo story's, a WCXB page's or an ECB+ topic's."""
    source, key = article_id.split(":", 1)
    if source == "ecbplus":
        return ecb_part(key.split("_")[0])
    return part_of(story or key)


def demo_inputs(ids: list[str]) -> dict[str, tuple[object, str]]:
    """Demo articles as the pipeline sees them: the page rendered, then extracted."""
    from localwire.articles.extract import extract
    from localwire.demo.corpus import load_corpus
    from localwire.demo.pages import article_page
    from localwire.nlp.analyze import ArticleInput

    corpus = load_corpus()
    agencies = [p.name for p in corpus.publishers.values() if p.kind == "agency"]
    by_key = {f"demo:{a.key}": a for a in corpus.articles}
    out = {}
    for article_id in ids:
        article = by_key[article_id]
        publisher = corpus.publishers[article.publisher]
        agency = corpus.publishers.get(article.copy_of.split("/")[0]) if article.copy_of else None
        url = f"http://demo.invalid/{article.publisher}/{article.slug}"
        page = article_page(publisher, article, url, datetime(2026, 1, 5), [], agency=agency)
        found = extract(page, url, agencies=agencies)
        out[article_id] = (ArticleInput(found.title or article.title, found.text, url=url, publisher=publisher.name,
                                        authors=tuple(found.authors), agency=found.agency), article.story)
    return out


def shared_inputs(ids: list[str], data: Path) -> dict[str, tuple[object, str]]:
    from ecbplus import read_document

    from localwire.nlp.analyze import ArticleInput

    out = {}
    for article_id in ids:
        source, key = article_id.split(":", 1)
        if source == "wcxb":
            truth = json.loads((data / "extraction" / "wcxb-dev" / "ground-truth" / f"{key}.json").read_text())
            page = truth["ground_truth"]
            out[article_id] = (ArticleInput(page.get("title") or "", page.get("main_content") or "",
                                            url=truth.get("url", "")), "")
        else:
            doc = read_document(data / "clustering" / "ecbplus-dev" / key.split("_")[0] / key)
            out[article_id] = (ArticleInput(doc.title, doc.text), "")
    return out


def run(data: Path) -> tuple[list[dict], dict[str, list[str]]]:
    """The judged list, and the tags the analyser gives each of its articles now."""
    from localwire.nlp.analyze import analyze_batch

    judged = json.loads(JUDGED.read_text())["articles"]
    ids = [a["id"] for a in judged]
    inputs = demo_inputs([i for i in ids if i.startswith("demo:")])
    inputs.update(shared_inputs([i for i in ids if not i.startswith("demo:")], data))
    results = analyze_batch([inputs[i][0] for i in ids])
    for article in judged:
        article["part"] = part(article["id"], inputs[article["id"]][1])
    return judged, {i: list(r.keyphrases) for i, r in zip(ids, results)}


def figures(articles: list[dict], tags: dict[str, list[str]]) -> dict:
    """Counts over one part: for the tags given now (``tags``) or the starting code's (``start``)."""
    given = [tags[a["id"]] for a in articles]
    verdicts = [(a["verdicts"].get(t), a["id"], t) for a, ts in zip(articles, given) for t in ts]
    judged = [v for v in verdicts if v[0]]
    junk = [v for v in judged if v[0].startswith("junk")]
    return {"articles": len(articles), "tags": len(verdicts), "per_article": len(verdicts) / max(len(articles), 1),
            "four_to_eight": sum(4 <= len(ts) <= 8 for ts in given), "none": sum(not ts for ts in given),
            "judged": len(judged), "junk": len(junk), "junk_rate": len(junk) / max(len(judged), 1),
            "ok_per_article": (len(judged) - len(junk)) / max(len(articles), 1),
            "unjudged": [(i, t) for v, i, t in verdicts if not v]}


def report(judged: list[dict], now: dict[str, list[str]], show: bool = False, only: str | None = None) -> None:
    """The figures of both parts; ``show`` lists every article's tags and ``only`` limits the lists
    (tags shown, unjudged tags) to one part, so tuning never reads the other part's errors."""
    print(f"\nTags ('In this article') on {len(judged)} articles judged by hand ({JUDGED.name})")
    print(f"{'part':<8}{'code':<10}{'articles':>9}{'tags':>6}{'per art.':>9}{'ok/art.':>8}{'4-8':>5}{'none':>5}"
          f"{'judged':>7}{'junk':>6}{'junk rate':>10}{'unjudged':>9}")
    unjudged = []
    for name in PARTS:
        articles = [a for a in judged if a["part"] == name]
        for code, tags in (("starting", {a["id"]: a["start"] for a in articles}), ("now", now)):
            f = figures(articles, tags)
            print(f"{name:<8}{code:<10}{f['articles']:>9}{f['tags']:>6}{f['per_article']:>9.2f}"
                  f"{f['ok_per_article']:>8.2f}{f['four_to_eight']:>5}{f['none']:>5}{f['judged']:>7}{f['junk']:>6}"
                  f"{f['junk_rate']:>10.3f}{len(f['unjudged']):>9}")
            if code == "now" and only in (None, name):
                unjudged += f["unjudged"]
    if show:
        for article in (a for a in judged if only in (None, a["part"])):
            marks = [f"{t}{'' if article['verdicts'].get(t, 'x').startswith('ok') else ' [' + article['verdicts'].get(t, '?')[:4] + ']'}"
                     for t in now[article["id"]]]
            print(f"  {article['part']:<7}{article['id']}: {', '.join(marks)}")
    if unjudged:
        print(f"unjudged tags ({len(unjudged)}), to judge in {JUDGED.name}:")
        for article_id, tag in unjudged:
            print(f"  {article_id}: {tag}")
    print("goal: no junk; 4-8 tags where the article supports them (fewer rather than junk)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", action="store_true", help="print every article's tags, junk marked")
    parser.add_argument("--part", choices=PARTS, help="list tags and unjudged tags of this part only")
    args = parser.parse_args()
    judged, now = run(args.data)
    report(judged, now, args.show, args.part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
