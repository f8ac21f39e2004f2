"""Search speed: the demo corpus replicated into a fresh database, indexed, then queried.

    python benchmarks/search.py [--replicate 300] [--database-url postgres://…/scratch]

Prints how fast articles are indexed, then the median time of a few kinds of query (a word many
articles hold, another, a phrase, a word with a publisher filter, a word nothing holds), with how
many each matched; then the results page's whole search (``find``: the search, the typo
correction and, for a query that finds nothing, the corrected search, then articles and snippets)
for words spelled right and wrong, again with ``--vocabulary N`` made-up words added to the
vocabulary, as a site with far more articles would have. Runs on a throw-away SQLite database
unless given an empty scratch database. SEARCH_BENCH_EXPLAIN="some words" also prints the
database's plans for that query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

QUERIES = ["police", "tornado", '"city council"', "police@publisher", "zebra"]
SPELLING = ["police", "tornado", "polise", "tornadoe", "kazakstan", "zebra", "qxzvw"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicate", type=int, default=300, help="copies of each demo article (300 × 63 ≈ 19,000)")
    parser.add_argument("--database-url", default="", help="an EMPTY scratch database to use instead of SQLite")
    parser.add_argument("--runs", type=int, default=5, help="runs of each query (the median is printed)")
    parser.add_argument("--vocabulary", type=int, default=200_000, help="made-up words added for the second run")
    args = parser.parse_args()

    os.environ.update(LOCALWIRE_HOME=tempfile.mkdtemp(prefix="localwire-bench-"),
                      DJANGO_SETTINGS_MODULE="localwire.settings", LOG_LEVEL="WARNING")
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url

    from localwire.boot import setup_django

    setup_django()
    from django.db import connection
    from django.utils import timezone

    from localwire.articles.models import Article
    from localwire.demo.corpus import load_corpus
    from localwire.search.backends import search
    from localwire.search.index import reindex_all
    from localwire.search.query import SearchQuery, parse_terms
    from localwire.sources.models import Publisher

    if Article.objects.exists():
        print("benchmarks/search.py: the database already has articles; give it an empty one", file=sys.stderr)
        return 2
    corpus = load_corpus()
    publishers = {slug: Publisher.objects.create(slug=slug, name=p.name) for slug, p in corpus.publishers.items()}
    now, rows = timezone.now(), []
    for n in range(args.replicate):
        for i, a in enumerate(corpus.articles):
            url = f"https://bench.example.org/{n}/{i}"
            rows.append(Article(canonical_url=url, url=url, publisher=publishers[a.publisher], title=a.title,
                                summary=a.dek, text=a.text, published_at=now - timedelta(hours=n * 7 + i % 7),
                                content_hash=f"{n}-{i}", extractor_version="bench"))
    Article.objects.bulk_create(rows, batch_size=1000)

    started = time.monotonic()
    indexed = reindex_all()
    seconds = time.monotonic() - started
    print(f"{connection.vendor}: {indexed} articles indexed in {seconds:.1f}s ({indexed / seconds:.0f} articles/s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a running site has them
    if os.environ.get("SEARCH_BENCH_EXPLAIN"):
        _explain(SearchQuery(parse_terms(os.environ["SEARCH_BENCH_EXPLAIN"])))

    some_publisher = next(iter(publishers))
    for text in QUERIES:
        word, _, filtered = text.partition("@")
        query = SearchQuery(parse_terms(word), publisher=some_publisher if filtered else "")
        times = []
        for _ in range(args.runs):
            t = time.monotonic()
            page = search(query)
            times.append(time.monotonic() - t)
        print(f"  {text:<20} {page.total:>6} matches  {statistics.median(times) * 1000:7.1f} ms (median of {args.runs})")
    from localwire.search.models import SearchTerm

    print(f"results page's search, vocabulary of {SearchTerm.objects.count():,} words:")
    _time_find(args.runs)
    _pad_vocabulary(args.vocabulary)
    print(f"again with {SearchTerm.objects.count():,} words:")
    _time_find(args.runs)
    return 0


def _time_find(runs: int) -> None:
    from localwire.search.query import SearchQuery, parse_terms
    from localwire.search.results import find

    for text in SPELLING:
        times = []
        for _ in range(runs):
            t = time.monotonic()
            results = find(SearchQuery(parse_terms(text)), typed=text)
            times.append(time.monotonic() - t)
        fixed = f"→ {results.did_you_mean}{' (results for it)' if results.corrected else ''}" if results.did_you_mean else ""
        print(f"  {text:<20} {results.total:>6} matches  {statistics.median(times) * 1000:7.1f} ms  {fixed}")


def _pad_vocabulary(count: int) -> None:
    """Made-up words of real lengths and few articles each, so candidates are looked up in a
    vocabulary the size of a large site's, not the demo's few thousand words."""
    from localwire.search.models import SearchTerm
    from localwire.search.vocabulary import bucket

    rng, letters = random.Random(7), "etaoinshrdlcumwfgypbvkjxqz"
    weights = [12, 9, 8, 8, 7, 7, 6, 6, 6, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    words = {"".join(rng.choices(letters, weights, k=rng.randint(3, 14))) for _ in range(count)}
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, spelling=w, documents=rng.randint(1, 20), bucket=bucket(w[0], len(w))) for w in words],
        batch_size=2000, ignore_conflicts=True)


def _explain(query) -> None:
    """The plans of the search's statements, to see where the time goes."""
    from django.db import connection

    from localwire.search.backends import search

    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        search(query)
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        for sql, params in captured:
            cursor.execute(prefix + sql, params)
            print("\n".join(str(row[-1]) for row in cursor.fetchall()), "\n")


if __name__ == "__main__":
    sys.exit(main())
