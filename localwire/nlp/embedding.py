"""Dense vectors for story clustering and topics, from a static token table (model2vec) — no torch at run time.

The table in ``artefacts/minilm-static`` is distilled from all-MiniLM-L6-v2 by the script beside it.
Dense vectors see that "quake" and "earthquake", or "hurt" and "injured", are the same story where
TF-IDF sees different words; names and figures they blur, which is why they are mixed in, not used alone.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "artefacts" / "minilm-static"
MAX_CHARACTERS = 4000  # the lead carries the event; the model reads at most 512 tokens anyway


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the table is on disk; never ask a model hub
    from model2vec import StaticModel

    return StaticModel.from_pretrained(str(MODEL_DIR), force_download=False)


def dimensions() -> int:
    return _model().dim


def embed_many(items: list[tuple[str, str]]) -> np.ndarray:
    """Unit float32 rows, one per (title, text); an empty text gives a zero row."""
    if not items:
        return np.zeros((0, dimensions()), dtype=np.float32)
    texts = [f"{title}\n{text}"[:MAX_CHARACTERS] for title, text in items]
    rows = np.asarray(_model().encode(texts), dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def embed(title: str, text: str) -> np.ndarray:
    return embed_many([(title, text)])[0]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | None) -> np.ndarray | None:
    return np.frombuffer(bytes(data), dtype=np.float32).copy() if data else None


def cosine(unit: np.ndarray | None, summed: np.ndarray | None) -> float:
    """Cosine of a unit vector with a story's summed vector; 0 when either is missing."""
    if unit is None or summed is None:
        return 0.0
    norm = float(np.linalg.norm(summed))
    return float(unit @ summed) / norm if norm else 0.0
