"""The /api/v1 endpoints; the OpenAPI schema is served at /api/v1/openapi.json."""

from __future__ import annotations

import base64
from datetime import datetime, timezone as dt_timezone

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import HttpError, ValidationError

from localwire.api.ads_advertisers import router as ads_advertisers_router
from localwire.api.ads_delivery import router as ads_delivery_router
from localwire.api.ads_moderation import router as ads_moderation_router
from localwire.api.ads_reports import router as ads_reports_router
from localwire.api.comments import router as comments_router
from localwire.api.contributors import router as contributors_router
from localwire.api.me import router as me_router
from localwire.api.outputs import article_summary, contributor_ref, image_out, publisher_ref
from localwire.api.posts import router as posts_router
from localwire.api.publisher_analytics import router as publisher_analytics_router
from localwire.api.publisher_applications import router as publisher_applications_router
from localwire.api.publisher_articles import router as publisher_articles_router
from localwire.api.publisher_claims import router as publisher_claims_router
from localwire.api.publisher_portal import router as publisher_portal_router
from localwire.api.schemas import (
    ArticleDetail, ArticlePage, ChannelOut, ChannelRef, CopyOut, EntityOut, ErrorOut,
    PlaceOut, PublisherOut, PublisherStatsOut, RelatedOut, SearchHit, SearchPage, StoryDetail, StoryPage,
    StorySummary, SyndicationOut, TimelinePoint, TopicOut,
)
from localwire.channels.models import ENTITY_KINDS, PLACE_KINDS, ArticleChannel, Channel
from localwire.channels.queries import channel_or_alias
from localwire.channels.successors import successors
from localwire.articles.bylines import attach_bylines
from localwire.articles.models import Article, Image, TakenDown
from localwire.metrics.models import PublisherViews
from localwire.metrics.publishers import follower_counts
from localwire.search.query import DateError, SearchQuery, date_bounds, parse_terms
from localwire.search.results import find
from localwire.search.snippets import plain
from localwire.sources.models import Publisher
from localwire.stories.models import Story, current_story
from localwire.stories.queries import other_copies, story_channels, story_coverage, story_timeline
from localwire.stories.related import related_articles

api = NinjaAPI(
    title="Localwire API", version="1", urls_namespace="api-v1",
    description="Articles and publishers of this Localwire site, and (under /me, with a token or a session) "
                "the signed-in reader's follows.",
    # The docs page loads django-ninja's own copy of Swagger UI from this site's static files ("ninja" is
    # in INSTALLED_APPS), so it works offline; no validator badge, which Swagger UI fetches from its host.
    docs=Swagger(settings={"validatorUrl": None}),
)
MAX_LIMIT = 200
api.add_router("/me", me_router)


@api.exception_handler(ValidationError)
def _invalid_request(request, exc: ValidationError):
    """A query or body that fails validation is a 400, as every refusal the views raise themselves
    is (a bad cursor, a bad search date, an unreadable import): one status for one kind of mistake."""
    return api.create_response(request, {"detail": exc.errors}, status=400)


api.add_router("/", ads_advertisers_router)
api.add_router("/", ads_delivery_router)
api.add_router("/", ads_moderation_router)
api.add_router("/", ads_reports_router)
api.add_router("/", comments_router)
api.add_router("/", contributors_router)
api.add_router("/", posts_router)
api.add_router("/", publisher_analytics_router)
api.add_router("/", publisher_applications_router)
api.add_router("/", publisher_articles_router)
api.add_router("/", publisher_claims_router)
api.add_router("/", publisher_portal_router)


def _encode_cursor(article: Article) -> str:
    raw = f"{article.published_at.isoformat()}|{article.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    """Cursors given out carry a UTC offset; one made by hand without it is read as UTC, never
    compared naive with the stored aware times."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = raw.split("|")
        moment = datetime.fromisoformat(when)
        return (moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt_timezone.utc)), int(pk)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "cursor is not one this API gave out") from None


def _aware(moment: datetime) -> datetime:
    """A ``since`` without a UTC offset is in the site's time zone, as on /search."""
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _articles():
    return Article.objects.select_related("publisher").prefetch_related(
        Prefetch("images", queryset=Image.objects.order_by("position", "id"))
    ).defer("text", "html").order_by("-published_at", "-id")


@api.get("/articles", response=ArticlePage, tags=["articles"])
def list_articles(
    request, publisher: str | None = None, since: datetime | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT), cursor: str | None = None,
):
    """Newest first. Pass `next_cursor` back as `cursor` for the next page."""
    qs = _articles()
    if publisher:
        qs = qs.filter(publisher__slug=publisher)
    if since:
        qs = qs.filter(published_at__gte=_aware(since))
    items, next_cursor = _page(qs, limit, cursor)
    return ArticlePage(items=items, next_cursor=next_cursor)


def _page(qs, limit: int, cursor: str | None):
    if cursor:
        when, pk = _decode_cursor(cursor)
        qs = qs.filter(Q(published_at__lt=when) | Q(published_at=when, id__lt=pk))
    rows = list(qs[: limit + 1])
    next_cursor = _encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return [article_summary(a) for a in attach_bylines(rows[:limit])], next_cursor


@api.get("/articles/{article_id}", response={200: ArticleDetail, 404: ErrorOut, 410: ErrorOut}, tags=["articles"])
def get_article(request, article_id: int):
    """410 for an article its publisher took down."""
    a = (Article.objects.select_related("publisher", "syndication__group", "story_membership")
         .prefetch_related("images").filter(pk=article_id).first())
    if a is None:
        if TakenDown.objects.filter(article_id=article_id).exists():
            raise HttpError(410, "Its publisher took this article down.")
        raise Http404("No such article.")
    [a] = attach_bylines([a])
    return ArticleDetail(
        **article_summary(a).model_dump(), updated_at=a.updated_at, text=a.text, html=a.html, images=[image_out(i) for i in a.images.all()], word_count=a.word_count,
        extractor_version=a.extractor_version, keyphrases=a.keyphrases, analysis_version=a.analysis_version,
        syndication=_syndication(a), story_id=getattr(getattr(a, "story_membership", None), "story_id", None),
        related=_related(a), corrected_at=a.corrected_at, correction_note=a.correction_note, **_understanding(a),
    )


def _related(article: Article) -> list[RelatedOut]:
    related = related_articles(article)
    attach_bylines([a for a, _ in related])
    return [RelatedOut(id=a.pk, title=a.title, url=a.url, publisher=publisher_ref(a.publisher),
                       published_at=a.published_at, summary=a.summary, topic=a.topic_label, reason=reason,
                       contributor=contributor_ref(a.contributor_ref))
            for a, reason in related]


def _syndication(article: Article) -> SyndicationOut | None:
    membership = getattr(article, "syndication", None)
    if membership is None:
        return None
    copies = other_copies([article]).get(article.pk, [])
    return SyndicationOut(
        group_id=membership.group_id, original=membership.group.original_id,
        copies=[CopyOut(id=c.pk, title=c.title, url=c.url, publisher=publisher_ref(c.publisher),
                        published_at=c.published_at) for c in copies],
    )


def _understanding(article: Article) -> dict:
    links = ArticleChannel.objects.filter(article=article).select_related("channel").order_by("rank")
    topics, entities, places = [], [], []
    for link in links:
        ch = link.channel
        if ch.kind == Channel.Kind.TOPIC:
            topics.append(TopicOut(code=ch.code, label=ch.description or ch.name, score=link.score,
                                   channel=ch.name, slug=ch.slug))
        elif ch.kind in ENTITY_KINDS:
            entities.append(EntityOut(name=ch.name, kind=ch.kind, slug=ch.slug, salience=link.score,
                                      description=ch.description, country_code=ch.country_code))
        elif ch.kind in PLACE_KINDS:
            places.append(PlaceOut(name=ch.name, kind=ch.kind, slug=ch.slug, country_code=ch.country_code,
                                   admin1_code=ch.admin1_code, lat=ch.lat, lon=ch.lon, role=link.relation,
                                   geonameid=int(ch.code) if ch.code.isdigit() else None))
    return {"topics": topics, "entities": entities, "places": places}


def _publishers():
    return Publisher.objects.annotate(
        article_count=Count("articles"), latest_article_at=Max("articles__published_at"),
        view_count=Subquery(PublisherViews.objects.filter(publisher=OuterRef("pk")).values("views")[:1]),
    )


def _stats(p, followers: dict[int, int]) -> PublisherStatsOut:
    return PublisherStatsOut(followers=followers.get(p.pk, 0), posts=p.article_count, views=p.view_count or 0)


def _publisher_out(p, followers: dict[int, int]) -> PublisherOut:
    return PublisherOut(
        slug=p.slug, name=p.name, kind=p.kind, website=p.website, about=p.about,
        home_city=p.home_city, article_count=p.article_count,
        latest_article_at=p.latest_article_at, stats=_stats(p, followers),
    )


@api.get("/publishers", response=list[PublisherOut], tags=["publishers"])
def list_publishers(request):
    publishers = list(_publishers().order_by("name"))
    followers = follower_counts(publishers)
    return [_publisher_out(p, followers) for p in publishers]


@api.get("/publishers/{slug}", response={200: PublisherOut, 404: ErrorOut}, tags=["publishers"])
def get_publisher(request, slug: str):
    p = get_object_or_404(_publishers(), slug=slug)
    return _publisher_out(p, follower_counts([p]))


@api.get("/publishers/{slug}/stats", response={200: PublisherStatsOut, 404: ErrorOut}, tags=["publishers"])
def get_publisher_stats(request, slug: str):
    """Followers, posts (stored articles) and counted views; views lag by up to a flush (about a minute)."""
    p = get_object_or_404(_publishers(), slug=slug)
    return _stats(p, follower_counts([p]))


@api.get("/channels/{kind}/{slug}", response={200: ChannelOut, 404: ErrorOut}, tags=["channels"])
def get_channel(request, kind: str, slug: str, limit: int = Query(50, ge=1, le=MAX_LIMIT),
                cursor: str | None = None):
    """A topic, person, organisation, group, city, region, country or tag, with its latest articles."""
    channel, _ = channel_or_alias(kind, slug)  # a merged name answers with the channel it was merged into
    if channel is None:
        raise Http404("No such channel.")
    items, next_cursor = _page(_articles().filter(channel_links__channel=channel), limit, cursor)
    moved_to = successors(channel) if not items and cursor is None else []
    return ChannelOut(kind=channel.kind, slug=channel.slug, name=channel.name, description=channel.description,
                      url=channel.get_absolute_url(), articles=items, next_cursor=next_cursor,
                      successors=[ChannelRef(kind=c.kind, slug=c.slug, name=c.name) for c in moved_to])


def _story_summary(story: Story) -> StorySummary:
    return StorySummary(id=story.pk, headline=story.headline, first_seen=story.first_seen,
                        last_seen=story.last_seen, article_count=story.article_count,
                        outlet_count=story.outlet_count)


@api.get("/stories", response=StoryPage, tags=["stories"])
def list_stories(request, since: datetime | None = None, limit: int = Query(50, ge=1, le=MAX_LIMIT)):
    """Most recently active first."""
    qs = Story.objects.order_by("-last_seen", "-id")
    if since:
        qs = qs.filter(last_seen__gte=_aware(since))
    return StoryPage(items=[_story_summary(s) for s in qs[:limit]])


@api.get("/stories/{story_id}", response={200: StoryDetail, 404: ErrorOut}, tags=["stories"])
def get_story(request, story_id: int):
    """A story merged into another answers with a permanent redirect to it."""
    story = current_story(story_id)
    if story is None:
        raise Http404("No such story.")
    if story.pk != story_id:
        return HttpResponsePermanentRedirect(f"{request.path.rsplit('/', 1)[0]}/{story.pk}")
    articles = attach_bylines(story_coverage(story))
    members = list(Article.objects.filter(story_membership__story=story).select_related("publisher", "syndication__group"))
    outlets = {a.publisher.slug: a.publisher for a in members}
    groups = {a.syndication.group_id: a for a in members if getattr(a, "syndication", None)}
    syndication = [s for s in (_syndication(a) for a in groups.values()) if s and s.copies]
    return StoryDetail(
        **_story_summary(story).model_dump(), articles=[article_summary(a) for a in articles],
        outlets=[publisher_ref(p) for p in outlets.values()], syndication_groups=syndication,
        entities=[ChannelRef(kind=c.kind, slug=c.slug, name=c.name) for c in story_channels(story, list(ENTITY_KINDS))],
        places=[ChannelRef(kind=c.kind, slug=c.slug, name=c.name) for c in story_channels(story, list(PLACE_KINDS))],
        timeline=[TimelinePoint(quantity=quantity, value=p.value, text=p.text, article_id=p.article_id,
                                published_at=p.published_at)
                  for quantity, points in story_timeline(articles) for p in points],
    )


SEARCH_MAX_LIMIT = 100
SEARCH_MAX_OFFSET = 1000


@api.get("/search", response={200: SearchPage, 400: ErrorOut}, tags=["search"])
def search_articles(
    request, q: str = "", publisher: str | None = None, topic: str | None = None, place: str | None = None,
    since: str | None = None, until: str | None = None,
    limit: int = Query(20, ge=1, le=SEARCH_MAX_LIMIT), offset: int = Query(0, ge=0, le=SEARCH_MAX_OFFSET),
    verbatim: bool = False,
):
    """Full-text search over titles, text, publishers and the people, organisations, places, topics
    and tags found in articles; best first (relevance, then recency), one entry per syndication group.

    `q` takes words (all required) and "quoted phrases"; nothing else is syntax. `publisher` is a
    publisher slug, `topic` a topic channel slug, `place` a city, region or country channel slug.
    `since` and `until` are ISO dates or date-times; a date alone covers its whole day.

    Typos are corrected: `did_you_mean` is the query with its misspelt words replaced by words the
    articles hold; when `q` finds nothing and that finds something, its items come instead and
    `corrected` is true. `verbatim=true` never replaces the items."""
    try:
        start, end = date_bounds(since, until)
    except DateError as exc:
        raise HttpError(400, str(exc)) from None
    terms = parse_terms(q)
    results = find(SearchQuery(terms, publisher=publisher or "", topic=topic or "", place=place or "",
                               since=start, until=end, limit=limit, offset=offset), typed=q, correct=not verbatim)
    items = [SearchHit(**article_summary(r.article).model_dump(), score=r.score, snippet=plain(r.snippet),
                       copies=len(r.article.copies)) for r in results.items]
    return SearchPage(query=terms.display(), total=results.total, limit=limit, offset=offset, items=items,
                      message=results.message, did_you_mean=results.did_you_mean, corrected=results.corrected,
                      total_capped=results.capped)
