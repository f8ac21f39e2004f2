"""``localwire extract``: the extractor without a database, one JSON object per file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import TextIO

from localwire.articles.extract import extract


def record(path: str, url: str) -> dict:
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    doc = extract(data, url or Path(path).resolve().as_uri())
    return {
        "file": path,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "title": doc.title,
        "authors": doc.authors,
        "agency": doc.agency,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "language": doc.language,
        "text": doc.text,
        "images": [{"src": img.src, "caption": img.caption, "credit": img.credit} for img in doc.images],
    }


def extract_files(paths: list[str], url: str, out: TextIO) -> int:
    """Exit 2 if any file could not be read; every readable file is still printed."""
    status = 0
    for path in paths:
        try:
            row = record(path, url)
        except OSError as exc:
            row, status = {"file": path, "error": str(exc)}, 2
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return status
