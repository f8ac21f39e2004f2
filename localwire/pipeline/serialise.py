"""JSON round-trips for pipeline documents (entries in the database, Celery payloads)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from localwire.document import FeedEntry

_DATE_FIELDS = ("published_at", "updated_at")


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def feed_entry_from_json(data: dict) -> FeedEntry:
    known = {name: data.get(name) for name in FeedEntry.__dataclass_fields__ if name in data}
    for name in _DATE_FIELDS:
        if known.get(name):
            known[name] = datetime.fromisoformat(known[name])
    return FeedEntry(**known)
