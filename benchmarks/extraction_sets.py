"""The three extraction sets in ``../shared/data/extraction``, read into one shape for the benchmark.

- WCXB dev: human-made main text, ``with``/``without`` snippets, title/author/date; split into a tune
  and a report half by the page id (``splits.part_of``).
- readability-pages: real pages and what Mozilla Readability made of them (text and metadata).
  Another tool's output, so agreement, not truth; report only.
- newspaper4k-pairs: real pages with newspaper4k's text and metadata. The same caveat; report only.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from splits import Part, part_of

# Readability's test pages are stored without their address; its own test suite uses this one.
READABILITY_URL = "http://fakehost/test/page.html"
# Elements after which Readability's output starts a new line of text.
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "br", "figcaption"}


@dataclass
class Page:
    key: str
    html: bytes
    url: str
    text: str  # the expected main text
    title: str = ""
    author: str = ""
    date: str = ""  # YYYY-MM-DD
    keep: list[str] = field(default_factory=list)  # snippets that must be in the text
    drop: list[str] = field(default_factory=list)  # ... and that must not


@dataclass
class DataSet:
    name: str
    pages: list[Page]
    split: bool  # False: every page is report-only (expected output made by another tool)

    def part(self, part: Part) -> list[Page]:
        if not self.split:
            return self.pages if part == "report" else []
        return [page for page in self.pages if part_of(page.key) == part]


def load_wcxb(root: Path, limit: int | None) -> DataSet:
    pages = []
    for truth_path in sorted((root / "wcxb-dev" / "ground-truth").glob("*.json"))[:limit]:
        html_path = root / "wcxb-dev" / "html" / f"{truth_path.stem}.html.gz"
        if not html_path.exists():
            continue
        record = json.loads(truth_path.read_text())
        truth = record["ground_truth"]
        pages.append(Page(
            key=truth_path.stem, html=gzip.decompress(html_path.read_bytes()), url=record.get("url", ""),
            text=truth.get("main_content") or "", title=truth.get("title") or "",
            author=truth.get("author") or "", date=_day(truth.get("publish_date")),
            keep=list(truth.get("with") or []), drop=list(truth.get("without") or []),
        ))
    return DataSet("WCXB dev", pages, split=True)


def load_readability(root: Path, limit: int | None) -> DataSet:
    pages = []
    for folder in sorted(p for p in (root / "readability-pages").iterdir() if p.is_dir())[:limit]:
        meta_path, expected = folder / "expected-metadata.json", folder / "expected.html"
        if not (meta_path.exists() and expected.exists() and (folder / "source.html").exists()):
            continue
        meta = json.loads(meta_path.read_text())
        pages.append(Page(
            key=folder.name, html=(folder / "source.html").read_bytes(), url=READABILITY_URL,
            text=html_text(expected.read_bytes()), title=meta.get("title") or "",
            author=meta.get("byline") or "", date=_day(meta.get("publishedTime")),
        ))
    return DataSet("readability-pages", pages, split=False)


def load_newspaper(root: Path, limit: int | None) -> DataSet:
    pages = []
    base = root / "newspaper4k-pairs"
    for txt in sorted((base / "txt").glob("*.txt"))[:limit]:
        html_path = base / "html" / f"{txt.stem}.html"
        if not html_path.exists():
            continue
        meta_path = base / "metadata" / f"{txt.stem}.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        pages.append(Page(
            key=txt.stem, html=html_path.read_bytes(), url=meta.get("url") or f"https://example.org/{txt.stem}",
            text=txt.read_text(errors="replace"), title=meta.get("title") or "",
            author="; ".join(a for a in meta.get("authors") or [] if isinstance(a, str)),
            date=_day(meta.get("publish_date")),
        ))
    return DataSet("newspaper4k-pairs", pages, split=False)


LOADERS = {"wcxb": load_wcxb, "readability": load_readability, "newspaper4k": load_newspaper}


def html_text(page: bytes) -> str:
    """Readability's expected HTML as plain text, a line break after every block."""
    tree = lxml.html.fromstring(page)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return tree.text_content()


def _day(value) -> str:
    return value[:10] if isinstance(value, str) and len(value) >= 10 and value[4] == "-" else ""
