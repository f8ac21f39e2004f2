"""``localwire extract``: the extractor without a database, one JSON object per article page.

Without ``--url`` a saved page is read at the address it declares for itself (rel=canonical,
else og:url): that address resolves its relative links and images, which a ``file://`` base
cannot reach. A file that is not an article page (a feed, an image, JSON, a page with no
story) is said so on standard error and gets no record; nor does a file that cannot be read.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from localwire.articles.extract import extract
from localwire.articles.extract.metadata import declared_urls

NOT_AN_ARTICLE, UNREADABLE = 1, 2
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|p|div|h1)\b", re.I)
SNIFF_BYTES = 65536


class NotAnArticle(ValueError):
    """The file is readable but holds no article page; the message says what it looks like."""


def record(path: str, url: str) -> dict:
    data = _read(path)
    _refuse_non_article(data)
    base = url or declared_url(data) or Path(path).resolve().as_uri()
    doc = extract(data, base)
    if not doc.text.strip():
        raise NotAnArticle("no article text found in it (is it an article page?)")
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


def _read(path: str) -> bytes:
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise OSError(f"not a readable gzip file ({exc})") from None
    return data


def _refuse_non_article(data: bytes) -> None:
    from localwire.sources.parse import FeedError, parse_feed

    if not data.strip():
        raise NotAnArticle("the file is empty")
    try:
        parse_feed(data, "https://localhost/")
    except FeedError as exc:
        if str(exc).startswith("broken feed"):
            raise NotAnArticle("looks like a (broken) feed, not an article page") from None
    else:
        raise NotAnArticle("looks like a feed, not an article page")
    if not _HTML_TAG.search(data[:SNIFF_BYTES]):
        raise NotAnArticle("does not look like an HTML page")


def declared_url(data: bytes) -> str:
    """The first absolute http(s) address the page declares for itself, or ""."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(data)
    except (TypeError, ValueError):
        return ""
    if tree is None:
        return ""
    for candidate in declared_urls(tree):
        candidate = candidate.strip()
        parts = urlsplit(candidate)
        if parts.scheme in ("http", "https") and parts.hostname:
            return candidate
    return ""


def extract_files(paths: list[str], url: str, out: TextIO, err: TextIO = sys.stderr) -> int:
    """Every article page is printed; the others are named on ``err``. Exit 2 if a file could
    not be read, else 1 if any was not an article page, else 0."""
    status = 0
    for path in paths:
        try:
            row = record(path, url)
        except OSError as exc:
            err.write(f"localwire extract: {path}: cannot be read: {exc.strerror or exc}\n")
            status = UNREADABLE
            continue
        except NotAnArticle as exc:
            err.write(f"localwire extract: {path}: {exc}\n")
            status = max(status, NOT_AN_ARTICLE)
            continue
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return status
