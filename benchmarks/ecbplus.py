"""Read ECB+ (../shared/data/clustering/ecbplus-dev) as plain news articles.

Each file is a tokenised article: ``<token sentence="n">``. The ``ecbplus`` files
open with their source URL, which is dropped. A document's gold story is
(topic, "ecb" | "ecbplus"): the two halves of a topic report different real events.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s|'re|'ll|'ve|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“]) ")
_URL_SEPARATORS = {":", "/", ".", "-", "_", "?", "=", "&", "#", "%", "~", "+"}


@dataclass(frozen=True)
class Document:
    name: str
    topic: int
    half: str  # "ecb" or "ecbplus"
    title: str  # the first sentence
    text: str

    @property
    def story(self) -> tuple[int, str]:
        return self.topic, self.half


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("`` ", "“").replace(" ''", "”")
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def strip_url(tokens: list[str]) -> list[str]:
    """'http : / / site . com / a - b Headline words' → 'Headline words': the URL ends where two
    words follow each other without a separator between them."""
    if not tokens or tokens[0] != "http":
        return tokens
    for i in range(1, len(tokens)):
        if tokens[i - 1] not in _URL_SEPARATORS and tokens[i] not in _URL_SEPARATORS:
            return tokens[i:]
    return []


def read_document(path: Path) -> Document:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
    ordered = [tokens for _, tokens in sorted(sentences.items())]
    if ordered:
        ordered[0] = strip_url(ordered[0])
    lines = [line for line in (detokenise(tokens) for tokens in ordered) if line]
    half = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
    return Document(path.name, int(path.name.split("_")[0]), half, lines[0] if lines else "", "\n".join(lines))


def read_corpus(folder: Path, limit: int | None = None) -> list[Document]:
    paths = sorted(folder.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    return [read_document(p) for p in paths[:limit]]
