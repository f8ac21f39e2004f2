"""Counts kept in this process's memory until ``metrics.totals`` moves them to the shared totals.

Counting must cost a page microseconds, so nothing here talks to Redis or the database: a count
is one dictionary update under a lock. Any layer may count (the page cache, in the lowest layer,
counts its hits here), which is why this module sits at the root and knows no metric by meaning:
names are plain strings, such as ``"page_cache|hit"``.

A forked child starts with nothing counted: what its parent had counted is the parent's to move,
and moving it twice would count it twice.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping

_lock = threading.Lock()
_counts: dict[str, float] = {}


def add(name: str, amount: float = 1) -> None:
    with _lock:
        _counts[name] = _counts.get(name, 0) + amount


def add_all(names: Iterable[str], amounts: Iterable[float]) -> None:
    """Several counts under one lock: a request's counts are taken together or not at all."""
    with _lock:
        for name, amount in zip(names, amounts):
            _counts[name] = _counts.get(name, 0) + amount


def take() -> dict[str, float]:
    """Everything counted since the last take, and start again from nothing."""
    global _counts
    with _lock:
        taken, _counts = _counts, {}
    return taken


def give_back(counts: Mapping[str, float]) -> None:
    """Return what could not be moved (the shared store was away), to be moved with the next take."""
    add_all(counts.keys(), counts.values())


def _forget() -> None:
    global _lock, _counts
    _lock, _counts = threading.Lock(), {}


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)
