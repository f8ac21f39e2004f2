"""The demo corpus's records: a publisher, an article as the corpus describes it, and its photos.

Apart from both ``corpus.py`` (which reads them from JSON) and ``pages.py`` (which renders them), so
neither imports the other to know their shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    lang: str = "en"


@dataclass
class Image:
    name: str
    caption: str
    credit: str
    after_paragraph: int | None = None  # None: the lead photo above the body


@dataclass
class Article:
    publisher: str
    slug: str
    story: str
    city: str
    title: str
    dek: str = ""
    byline: str = ""  # raw, as printed on the page
    authors: list[str] = field(default_factory=list)  # expected normalised authors
    agency: str = ""  # expected agency ("" when none)
    dateline: str = ""
    minutes_ago: int = 0
    images: list[Image] = field(default_factory=list)
    keeps: list[str] = field(default_factory=list)  # text extraction must keep
    drop: list[str] = field(default_factory=list)  # clutter and trailers extraction must drop
    paragraphs: list[str] = field(default_factory=list)
    copy_of: str = ""  # key of the original for a syndicated copy
    intro: str = ""  # a republisher's extra first paragraph
    missing_page: bool = False
    full_content_in_feed: bool = False

    @property
    def key(self) -> str:
        return f"{self.publisher}/{self.slug}"

    @property
    def keep(self) -> str:
        return self.keeps[0] if self.keeps else ""

    @property
    def image(self) -> Image | None:
        return self.images[0] if self.images else None

    @property
    def expect(self) -> dict:
        return {"authors": list(self.authors), "agency": self.agency, "keep": list(self.keeps),
                "drop": list(self.drop)}

    @property
    def text(self) -> str:
        """The article text as a reader sees it: intro, dateline + body."""
        paragraphs = list(self.paragraphs)
        if self.dateline and paragraphs:
            paragraphs[0] = f"{self.dateline} {paragraphs[0]}"
        return "\n\n".join(([self.intro] if self.intro else []) + paragraphs)
