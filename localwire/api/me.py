"""``/api/v1/me/…``: a reader's follows, mutes, home city, reading history, For you and Local, with a
bearer token or the site's session (``api/auth.py``)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from localwire.api.auth import READER
from localwire.api.outputs import article_summary
from localwire.api.schemas import ArticleSummary, ErrorOut
from localwire.community import actions, portability, reading
from localwire.community.models import ArticleRead, Follow
from localwire.community.pool import for_you_articles, home_of, local_articles
from localwire.nlp import cities

router = Router(auth=READER, tags=["me"])


class TargetIn(Schema):
    kind: str
    slug: str


class FollowOut(Schema):
    kind: str
    slug: str
    name: str
    url: str
    muted: bool
    created_at: datetime


class ExportEntry(Schema):
    kind: str
    slug: str
    name: str


class ReadOut(Schema):
    article_id: int
    title: str
    url: str  # the article's page on this site
    publisher: str
    first_read_at: datetime


class HomeExport(Schema):
    geonameid: int
    label: str


class ProfileExport(Schema):
    username: str
    email: str
    display_name: str
    home: HomeExport | None = None


class CommentExport(Schema):
    id: int
    article_id: int
    article_title: str
    url: str
    parent_id: int | None
    body: str
    status: str
    created_at: str
    edited_at: str | None


class FollowsExport(Schema):
    format: str
    version: int
    site: str
    exported_at: str
    follows: list[ExportEntry]
    mutes: list[ExportEntry]
    reading_history: list[ReadOut] = []  # left out of imports: it belongs to the site it was read on
    profile: ProfileExport | None = None  # left out of imports, as are comments
    comments: list[CommentExport] = []


class ImportReport(Schema):
    followed: list[str]
    muted: list[str]
    unmatched: list[str]



def _out(row: Follow) -> FollowOut:
    target = row.target
    url = target.get_absolute_url() if row.channel_id else reverse("publisher", kwargs={"slug": target.slug})
    return FollowOut(kind=actions.kind_of(target), slug=target.slug, name=target.name, url=url,
                     muted=row.muted, created_at=row.created_at)


def _list(user, muted: bool) -> list[FollowOut]:
    rows = Follow.objects.filter(user=user, muted=muted).select_related("channel", "publisher")
    return [_out(r) for r in rows]


def _target(kind: str, slug: str):
    try:
        return actions.find_target(kind, slug)
    except actions.UnknownTarget:
        raise HttpError(404, f"No {kind} called {slug!r} on this site.") from None


def _gone(removed: bool, message: str):
    if not removed:
        raise HttpError(404, message)
    return Status(204, None)


@router.get("/follows", response=list[FollowOut])
def list_follows(request):
    """The channels and publishers you follow, newest first."""
    return _list(request.auth, muted=False)


@router.post("/follows", response={201: FollowOut, 404: ErrorOut})
def add_follow(request, body: TargetIn):
    """Follow a channel (`topic`, `person`, `organisation`, `group`, `city`, `region`, `country`,
    `tag`) or a `publisher` by its slug. Following something muted lifts the mute."""
    return Status(201, _out(actions.follow(request.auth, _target(body.kind, body.slug))))


@router.delete("/follows/{kind}/{slug}", response={204: None, 404: ErrorOut})
def remove_follow(request, kind: str, slug: str):
    return _gone(actions.unfollow(request.auth, _target(kind, slug)), f"You do not follow {kind}/{slug}.")


@router.get("/mutes", response=list[FollowOut])
def list_mutes(request):
    """The channels and publishers you muted, newest first."""
    return _list(request.auth, muted=True)


@router.post("/mutes", response={201: FollowOut, 404: ErrorOut})
def add_mute(request, body: TargetIn):
    """Mute a channel or publisher; muting something you follow stops following it."""
    return Status(201, _out(actions.mute(request.auth, _target(body.kind, body.slug))))


@router.delete("/mutes/{kind}/{slug}", response={204: None, 404: ErrorOut})
def remove_mute(request, kind: str, slug: str):
    return _gone(actions.unmute(request.auth, _target(kind, slug)), f"You did not mute {kind}/{slug}.")


def read_out(row: ArticleRead) -> ReadOut:
    return ReadOut(article_id=row.article_id, title=row.article.title,
                   url=row.article.get_absolute_url(),
                   publisher=row.article.publisher.name, first_read_at=row.first_read_at)


@router.get("/history", response=list[ReadOut])
def list_history(request, limit: int = Query(50, ge=1, le=500)):
    """The articles I opened while logged in, most recent first (For you leaves them out)."""
    return [read_out(r) for r in reading.history_of(request.auth, limit=limit)]


@router.delete("/history", response={204: None})
def clear_history(request):
    """Forget every article I opened, including reads not yet written from the cache."""
    actions.clear_history(request.auth)
    return Status(204, None)


@router.get("/follows/export", response=FollowsExport)
def export_follows(request, format: str = "json"):
    """Your follows, mutes and reading history as the documented JSON (see docs/accounts.md);
    `?format=opml` for OPML (follows only)."""
    if format == "opml":
        return HttpResponse(portability.export_opml(request.auth, request.build_absolute_uri),
                            content_type="text/x-opml; charset=utf-8")
    return portability.export_json(request.auth, site=request.build_absolute_uri("/"))


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "A follows export (JSON, as from /me/follows/export) or an OPML file, at most 1 MB.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/FollowsExport"}},
            "text/x-opml": {"schema": {"type": "string"}},
        },
    },
}


@router.post("/follows/import", response={200: ImportReport, 400: ErrorOut, 413: ErrorOut},
             openapi_extra=IMPORT_BODY)
def import_follows(request):
    """Follow (and mute) what the file lists and this site has; reports what it could not match.
    Never creates channels or publishers."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > portability.MAX_BYTES:
        return Status(413, ErrorOut(detail=f"The file is larger than {portability.MAX_BYTES // 1000} kB."))
    try:
        report = portability.import_file(request.auth, request.body)
    except portability.ImportRefused as exc:
        return Status(400, ErrorOut(detail=f"This file cannot be imported: {exc}."))
    return Status(200, ImportReport(**report.as_dict()))


class CityOut(Schema):
    id: int  # the GeoNames id
    label: str  # "Springfield, Illinois, US"
    name: str
    region: str  # a US state's name; elsewhere the country's
    country: str  # ISO 3166 code
    lat: float | None
    lon: float | None
    population: int


class HomeOut(Schema):
    home: CityOut | None  # None when no home city is set


class HomeIn(Schema):
    city: str = ""  # a town's name, with its state or country if you like: "Springfield, Illinois"
    id: int | None = None  # a GeoNames id, as a 400's candidates give: alone, or to settle ``city``


class HomeRefused(Schema):
    detail: str
    candidates: list[CityOut]  # the towns the name could be, most populous first; empty for no match


def _city_out(city) -> CityOut:
    return CityOut(id=city.geonameid, label=city.label, name=city.name, region=city.region, country=city.country,
                   lat=city.lat, lon=city.lon, population=city.population)


@router.get("/home", response=HomeOut)
def get_home(request):
    """My home city, which Local measures from and For you favours."""
    profile = actions.profile_of(request.auth)
    city = cities.by_id(profile.home_geonameid) if profile.home_geonameid else None
    return HomeOut(home=_city_out(city) if city else None)


@router.put("/home", response={200: HomeOut, 400: HomeRefused})
def set_home(request, body: HomeIn):
    """Set my home city by name or GeoNames id. A name several towns share is never guessed: the
    answer is 400 with every candidate; send one's `id` (with or without the name) to pick it."""
    if body.city.strip():
        match = cities.chosen(cities.look_up(body.city), body.id)
    elif body.id is not None:
        city = cities.by_id(body.id)
        match = cities.Match(city=city, message="" if city else f"No city has the GeoNames id {body.id}.")
    else:
        match = cities.Match(message="Send a city (a name) or an id.")
    if match.city is None:
        return Status(400, HomeRefused(detail=match.message, candidates=[_city_out(c) for c in match.choices]))
    actions.set_home(actions.profile_of(request.auth), match.city)
    return HomeOut(home=_city_out(match.city))


@router.delete("/home", response={204: None})
def clear_home(request):
    """Forget my home city."""
    actions.set_home(actions.profile_of(request.auth), None)
    return Status(204, None)


class FeedItem(ArticleSummary):
    reasons: list[str]  # why it is in this feed: "You follow Almaty", "Covered by 9 outlets"
    copies: int  # other outlets' copies of the same wire story, folded into this entry


class LocalFeed(Schema):
    home: str  # the city distances are measured from; empty when the reader has set none
    items: list[FeedItem]


def _feed_items(articles) -> list[FeedItem]:
    return [FeedItem(**article_summary(a).model_dump(), reasons=a.reasons, copies=len(a.copies)) for a in articles]


@router.get("/for-you", response=list[FeedItem])
def my_for_you(request, limit: int = Query(30, ge=1, le=100)):
    """Recent articles ranked from my follows and mutes and how widely each story is covered; one
    entry per story and per wire copy; each says why it is there."""
    return _feed_items(for_you_articles(request.auth, limit=limit))


@router.get("/local", response=LocalFeed)
def my_local(request, limit: int = Query(30, ge=1, le=100)):
    """News geotagged near my home city (set in my profile), nearest first, then the rest of my state."""
    home = home_of(profile=getattr(request.auth, "profile", None))
    return LocalFeed(home=home.name if home else "",
                     items=_feed_items(local_articles(request.auth, home, limit=limit)) if home else [])
