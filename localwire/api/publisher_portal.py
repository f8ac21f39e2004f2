"""``/api/v1/me/publishers/{slug}/feeds…``, ``/me/publishers/{slug}`` (profile) and ``…/logo``: the
portal's Feeds and Profile tabs for a manager, with a bearer token or the site's session.

Anyone who does not manage the publisher gets 404, as on the portal's pages; every change is a
function in ``publishers/`` (``feed_actions``, ``profile``) that logs it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from ninja import File, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.articles.uploads import UploadRefused
from localwire.publishers import feed_actions, profile
from localwire.publishers.access import managed_publisher
from localwire.publishers.feed_health import FeedHealth, feed_health, one_feed_health

router = Router(auth=READER, tags=["publisher portal"])


class FeedOut(Schema):
    id: int
    url: str
    title: str
    status: str  # active, paused or failing
    paused: bool
    operator_paused: bool  # paused by the site's operators: a resume answers 409
    last_fetched_at: datetime | None = None
    next_fetch_at: datetime | None = None  # null while paused
    last_error: str  # in plain words, with what to do; "" when the last fetch went well
    articles_7d: int
    feed_only_share: float  # 0..1: stored from the feed's content because the page could not be read
    warnings: list[str]
    advice: list[str]


class AddedFeedOut(FeedOut):
    check_warning: str = ""  # what the check noticed but let through ("not checked: …", "found the feed …")


class FeedIn(Schema):
    url: str


class PauseIn(Schema):
    paused: bool


class ProfileIn(Schema):
    name: str | None = None
    kind: str | None = None
    about: str | None = None
    website: str | None = None
    home_city: str | None = None


class ProfileOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    about: str
    website: str
    home_city: str
    logo_url: str  # "" without a logo


class ProfileRefusedOut(Schema):
    detail: str
    field: str
    choices: list[str]  # for an ambiguous home city: the labels to send one of back


def _feed_out(health: FeedHealth, **extra) -> dict:
    return {**{name: getattr(health, name) for name in FeedOut.model_fields}, **extra}


def profile_out(publisher) -> ProfileOut:
    return ProfileOut(slug=publisher.slug, name=publisher.name, kind=publisher.kind,
                      kind_label=publisher.get_kind_display(), about=publisher.about, website=publisher.website,
                      home_city=publisher.home_city, logo_url=profile.logo_url(publisher))


@router.get("/me/publishers/{slug}/feeds", response={200: list[FeedOut], 404: ErrorOut})
def list_feeds(request, slug: str):
    """Each feed's status, schedule, last error in plain words, the last 7 days' articles, the share
    stored from feed content only, and warnings and advice with their numbers."""
    publisher = managed_publisher(request.auth, slug)
    return [_feed_out(health) for health in feed_health(publisher)]


@router.post("/me/publishers/{slug}/feeds", response={201: AddedFeedOut, 400: ErrorOut, 404: ErrorOut,
                                                      429: ErrorOut})
def add_feed(request, slug: str, body: FeedIn):
    """Check the address at once and store the feed; 400 with the reason when it is refused, broken,
    not a feed (and links to none) or already carried; 429 after 20 checks in an hour."""
    publisher = managed_publisher(request.auth, slug)
    try:
        feed, warning = feed_actions.add_feed(publisher, request.auth, body.url)
    except feed_actions.TooManyChecks as exc:
        raise HttpError(429, str(exc)) from None
    except feed_actions.FeedRefused as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, _feed_out(one_feed_health(feed), check_warning=warning))


@router.patch("/me/publishers/{slug}/feeds/{feed_id}", response={200: FeedOut, 404: ErrorOut, 409: ErrorOut})
def pause_feed(request, slug: str, feed_id: int, body: PauseIn):
    """`{"paused": true}` stops fetching it; `false` fetches it on the next crawl, unless the site's
    operators paused it (409: only they resume it)."""
    publisher = managed_publisher(request.auth, slug)
    try:
        feed = feed_actions.pause_feed(publisher, request.auth, feed_id, body.paused)
    except feed_actions.OperatorPaused as exc:
        return Status(409, {"detail": str(exc)})
    return _feed_out(one_feed_health(feed))


@router.patch("/me/publishers/{slug}", response={200: ProfileOut, 400: ProfileRefusedOut, 404: ErrorOut})
def edit_profile(request, slug: str, body: ProfileIn):
    """Change any of name, kind (one of `sources.Publisher.Kind`'s values), about (plain text, at
    most 2000 characters), website (http/https) and home city (read by the gazetteer; an ambiguous
    name is 400 with `choices`). Nothing is saved unless every value is good."""
    publisher = managed_publisher(request.auth, slug)
    try:
        profile.update_profile(publisher, request.auth, **body.dict(exclude_unset=True))
    except profile.ProfileRefused as exc:
        return Status(400, ProfileRefusedOut(detail=str(exc), field=exc.field, choices=exc.choices))
    return profile_out(publisher)


@router.post("/me/publishers/{slug}/logo", response={200: ProfileOut, 400: ErrorOut, 404: ErrorOut})
def upload_logo(request, slug: str, file: File[UploadedFile]):
    """Multipart `file`: a JPEG, PNG, WebP or GIF, rebuilt from its pixels (no metadata kept) and made
    at most 512 pixels on its long side."""
    publisher = managed_publisher(request.auth, slug)
    try:
        profile.set_logo(publisher, request.auth, file.read(settings.LOCALWIRE_UPLOAD_MAX_BYTES + 1))
    except UploadRefused as exc:
        raise HttpError(400, str(exc)) from None
    return profile_out(publisher)
