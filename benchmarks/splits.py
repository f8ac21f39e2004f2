"""Which part of each shared data set tuning may look at, and which part is only reported.

A figure tuned on the set it is reported on says little, so every benchmark prints both parts
and the closing notes quote the ``report`` part. Splits are fixed by a hash of a stable key (a
file name, an article's position), never by chance, so they do not move between runs.

| data set | tune | report |
|---|---|---|
| CoNLL-2003 (``ner/``) | ``train.txt`` | ``dev.txt`` (earlier sessions tuned on it: read it as optimistic) |
| LGL, GeoWebNews (``geo/``) | articles whose key hashes even | the odd ones |
| HuffPost topics | the trainer's 80 % | its held-out fifth (``training/topic_sources.HOLDOUT_SHARE``) |
| ECB+ dev (``clustering/``) | odd topics (1, 3, … 21) | even topics (2, 4, … 22) |
| WCXB dev (``extraction/``) | pages whose id hashes even | the odd ones |
| readability-pages, newspaper4k-pairs | — | all (their expected text is another tool's output) |
| demo corpus | all (written for Localwire) | — |
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Literal, TypeVar

Part = Literal["tune", "report"]
PARTS: tuple[Part, ...] = ("tune", "report")
T = TypeVar("T")


def part_of(key: str) -> Part:
    """'tune' or 'report' for a stable key (a file name, a document id), half and half."""
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "report"


def ecb_part(topic: int | str) -> Part:
    """ECB+ splits by topic, so both events of a topic (the hard negatives) stay on one side."""
    return "tune" if int(topic) % 2 == 1 else "report"


def select(items: Iterable[T], keys: Iterable[str], part: Part) -> list[T]:
    """The items whose key falls in ``part``."""
    return [item for item, key in zip(items, keys) if part_of(key) == part]
