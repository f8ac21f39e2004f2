"""Public JSON shapes of /api/v1. Field names are a contract: extend, never rename."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class PublisherRef(Schema):
    slug: str
    name: str


class ContributorRef(Schema):
    """The author of an article that is a contributor's post."""

    slug: str
    name: str
    label: str  # as pages show it and the issue names it: "Community Voice", "Community Voice Pro", "Journalist"
    label_code: str  # the same label as a stable value: community_voice, community_voice_pro, journalist


class ImageOut(Schema):
    url: str  # the proxied URL on this Localwire
    source_url: str
    caption: str
    credit: str


class ArticleSummary(Schema):
    id: int
    url: str
    canonical_url: str
    title: str
    authors: list[str]
    agency: str
    publisher: PublisherRef
    published_at: datetime
    language: str
    summary: str
    image: ImageOut | None = None
    contributor: ContributorRef | None = None  # null on publishers' articles


class TopicOut(Schema):
    code: str  # IPTC Media Topic, e.g. medtop:03000000
    label: str  # IPTC's English label
    score: float
    channel: str  # the channel's display name, e.g. "Disasters & Accidents"
    slug: str


class EntityOut(Schema):
    name: str
    kind: str
    slug: str
    salience: float
    description: str = ""  # a person's role ("President"), where the article gives one
    country_code: str = ""  # a generic organisation's country ("Senate" of "KZ")


class PlaceOut(Schema):
    name: str
    kind: str
    slug: str
    country_code: str
    admin1_code: str
    lat: float | None = None
    lon: float | None = None
    role: str
    geonameid: int | None = None


class CopyOut(Schema):
    id: int
    title: str
    url: str
    publisher: PublisherRef
    published_at: datetime


class SyndicationOut(Schema):
    group_id: int
    original: int | None  # the article credited as the original: the wire's own copy, else the earliest
    copies: list[CopyOut]  # the other copies, oldest first


class RelatedOut(Schema):
    id: int
    title: str
    url: str
    publisher: PublisherRef
    published_at: datetime
    summary: str
    topic: str  # the related article's best topic channel, "" if not analysed yet
    reason: str  # "same story", "Also about <the person, place or organisation shared>", or "local"
    contributor: ContributorRef | None = None  # a contributor's post, as on every article; null otherwise


class ArticleDetail(ArticleSummary):
    """An article's summary fields (``image`` is its first picture), and everything else known of it."""

    updated_at: datetime | None = None
    text: str
    html: str
    images: list[ImageOut]
    word_count: int
    extractor_version: str
    topics: list[TopicOut] = []
    entities: list[EntityOut] = []
    places: list[PlaceOut] = []
    keyphrases: list[str] = []
    analysis_version: str = ""
    syndication: SyndicationOut | None = None  # None for an article not yet grouped
    story_id: int | None = None  # the story it covers (GET /api/v1/stories/{id})
    related: list[RelatedOut] = []  # best first; never two copies of one wire story
    corrected_at: datetime | None = None  # re-fetched after its publisher corrected it
    correction_note: str = ""


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = None


class PublisherStatsOut(Schema):
    followers: int
    posts: int  # articles stored from this publisher (the same figure as article_count)
    views: int  # counted article page views, as of the last flush (about a minute behind)


class PublisherOut(Schema):
    slug: str
    name: str
    kind: str
    website: str
    about: str
    home_city: str
    article_count: int
    latest_article_at: datetime | None = None
    stats: PublisherStatsOut


class ErrorOut(Schema):
    detail: str


class ChannelRef(Schema):
    kind: str
    slug: str
    name: str


class ChannelOut(Schema):
    kind: str
    slug: str
    name: str
    description: str
    url: str
    articles: list[ArticleSummary]
    next_cursor: str | None = None
    # Where a channel's articles went when a newer analyser split it ("Senate" → two countries' senates).
    successors: list[ChannelRef] = []


class StorySummary(Schema):
    id: int
    headline: str
    first_seen: datetime
    last_seen: datetime
    article_count: int
    outlet_count: int


class StoryPage(Schema):
    items: list[StorySummary]


class TimelinePoint(Schema):
    quantity: str  # killed, injured, detained, arrested, evacuated, missing, displaced
    value: int
    text: str  # as reported: "nearly 8,000"
    article_id: int
    published_at: datetime | None


class StoryDetail(StorySummary):
    articles: list[ArticleSummary]  # oldest first, syndicated copies folded under their original
    outlets: list[PublisherRef]
    syndication_groups: list[SyndicationOut]  # groups with more than one copy
    entities: list[ChannelRef]
    places: list[ChannelRef]
    timeline: list[TimelinePoint]  # grouped by quantity, each in the order it was reported


class SearchHit(ArticleSummary):
    score: float  # relevance × recency; comparable within one search only
    snippet: str  # plain text around the first match, "…" where cut; not HTML
    copies: int  # other syndicated copies of this article, folded under it


class SearchPage(Schema):
    query: str  # the query as understood: words and "phrases", letters and digits only
    total: int  # matches over all pages, counted up to 2,000
    limit: int
    offset: int
    items: list[SearchHit]  # best first, one per syndication group
    message: str = ""  # set when nothing was searched: an empty, too long or all-common-words query
    did_you_mean: str | None = None  # the query with its typos corrected, when that finds articles
    corrected: bool = False  # the items are for did_you_mean, as q itself found nothing
    total_capped: bool = False  # counting stopped at 2,000: at least `total` articles match
