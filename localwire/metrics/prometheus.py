"""The Prometheus text exposition format, version 0.0.4, written by hand: a few dozen lines do what
the format needs, where the client library would be one more dependency and one more registry of
state in every process.

A *family* is one metric name with its ``# HELP`` and ``# TYPE`` lines and its samples; a sample
is a name (the family's, or with ``_bucket``, ``_sum``, ``_count`` for a histogram), labels and a
value. Families are built from plain data: the shared totals (``totals.read()``) and the figures
of ``gauges``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from localwire.metrics.requests import BUCKET_LABELS

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
Labels = tuple[tuple[str, str], ...]


@dataclass
class Family:
    name: str
    kind: str  # counter, gauge, histogram
    help: str
    samples: list[tuple[str, Labels, float]] = field(default_factory=list)

    def add(self, value: float, suffix: str = "", **labels: str) -> Family:
        self.samples.append((self.name + suffix, tuple(labels.items()), value))
        return self


def render(families: list[Family]) -> str:
    lines = []
    for family in families:
        if not family.samples:
            continue
        lines.append(f"# HELP {family.name} {_escape_help(family.help)}")
        lines.append(f"# TYPE {family.name} {family.kind}")
        for name, labels, value in family.samples:
            inside = ",".join(f'{key}="{_escape_label(str(text))}"' for key, text in labels)
            lines.append(f"{name}{{{inside}}} {_number(value)}" if inside else f"{name} {_number(value)}")
    return "\n".join(lines) + "\n"


def _escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _escape_label(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


def request_families(totals: dict[str, float]) -> list[Family]:
    """Requests by page, method and status; latency by page; the page cache's hits and misses."""
    requests = Family("localwire_http_requests_total", "counter",
                      "Requests answered, by URL pattern name (page), method and status.")
    latency = Family("localwire_http_request_duration_seconds", "histogram",
                     "Time from the request reaching Django to its response, by URL pattern name.")
    lookups = Family("localwire_page_cache_lookups_total", "counter",
                     "Anonymous pages looked up in the page cache, by result (hit or miss).")
    buckets: dict[str, dict[str, float]] = defaultdict(dict)
    sums: dict[str, float] = {}
    for key, value in sorted(totals.items()):
        kind, *parts = key.split("|")
        if kind == "requests" and len(parts) == 3:
            requests.add(value, page=parts[0], method=parts[1], status=parts[2])
        elif kind == "duration" and len(parts) == 2:
            buckets[parts[0]][parts[1]] = value
        elif kind == "duration_sum" and len(parts) == 1:
            sums[parts[0]] = value
        elif kind == "page_cache" and len(parts) == 1:
            lookups.add(value, result=parts[0])
    for page in sorted(buckets):
        below = 0.0
        for bound in BUCKET_LABELS:  # Prometheus buckets are cumulative: each counts all below it
            below += buckets[page].get(bound, 0)
            latency.add(below, "_bucket", page=page, le=bound)
        latency.add(sums.get(page, 0.0), "_sum", page=page)
        latency.add(below, "_count", page=page)
    return [requests, latency, lookups]


def database_families(figures: dict | None) -> list[Family]:
    """What ``gauges.database_figures`` read, and whether it could be read at all."""
    up = Family("localwire_database_up", "gauge", "1 when the figures below could be read from the database.")
    up.add(1 if figures is not None else 0)
    if figures is None:
        return [up]
    feeds = Family("localwire_feeds", "gauge", "Feeds by the status of their last poll.")
    for status, n in sorted(figures["feeds"].items()):
        feeds.add(n, status=status)
    polled = Family("localwire_feeds_polled_last_hour", "gauge", "Feeds fetched in the last hour, whatever came of it.")
    polled.add(figures["feeds_polled_last_hour"])
    last = Family("localwire_feed_last_poll_timestamp_seconds", "gauge",
                  "When a feed was last fetched, in seconds since the epoch (absent before the first).")
    if figures["last_poll"] is not None:
        last.add(figures["last_poll"].timestamp())
    entries = Family("localwire_entries", "gauge", "Feed entries not stored as articles yet (pending) or given up (failed).")
    for state, n in sorted(figures["entries"].items()):
        entries.add(n, state=state)
    owed = Family("localwire_pending_work", "gauge", "Stored articles still owed a step (syndication, story, search, …).")
    for step, n in sorted(figures["pending_work"].items()):
        owed.add(n, step=step)
    articles = Family("localwire_articles", "gauge", "Articles stored.").add(figures["articles"])
    return [up, feeds, polled, last, entries, owed, articles]


def queue_family(depths: dict[str, int] | None) -> Family:
    queues = Family("localwire_celery_queue_length", "gauge", "Tasks waiting in each Celery queue (Redis broker only).")
    for name, n in sorted((depths or {}).items()):
        queues.add(n, queue=name)
    return queues


def shared_cache_families(lookups: dict[str, int] | None) -> list[Family]:
    if lookups is None:
        return []
    return [Family("localwire_redis_keyspace_hits_total", "counter",
                   "Key lookups the Redis behind CACHE_URL found, since it started (the whole server's).").add(lookups["hits"]),
            Family("localwire_redis_keyspace_misses_total", "counter",
                   "Key lookups the Redis behind CACHE_URL did not find, since it started.").add(lookups["misses"])]
