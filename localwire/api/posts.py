"""``/api/v1/me/posts…`` (a contributor's own posts) and ``/api/v1/moderation/posts…`` (review),
with a bearer token or the site's session. Every write is a function in ``contributors/posts.py`` or
``contributors/review.py``; these only read the request and shape the answer. Someone else's post
answers 404, as a post that does not exist does: its existence is not theirs to learn."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from localwire.api.auth import READER, require_moderator
from localwire.api.contributors import CityRefusedOut, own_contributor
from localwire.api.schemas import ErrorOut
from localwire.articles.uploads import UPLOAD_URL_PREFIX, UploadRefused
from localwire.community import throttle
from localwire.contributors import posts, review
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.applying import CityRefused
from localwire.contributors.models import Post, PostImage

router = Router(auth=READER, tags=["posts"])


class ImageIn(Schema):
    data: str  # the file, base64-encoded
    caption: str
    credit: str


class PostIn(Schema):
    title: str
    body: str = ""
    place: str = ""  # a town as the gazetteer labels it; ambiguous or unknown: 400 with `choices`
    images: list[ImageIn] = []


class PostPatch(Schema):
    title: str | None = None
    body: str | None = None
    place: str | None = None
    note: str = ""  # for a published post: what changed; with `correction`, shown on the page
    correction: bool = False


class ImageOut(Schema):
    id: int
    url: str
    caption: str
    credit: str
    width: int
    height: int


class PostOut(Schema):
    id: int
    status: str  # draft, in_review, held, published or rejected
    title: str
    body: str
    place: str
    images: list[ImageOut]
    reasons: list[str]  # why the automatic rules held it, in the contributor's words
    article_url: str | None = None  # the article page, once published
    created_at: datetime
    updated_at: datetime


class ReviewPostOut(PostOut):
    contributor: str  # the contributor's slug
    submitted_at: datetime | None = None


class SubmittedOut(Schema):
    status: str
    reasons: list[str]


class SubmitRefusedOut(Schema):
    detail: str
    until: datetime | None = None  # the end of a suspension; null when publishing has ended


class DecisionIn(Schema):
    decision: str  # "publish" or "reject"
    reason: str = ""


def _image_out(image: PostImage) -> ImageOut:
    return ImageOut(id=image.pk, url=UPLOAD_URL_PREFIX + image.stored_name, caption=image.caption,
                    credit=image.credit, width=image.width, height=image.height)


def post_out(post: Post) -> PostOut:
    return PostOut(id=post.pk, status=post.status, title=post.title, body=post.body, place=post.place_label,
                   images=[_image_out(i) for i in post.images.all()], reasons=list(post.hold_reasons or []),
                   article_url=post.article.get_absolute_url() if post.article_id else None,
                   created_at=post.created_at, updated_at=post.updated_at)


def _review_out(post: Post) -> ReviewPostOut:
    return ReviewPostOut(**post_out(post).model_dump(), contributor=post.contributor.slug,
                         submitted_at=post.submitted_at)


def _own_post(request, post_id: int) -> Post:
    return get_object_or_404(Post.objects.select_related("contributor__user", "article"),
                             pk=post_id, contributor__user=request.auth)


def _refused(exc: Refused):
    raise HttpError(409 if isinstance(exc, Conflict) else 400, str(exc)) from None


def _decoded(image: ImageIn) -> bytes:
    try:
        return base64.b64decode(image.data, validate=True)
    except (binascii.Error, ValueError):
        raise HttpError(400, "An image's data must be base64.") from None


@router.post("/me/posts", response={201: PostOut, 400: CityRefusedOut | ErrorOut, 404: ErrorOut})
def create(request, body: PostIn):
    """A new draft, with images (base64, each with caption and credit) if given."""
    contributor = own_contributor(request)
    try:
        with transaction.atomic():  # one image refused: no post half made
            post = posts.create_post(contributor, title=body.title, body=body.body, place=body.place)
            for image in body.images:
                posts.attach_image(post, _decoded(image), image.caption, image.credit)
    except CityRefused as exc:
        return Status(400, CityRefusedOut(detail=str(exc), choices=exc.choices))
    except (Refused, UploadRefused) as exc:
        _refused(exc)
    return Status(201, post_out(post))


@router.get("/me/posts", response={200: list[PostOut], 404: ErrorOut})
def list_mine(request):
    """My posts, newest first, whatever their status."""
    found = Post.objects.filter(contributor=own_contributor(request)).select_related("article")
    return [post_out(p) for p in found.prefetch_related("images")]


@router.get("/me/posts/{post_id}", response={200: PostOut, 404: ErrorOut})
def get_one(request, post_id: int):
    return post_out(_own_post(request, post_id))


@router.patch("/me/posts/{post_id}", response={200: PostOut, 400: CityRefusedOut | ErrorOut, 404: ErrorOut})
def edit(request, post_id: int, body: PostPatch):
    """Edit my post. A post under review goes back to draft; a published one keeps a revision of
    what it was, and with `correction` the note is shown on its page with the date."""
    post = _own_post(request, post_id)
    try:
        posts.update_post(post, title=body.title, body=body.body, place=body.place, note=body.note,
                          correction=body.correction, site_host=request.get_host())
    except CityRefused as exc:
        return Status(400, CityRefusedOut(detail=str(exc), choices=exc.choices))
    except Refused as exc:
        _refused(exc)
    return post_out(post)


@router.delete("/me/posts/{post_id}", response={204: None, 404: ErrorOut, 409: ErrorOut})
def delete(request, post_id: int):
    """Delete a draft or a rejected post; others are 409."""
    try:
        posts.delete_post(_own_post(request, post_id))
    except Refused as exc:
        _refused(exc)
    return Status(204, None)


@router.post("/me/posts/{post_id}/images", response={201: ImageOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def add_image(request, post_id: int, file: File[UploadedFile], caption: Form[str] = "", credit: Form[str] = ""):
    """Multipart: `file`, `caption`, `credit` (both required). The picture is rebuilt from its pixels."""
    post = _own_post(request, post_id)
    try:
        image = posts.attach_image(post, file.read(), caption, credit)
    except (Refused, UploadRefused) as exc:
        _refused(exc)
    return Status(201, _image_out(image))


@router.post("/me/posts/{post_id}/submit",
             response={200: SubmittedOut, 403: SubmitRefusedOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut})
def submit(request, post_id: int):
    """Send my post to the moderators: `in_review`, or `held` with the reasons. 403 with the reason
    and `until` while suspended or after publishing ended; 429 over the rate limits."""
    post = _own_post(request, post_id)
    try:
        done = posts.submit_post(post, address=throttle.client_address(request), site_host=request.get_host())
    except posts.SubmitRefused as exc:
        return Status(403, SubmitRefusedOut(detail=str(exc), until=exc.until))
    except posts.RateLimited as exc:
        raise HttpError(429, str(exc)) from None
    except Refused as exc:
        _refused(exc)
    return SubmittedOut(status=done.status, reasons=done.reasons)


@router.get("/moderation/posts", response={200: list[ReviewPostOut], 400: ErrorOut, 403: ErrorOut})
def queue(request, status: str = Post.Status.IN_REVIEW):
    """Moderators: posts waiting for a decision, longest waiting first (`status` in_review or held)."""
    require_moderator(request)
    try:
        found = review.review_queue(status)
    except Refused as exc:
        _refused(exc)
    return [_review_out(p) for p in found.select_related("article")]


@router.post("/moderation/posts/{post_id}/decision",
             response={200: ReviewPostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def decide(request, post_id: int, body: DecisionIn):
    """Moderators: publish or reject (with a reason) a post in review or held. Logged and mailed."""
    moderator = require_moderator(request)
    post = get_object_or_404(Post, pk=post_id)
    try:
        post = review.decide(post, moderator, body.decision, body.reason, site_host=request.get_host())
    except Refused as exc:
        _refused(exc)
    return _review_out(post)
