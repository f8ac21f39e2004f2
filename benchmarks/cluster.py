"""The many-machine deployment on this machine, under load and faults (issue 16, items 3 and 4).

    python benchmarks/cluster.py [--articles 5000] [--feeds 50] [--fault-every 20]

Starts what deploy/ describes against the local PostgreSQL (an empty scratch database, dropped
after) and a Redis of its own: a made-up publisher with the articles over the feeds, two Celery
workers and one beat, gunicorn with two web processes, and readers loading pages while ingest runs.
Meanwhile the publisher answers 500s and then hangs, a worker is kill -9'd, Redis is killed and
restarted, and PostgreSQL's connections are cut for five seconds. Prints articles per second from
the first feed request to the last article understood, page latency during ingest, the checks, and
last one JSON line: {"bench": "cluster", "articles_expected": …, …}.
Needs PostgreSQL at LOCALWIRE_TEST_POSTGRES_URL and redis-server (else the test Redis, unrestarted).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from localwire.testing.cluster_run import Plan, reader_5xx, run  # noqa: E402


def show_progress(counts: dict, seconds: float) -> None:
    print(f"  {seconds:6.0f} s  entries {counts['entries']:>5}  stored {counts['stored']:>5}  "
          f"understood {counts['understood']:>5}  pending/failed {counts['stuck']:>5}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--fault-every", type=float, default=20.0, help="seconds between faults")
    parser.add_argument("--readers", type=int, default=4, help="reader threads loading pages")
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args()
    plan = Plan(articles=args.articles, feeds=args.feeds, fault_every=args.fault_every, readers=args.readers,
                timeout=args.timeout)
    outcome = run(plan, progress=None if args.quiet else show_progress)
    summary, views, c = outcome.summary(), outcome.views, outcome.counts
    print(f"machine                {os.cpu_count()} cores; PostgreSQL and Redis local; 2 workers, 1 beat, "
          f"gunicorn with {plan.web_processes} processes")
    print(f"ingest                 {c['understood']} understood of {plan.articles} in "
          f"{outcome.finished - outcome.started:.0f} s = {summary['articles_per_s']} articles/s (fetch → understood)")
    print(f"stored from feed only  {c['feed_only']} (their page failed during the publisher's faults)")
    lat = views["latency_during_ingest"]
    print(f"pages during ingest    {lat.get('pages', 0)} answered, p50 {lat.get('p50_ms', '-')} ms, p99 {lat.get('p99_ms', '-')} ms")
    statuses: dict = {}
    for sample in outcome.samples:
        statuses[sample.status] = statuses.get(sample.status, 0) + 1
    print(f"reader statuses        {dict(sorted(statuses.items()))} (5xx other than 503 + Retry-After: {reader_5xx(outcome.samples)})")
    print(f"view counts            made {views['made']}, stored {views['stored']}, lost {views['lost']} "
          f"(allowed: {views['lost_allowed']}, made around the Redis restart)")
    for fault in outcome.faults:
        print(f"fault                  {fault}")
    print(f"entries by state       {c['states']}")
    print(f"logs                   {views['logs']}")
    print(json.dumps(summary))
    ok = (c["stored"] == c["understood"] == plan.articles and not c["duplicates"] and not c["stuck"]
          and not summary["reader_5xx"] and 0 <= views["lost"] <= views["lost_allowed"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
