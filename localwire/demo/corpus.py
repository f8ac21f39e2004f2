"""The demo corpus: fictional publishers and articles, read from plain text files.

Each story file holds articles separated by ``=== publisher/slug`` lines: a
header of ``key: value`` lines, a ``---`` line, then paragraphs. A syndicated
copy names its original with ``copy_of`` and carries only what differs
(headline, an optional extra intro, caption, time). All people and events are
fictional; the cities are real.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Publisher:
    slug: str
    name: str
    kind: str
    city: str
    formats: list[str]
    style: str
    about: str
    trailer: list[str]
    abbreviation: str = ""


@dataclass
class Image:
    name: str
    caption: str
    credit: str


@dataclass
class Article:
    publisher: str
    slug: str
    story: str
    city: str
    title: str
    dek: str = ""
    byline: str = ""
    authors: list[str] = field(default_factory=list)  # what a correct extractor finds
    agency: str = ""
    dateline: str = ""
    minutes_ago: int = 0
    image: Image | None = None
    keep: str = ""  # a sentence the extracted text must contain
    paragraphs: list[str] = field(default_factory=list)
    copy_of: str = ""
    intro: str = ""
    missing_page: bool = False
    full_content_in_feed: bool = False
    copy_caption: str = ""  # "caption | credit" a republisher wrote for the original's photo

    @property
    def key(self) -> str:
        return f"{self.publisher}/{self.slug}"


@dataclass
class Corpus:
    publishers: dict[str, Publisher]
    articles: list[Article]

    def by_key(self, key: str) -> Article:
        return next(a for a in self.articles if a.key == key)

    def syndicated_groups(self) -> dict[str, list[Article]]:
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            if article.copy_of:
                groups.setdefault(article.copy_of, [self.by_key(article.copy_of)]).append(article)
        return groups


def _image(value: str) -> Image | None:
    parts = [p.strip() for p in value.split("|")]
    return Image(*(parts + ["", ""])[:3]) if parts and parts[0] else None


def _parse_block(block: str, story: str, city: str) -> Article:
    head, _, body = block.partition("\n---\n")
    lines = head.strip().splitlines()
    publisher, slug = lines[0].strip().split("/", 1)
    fields = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    return Article(
        publisher=publisher, slug=slug, story=story, city=city, title=fields.get("title", ""),
        dek=fields.get("dek", ""), byline=fields.get("byline", ""),
        authors=[a.strip() for a in fields.get("authors", "").split(";") if a.strip()],
        agency=fields.get("agency", ""), dateline=fields.get("dateline", ""),
        minutes_ago=int(fields.get("minutes_ago", "0")), image=_image(fields.get("image", "")),
        keep=fields.get("keep", ""), copy_of=fields.get("copy_of", ""), intro=fields.get("intro", ""),
        paragraphs=[p.strip() for p in body.strip().split("\n\n") if p.strip()],
        missing_page=fields.get("missing_page") == "true",
        full_content_in_feed=fields.get("full_content_in_feed") == "true",
        copy_caption=fields.get("image_caption", ""),
    )


def _resolve_copy(copy: Article, original: Article) -> None:
    """A syndicated copy carries the original's body, byline and dateline under its own headline."""
    copy.byline, copy.authors, copy.agency = original.byline, list(original.authors), original.agency
    copy.dateline, copy.story, copy.city = original.dateline, original.story, original.city
    copy.dek = copy.dek or original.dek
    copy.paragraphs = list(original.paragraphs)
    copy.keep = original.keep
    caption, _, credit = copy.copy_caption.partition("|")
    if original.image:
        copy.image = Image(original.image.name, caption.strip() or original.image.caption,
                           credit.strip() or original.image.credit)


@lru_cache(maxsize=1)
def load_corpus() -> Corpus:
    publishers = {p["slug"]: Publisher(**p) for p in json.loads((CORPUS / "publishers.json").read_text())}
    articles: list[Article] = []
    for path in sorted((CORPUS / "stories").glob("*.txt")):
        text = path.read_text()
        meta = dict(line[2:].split(":", 1) for line in text.splitlines() if line.startswith("# ") and ":" in line)
        story, city = meta["story"].strip(), meta["city"].strip()
        for block in text.split("\n=== ")[1:]:
            articles.append(_parse_block(block, story, city))
    corpus = Corpus(publishers, articles)
    for article in articles:
        if article.copy_of:
            original = corpus.by_key(article.copy_of)
            _resolve_copy(article, original)
    return corpus
