"""The demo corpus: fictional publishers and articles, read from hand-editable JSON.

``corpus/publishers.json`` lists the publishers. Each ``corpus/stories/*.json``
file holds one news story (``story`` slug, real ``city``) and its articles::

    {"publisher": "kxrt", "slug": "tornado-toll-rises-seven",
     "title": "...", "dek": "...", "byline": "By ANA RUIZ and Joseph Price, KXRT 7 News",
     "dateline": "LITTLE ROCK, Ark. —", "minutes_ago": 2700,
     "images": [{"name": "apartment-search", "caption": "...", "credit": "(KXRT 7 Photo/Lena Morris)",
                 "after_paragraph": null}],          # null: lead photo; n: inside the body after paragraph n
     "body": ["paragraph", "..."],
     "expect": {"authors": ["Ana Ruiz", "Joseph Price"], "agency": "", "keep": ["sentence", "..."]},
     "missing_page": true,            # optional: the page answers 404, the feed carries the text
     "full_content_in_feed": true}    # optional: the feed carries the whole article

A syndicated copy names its original with ``copy_of`` ("publisher/slug") and
carries only what differs: ``title``, ``minutes_ago``, optionally ``dek``,
an extra ``intro`` paragraph and ``images`` (caption/credit overrides, in
order). It inherits body, byline, dateline and expectations from the original.

What extraction must drop (``Article.drop``) is derived from the publisher's
page template and trailer lines, so it always matches what is served. All
people and events are fictional; the cities are real.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from localwire.demo.pages import clutter_strings  # the templates know what they add around a story
from localwire.demo.records import Article, Image, Publisher

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = ("tv", "agency", "paper", "weekly", "broadcaster", "blog")
FORMATS = ("rss20", "atom10", "json11")


@dataclass
class Corpus:
    publishers: dict[str, Publisher]
    articles: list[Article]

    def by_key(self, key: str) -> Article:
        return next(a for a in self.articles if a.key == key)

    def of(self, publisher: str) -> list[Article]:
        return [a for a in self.articles if a.publisher == publisher]

    def stories(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = {}
        for article in self.articles:
            out.setdefault(article.story, []).append(article)
        return out

    def syndicated_groups(self) -> dict[str, list[Article]]:
        """Original key → [original, copy, copy, ...] for every wire story that was republished."""
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            if article.copy_of:
                groups.setdefault(article.copy_of, [self.by_key(article.copy_of)]).append(article)
        return groups


def _images(items: list[dict]) -> list[Image]:
    return [Image(i["name"], i.get("caption", ""), i.get("credit", ""), i.get("after_paragraph")) for i in items]


def _article(raw: dict, story: str, city: str) -> Article:
    expect = raw.get("expect", {})
    return Article(
        publisher=raw["publisher"], slug=raw["slug"], story=story, city=city, title=raw["title"],
        dek=raw.get("dek", ""), byline=raw.get("byline", ""), authors=list(expect.get("authors", [])),
        agency=expect.get("agency", ""), dateline=raw.get("dateline", ""), minutes_ago=int(raw["minutes_ago"]),
        images=_images(raw.get("images", [])), keeps=list(expect.get("keep", [])),
        paragraphs=list(raw.get("body", [])), copy_of=raw.get("copy_of", ""), intro=raw.get("intro", ""),
        missing_page=bool(raw.get("missing_page")), full_content_in_feed=bool(raw.get("full_content_in_feed")),
    )


def _copy(raw: dict, original: Article, story: str, city: str) -> Article:
    """A syndicated copy: the original's body, byline and dateline under the republisher's headline."""
    overrides = raw.get("images", [])
    images = []
    for i, img in enumerate(original.images):
        o = overrides[i] if i < len(overrides) else {}
        images.append(Image(img.name, o.get("caption") or img.caption, o.get("credit") or img.credit,
                            img.after_paragraph))
    return Article(
        publisher=raw["publisher"], slug=raw["slug"], story=story, city=city, title=raw["title"],
        dek=raw.get("dek") or original.dek, byline=original.byline, authors=list(original.authors),
        agency=original.agency, dateline=original.dateline, minutes_ago=int(raw["minutes_ago"]), images=images,
        keeps=list(original.keeps), paragraphs=list(original.paragraphs), copy_of=original.key,
        intro=raw.get("intro", ""),
    )


@lru_cache(maxsize=1)
def load_corpus() -> Corpus:
    publishers = {p["slug"]: Publisher(**p) for p in json.loads((CORPUS / "publishers.json").read_text())}
    files = [json.loads(path.read_text()) for path in sorted((CORPUS / "stories").glob("*.json"))]
    articles: list[Article] = []
    originals: dict[str, Article] = {}
    for data in files:  # originals first, so a copy can name one from any file
        for raw in data["articles"]:
            if not raw.get("copy_of"):
                article = _article(raw, data["story"], data["city"])
                originals[article.key] = article
    for data in files:  # then everything in file order
        for raw in data["articles"]:
            key = f"{raw['publisher']}/{raw['slug']}"
            if raw.get("copy_of"):
                articles.append(_copy(raw, originals[raw["copy_of"]], data["story"], data["city"]))
            else:
                articles.append(originals[key])
    for article in articles:
        publisher = publishers[article.publisher]
        agency = publishers.get(article.copy_of.split("/")[0]) if article.copy_of else None
        article.drop = clutter_strings(publisher, agency)
    return Corpus(publishers, articles)
