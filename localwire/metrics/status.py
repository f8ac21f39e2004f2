"""``localwire status``: the figures of ``/metrics`` for a terminal, or as one JSON object for a script.

The database's figures are read fresh (a person asking wants now, not fifteen seconds ago). The
request and page cache totals are the shared ones the web processes keep while
``LOCALWIRE_METRICS_TOKEN`` is set; this process adds nothing to them. The command fails (exit 1)
only when the database cannot answer; a broker or Redis that cannot is named under ``errors``.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.db import DatabaseError
from django.utils import timezone

from localwire.metrics import gauges, totals

UNREACHABLE = 1


def report(as_json: bool) -> tuple[str, int]:
    """What to print and the exit status."""
    try:
        status = collect()
        code = 0
    except DatabaseError as exc:
        status = {"database": "unavailable", "error": _first_line(exc)}
        code = UNREACHABLE
    return (json.dumps(status, indent=2) if as_json else as_text(status)), code


def collect() -> dict:
    figures = gauges.database_figures()
    errors: list[str] = []
    status = {"database": "ok", **figures,
              "last_poll": figures["last_poll"].isoformat() if figures["last_poll"] else None}
    status["queue_depth"] = _read(gauges.queue_depths, "Celery broker", errors)
    status["shared_cache"] = _rate(_read(gauges.shared_cache_lookups, "shared cache", errors))
    kept = _read(lambda: totals.shared_totals().read(), "request totals", errors) or {}
    status["page_cache"] = _rate({"hits": kept.get("page_cache|hit", 0), "misses": kept.get("page_cache|miss", 0)})
    status["requests"] = _requests(kept)
    status["errors"] = errors
    return status


def _read(read, what: str, errors: list[str]):
    try:
        return read()
    except Exception as exc:
        errors.append(f"{what}: {_first_line(exc)}")
        return None


def _rate(lookups: dict | None) -> dict | None:
    if lookups is None:
        return None
    hits, misses = int(lookups["hits"]), int(lookups["misses"])
    return {"hits": hits, "misses": misses, "hit_rate": round(hits / (hits + misses), 4) if hits + misses else None}


def _requests(kept: dict[str, float]) -> dict[str, int]:
    """Requests counted by every web process, in all and by status class."""
    counted = {"total": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}
    for key, value in kept.items():
        kind, *parts = key.split("|")
        if kind == "requests" and len(parts) == 3:
            counted["total"] += int(value)
            group = f"{parts[2][:1]}xx"
            if group in counted:
                counted[group] += int(value)
    return counted


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def as_text(status: dict) -> str:
    if status["database"] != "ok":
        return f"database      unavailable: {status['error']}"
    feeds = status["feeds"]
    rows = [
        ("database", "ok"),
        ("feeds", f"{sum(feeds.values())}: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in feeds.items())
         + f"; {status['feeds_polled_last_hour']} polled in the last hour"),
        ("last poll", _ago(status["last_poll"])),
        ("entries", f"{status['entries']['pending']} pending, {status['entries']['failed']} failed"),
        ("pending work", ", ".join(f"{step} {n}" for step, n in status["pending_work"].items())),
        ("articles", f"{status['articles']:,}"),
        ("queue", "no Redis broker" if status["queue_depth"] is None
         else ", ".join(f"{name} {n}" for name, n in status["queue_depth"].items())),
        ("page cache", _hits(status["page_cache"])),
        ("shared cache", "none (a cache in each process)" if status["shared_cache"] is None
         else _hits(status["shared_cache"])),
        ("requests", _counted(status["requests"])),
    ]
    rows += [("error", error) for error in status["errors"]]
    return "\n".join(f"{name:<13} {value}" for name, value in rows)


def _ago(when: str | None) -> str:
    if when is None:
        return "never"
    seconds = (timezone.now() - datetime.fromisoformat(when)).total_seconds()
    return f"{when} ({int(seconds // 60)} min ago)"


def _hits(rate: dict) -> str:
    if rate["hit_rate"] is None:
        return "no lookups counted"
    return f"{rate['hit_rate']:.0%} hits ({rate['hits']:,} of {rate['hits'] + rate['misses']:,})"


def _counted(requests: dict) -> str:
    if not requests["total"]:
        return "none counted (they are kept while LOCALWIRE_METRICS_TOKEN is set)"
    return f"{requests['total']:,} counted, {requests['5xx']:,} answered 5xx, {requests['4xx']:,} 4xx"
