"""End-to-end ingest speed: demo corpus replicated on a local server, fetched → stored.

    python benchmarks/ingest.py [--replicate 33] [--workers 4]

Prints articles per second from the first feed request to the last stored row,
then how fast the stored articles are understood (entities, places, topics, tags,
in batches, as ``crawl`` does after storing), and the crawler's peak resident memory. The publisher server runs in its own
process so it does not share the crawler's interpreter.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time


def serve_publishers(replicate: int, conn) -> None:
    from localwire.demo.server import DemoServer

    server = DemoServer(host="127.0.0.1", port=0, replicate=replicate).start()
    conn.send((server.base_url, server.feeds()))
    conn.recv()  # wait until the benchmark is done
    server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicate", type=int, default=33, help="copies of each demo article (33 × 63 ≥ 2,000)")
    parser.add_argument("--workers", type=int, default=4, help="crawler threads")
    parser.add_argument("--no-analysis", action="store_true", help="skip the understanding pass")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="localwire-bench-")
    os.environ.update(LOCALWIRE_HOME=home, LOCALWIRE_FETCH_ALLOW_PRIVATE="127.0.0.1",
                      DJANGO_SETTINGS_MODULE="localwire.settings", LOG_LEVEL="WARNING")
    os.environ.pop("DATABASE_URL", None)
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve_publishers, args=(args.replicate, child), daemon=True)
    server.start()
    base_url, feeds = parent.recv()

    from localwire.boot import setup_django

    setup_django()
    from localwire.articles.models import Article
    from localwire.demo.run import setup_publishers
    from localwire.sources.context import build_context
    from localwire.pipeline.crawl import crawl_once

    class Remote:  # what setup_publishers needs from a server
        def feeds(self):
            return feeds

    setup_publishers(Remote())
    ctx = build_context()
    ctx.analyze = False  # timed separately below
    started = time.perf_counter()
    report = crawl_once(ctx, workers=args.workers)
    elapsed = time.perf_counter() - started
    stored = Article.objects.count()
    from localwire.pipeline.reanalyze import analyse_stale

    started = time.perf_counter()
    analysed = analyse_stale() if not args.no_analysis else 0
    analysis_seconds = time.perf_counter() - started
    parent.send("done")
    server.join(5)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"publishers server      {base_url} (replicate={args.replicate}, {len(feeds)} feeds)")
    print(f"crawler threads        {args.workers} on {os.cpu_count()} cores, SQLite WAL")
    print(report.summary())
    print(f"articles stored        {stored}")
    print(f"elapsed                {elapsed:.1f} s")
    print(f"articles per second    {stored / elapsed:.1f}   (fetch → stored; goal: >= 20)")
    if analysed:
        print(f"understood             {analysed} in {analysis_seconds:.1f} s = {analysed / analysis_seconds:.1f} "
              f"articles/s (models loaded in that time)")
        print(f"end to end with understanding {stored / (elapsed + analysis_seconds):.1f} articles/s")
    print(f"peak memory (RSS)      {peak_mib:.0f} MiB")
    return 0 if stored else 1


if __name__ == "__main__":
    sys.exit(main())
