"""Story assignment over the tables (what every worker runs), as stored stories grow.

    python benchmarks/stories_db.py [--stories 1000,10000,100000] [--probe 300] [--database-url URL]

Fills the database with made-up stories (``synthetic_news``; rows written in bulk, not timed),
spread over a year so that, as in a real deployment, only the last 14 days are live; then times
``assign_story`` for ``probe`` new articles, seven in ten covering a story of the last day, the rest
new. Runs on a fresh SQLite file under a temporary LOCALWIRE_HOME unless --database-url names a
scratch database (PostgreSQL): the schema is migrated into it and the rows are left behind.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from scratch import scratch_django  # noqa: E402
SPREAD = timedelta(days=365)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", default="1000,10000,100000")
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scratch_django(args.database_url)
    from django.db import connection
    from django.utils import timezone

    from localwire.nlp.topics import topic_model
    from localwire.sources.models import Publisher
    from synthetic_news import vocabulary

    idf = topic_model().idf_table()
    vocab, rng = vocabulary(idf), random.Random(2026)
    publisher = Publisher.objects.create(name="Benchmark Courier", website="https://courier.example")
    now, events = timezone.now(), []
    print(f"Story assignment over the tables ({connection.vendor}), made-up 250-word articles, "
          f"stories spread over {SPREAD.days} days")
    print(f"{'stories':>9}{'ms/article':>12}{'articles/s':>12}{'joined right':>14}{'new right':>11}")
    targets = [int(n) for n in args.stories.split(",")]
    for target in targets:
        fill(events, target, targets[-1], now, vocab, idf, rng)
        probe(events, publisher, events[-1][2], args.probe, vocab, rng)
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


def fill(events: list, target: int, largest: int, now, vocab, idf, rng) -> None:
    """Stories written straight to the tables, as ``_start`` would leave them, oldest first: the year
    ends at ``now`` when the largest count is reached; a probe's "now" is the newest story's time."""
    from django.db import connection

    from localwire.nlp import embedding
    from localwire.stories.anchors import read_anchors
    from localwire.stories.clustering import RULE, add_vectors, heaviest, vectorise
    from localwire.stories.models import Story, StoryTerm
    from synthetic_news import article, story_words

    step = SPREAD / largest
    while len(events) < target:
        count = min(2000, target - len(events))
        first = len(events)
        words = [story_words(vocab, rng) for _ in range(count)]
        texts = [article(vocab, w, rng) for w in words]
        dense = embedding.embed_many(texts)
        stories = []
        for i, (title, text) in enumerate(texts):
            when = now - SPREAD + step * (first + i)
            unit = vectorise(title, text, idf, RULE.default_idf, RULE.name_weight)
            stories.append(Story(headline=title[:500], headline_score=1.0, first_seen=when, last_seen=when,
                                 created_at=when, article_count=1, outlet_count=1,
                                 vector=add_vectors({}, unit), dense=embedding.to_bytes(dense[i]),
                                 anchors=read_anchors(title, text, when).as_counts()))
        stories = Story.objects.bulk_create(stories)
        StoryTerm.objects.bulk_create([StoryTerm(story=s, term=t[:100], last_seen=s.last_seen) for s in stories for t in heaviest(s.vector)],
                                      batch_size=5000)
        events.extend((w, s.pk, s.last_seen) for w, s in zip(words, stories))
    with connection.cursor() as cursor:  # planner statistics, as autovacuum would keep them after a bulk load
        cursor.execute("ANALYZE")


def probe(events: list, publisher, now, count: int, vocab, rng) -> None:
    from localwire.articles.models import Article
    from localwire.stories.assign import assign_story
    from synthetic_news import article, story_words

    recent = [e for e in events[-5000:] if e[2] >= now - timedelta(days=1)][-500:]
    plan = [rng.choice(recent)[:2] if rng.random() < 0.7 else (story_words(vocab, rng), None) for _ in range(count)]
    base = Article.objects.count()
    articles = Article.objects.bulk_create([
        Article(canonical_url=f"https://courier.example/{base + i}", url=f"https://courier.example/{base + i}",
                publisher=publisher, title=title, text=text, published_at=now, content_hash=f"{base + i:064x}",
                extractor_version="benchmark", language="en")
        for i, (title, text) in enumerate(article(vocab, words, rng) for words, _ in plan)])
    articles = list(Article.objects.filter(pk__gte=articles[0].pk if articles[0].pk else 0).order_by("pk")[:count])
    began = time.perf_counter()
    found = [assign_story(a).pk for a in articles]
    seconds = time.perf_counter() - began
    joined = [f == s for f, (_, s) in zip(found, plan) if s is not None]
    new = [f not in {e[1] for e in events} for f, (_, s) in zip(found, plan) if s is None]
    print(f"{len(events):>9,}{1000 * seconds / count:>12.2f}{count / seconds:>12.0f}"
          f"{sum(joined) / max(len(joined), 1):>14.3f}{sum(new) / max(len(new), 1):>11.3f}")


if __name__ == "__main__":
    sys.exit(main())
