"""Syndicated copies: one wire story under other outlets' headlines, intros, captions and trailers.

Bodies are compared, never headlines. Each text becomes a set of word 5-shingles; a MinHash
signature of it (datasketch) goes into LSH bands, which find candidate copies without comparing
against every stored article; the exact share of the shorter body's shingles found in the longer
one then decides. Containment rather than Jaccard: a copy that adds an intro and a trailer still
contains the whole original, while its Jaccard similarity drops with every line added.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
CANDIDATE_JACCARD = 0.3  # LSH recall point: copies with a long intro or trailer still meet
MIN_CONTAINMENT = 0.8  # share of the shorter body's shingles found in the longer one
MIN_SHINGLES = 20  # below this a text is too short to call a copy of anything
SEED = 2026  # fixed, so signatures agree across processes and restarts
BANDS, ROWS = 42, 3  # 126 of the 128 hash values: two texts with Jaccard 0.3 share a band ~2 times in 3
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 0))}


def signature(shingle_set: set[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    return minhash


def band_keys(minhash: MinHash) -> list[tuple[int, int]]:
    """(band, key) pairs for storing a signature in a database table: texts that share any pair are
    candidates. Keys are signed 64-bit, as databases store them."""
    values = minhash.hashvalues
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big", signed=True)))
    return keys


def containment(a: set[str], b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def share_in(part: set[str], whole: set[str]) -> float:
    """The share of ``part``'s shingles found in ``whole``: one direction only, so a long text that
    quotes a short one whole is not thereby mostly a copy of it (``containment`` asks of the shorter)."""
    return len(part & whole) / len(part) if part else 0.0


@dataclass
class Copy:
    """What naming a group's original needs to know about one member."""

    id: object
    published_at: datetime | None = None
    agency: str = ""  # the wire credited in the byline or dateline, if any
    publisher: str = ""


def choose_original(members: list[Copy]) -> Copy:
    """The wire's own copy, if one is credited to it; else the earliest; ties by id."""
    def key(copy: Copy):
        return (copy.published_at is None, copy.published_at or datetime.max, str(copy.id))

    credited = [m for m in members if m.agency and m.publisher and m.agency.lower() == m.publisher.lower()]
    return min(credited or members, key=key)


@dataclass
class SyndicationIndex:
    """Articles seen so far, grouped as they arrive: ``add`` returns the group an article joins.

    In memory, for streams (``localwire cluster``) and benchmarks; a group is named by its first
    member's id.
    """

    groups: dict[object, object] = field(default_factory=dict)  # article id → group id
    _lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM))
    _shingles: dict[object, set[str]] = field(default_factory=dict)

    def add(self, article_id, text: str):
        found = shingles(text)
        group = article_id
        if len(found) >= MIN_SHINGLES:
            minhash = signature(found)
            best = max(((containment(found, self._shingles[other]), other) for other in self._lsh.query(minhash)),
                       default=(0.0, None), key=lambda pair: pair[0])
            if best[1] is not None and best[0] >= MIN_CONTAINMENT:
                group = self.groups[best[1]]
            self._lsh.insert(article_id, minhash)
            self._shingles[article_id] = found
        self.groups[article_id] = group
        return group
