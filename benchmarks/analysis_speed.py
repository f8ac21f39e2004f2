"""Understanding throughput on news-length articles, on one or more processes.

    python benchmarks/analysis_speed.py [--processes 2] [--words 500] [--articles 400]

Articles of about ``--words`` words are built from the demo corpus (the paragraphs of
one story's originals, in order, until the length is reached), so the text reads like
news and every model sees real sentences. Each worker process loads the models itself,
as a Celery worker would, and is timed only after a warm-up batch. Prints articles per
second overall and the peak resident memory of each worker. Goal: 40 articles/s on two
cores with 500-word articles, under 1 GB per process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def news_length_articles(words: int):
    from localwire.demo.corpus import load_corpus
    from localwire.nlp.analyze import ArticleInput

    corpus = load_corpus()
    by_story: dict[str, list] = {}
    for article in corpus.articles:
        if not article.copy_of:
            by_story.setdefault(article.story, []).append(article)
    built = []
    for story in by_story.values():
        for first in range(len(story)):
            paragraphs, title = [], story[first].title
            rotation = story[first:] + story[:first]
            turn = 0
            while sum(len(p.split()) for p in paragraphs) < words:  # a short story is read again
                paragraphs += rotation[turn % len(rotation)].text.split("\n\n")
                turn += 1
            text, count = [], 0
            for paragraph in paragraphs:  # cut at a paragraph once the length is reached
                text.append(paragraph)
                count += len(paragraph.split())
                if count >= words:
                    break
            built.append(ArticleInput(title, "\n\n".join(text), publisher=corpus.publishers[story[first].publisher].name))
    return built


def _warm(_):
    from localwire.nlp.analyze import analyze_batch

    analyze_batch(news_length_articles(500)[:4])
    return True


def _analyse(batch):
    from localwire.nlp.analyze import analyze_batch

    analyze_batch(batch)
    return len(batch), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    pool_of_texts = news_length_articles(args.words)
    articles = [pool_of_texts[i % len(pool_of_texts)] for i in range(args.articles)]
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    batches = [articles[i:i + args.batch] for i in range(0, len(articles), args.batch)]
    context = multiprocessing.get_context("spawn")  # each worker loads its own models, like Celery's
    with context.Pool(args.processes) as pool:
        pool.map(_warm, range(args.processes), chunksize=1)
        started = time.perf_counter()
        results = pool.map(_analyse, batches, chunksize=1)
        seconds = time.perf_counter() - started
    done = sum(n for n, _ in results)
    peak = max(rss for _, rss in results)
    print(f"{done} articles of {words:.0f} words on average, {args.processes} processes: "
          f"{done / seconds:.1f} articles/s ({seconds:.1f} s)")
    print(f"peak RSS of a worker process: {peak:.0f} MiB")
    print("goal: >= 40 articles/s on 2 cores with 500-word articles, < 1 GB per process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
