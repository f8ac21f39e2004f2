"""A contributor's own posts: write, edit, delete, add images and submit for review.

Every write to a post by its author is one function here; the API only reads the request and shapes
the answer. Errors are ``actions.Refused`` (400) or ``actions.Conflict`` (409) with a message for
the contributor; a submission refused for the contributor's standing is ``SubmitRefused`` (403) and
one over the rate limits ``RateLimited`` (429).

Lifecycle: ``draft`` → submit → ``in_review`` or ``held`` → a moderator publishes or rejects
(``review.py``). Editing a post a moderator has not decided yet (``in_review``, ``held``) takes it
back to ``draft``: what the rules read and what the moderator decides must be the same text, so it
is submitted again. A ``rejected`` post may be edited and submitted again. A ``published`` post keeps
a ``PostRevision`` of what it was before each edit, and its article follows the edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from localwire.articles.uploads import accept_upload, store_upload
from localwire.community import throttle
from localwire.contributors import notify, publish
from localwire.contributors.access import may_submit
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.applying import CityRefused
from localwire.contributors.holds import holds_for
from localwire.contributors.models import Contributor, Decision, Post, PostImage, PostRevision
from localwire.nlp import cities

MAX_TITLE, MAX_BODY, MAX_IMAGES = 300, 50_000, 20
EDITABLE_IN_PLACE = {Post.Status.DRAFT, Post.Status.IN_REVIEW, Post.Status.HELD, Post.Status.REJECTED}
BACK_TO_DRAFT = {Post.Status.IN_REVIEW, Post.Status.HELD}
DELETABLE = {Post.Status.DRAFT, Post.Status.REJECTED}
SUBMITTABLE = {Post.Status.DRAFT, Post.Status.REJECTED}


class SubmitRefused(Refused):
    """The contributor may not submit now (suspended or ended); ``until`` ends a suspension."""

    def __init__(self, message: str, until: datetime | None):
        super().__init__(message)
        self.until = until


class RateLimited(Refused):
    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Submitted:
    status: str  # "in_review" or "held"
    reasons: list[str]  # what the automatic rules found, in the contributor's words; empty when none


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title or len(title) > MAX_TITLE:
        raise Refused(f"A title is needed, of at most {MAX_TITLE} characters.")
    return title


def _body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if len(body) > MAX_BODY:
        raise Refused(f"A post can be at most {MAX_BODY:,} characters long.")
    return body


def _place(text: str) -> tuple[str, int | None]:
    """(label, GeoNames id) of the place typed, as the gazetteer labels it; ("", None) for none.
    An unknown name, or one several towns share, is ``CityRefused`` with the labels to choose from."""
    if not (text or "").strip():
        return "", None
    match = cities.look_up(text)
    if match.city is None:
        raise CityRefused(match.message, [c.label for c in match.choices])
    return match.city.label, match.city.geonameid


def create_post(contributor: Contributor, *, title: str, body: str, place: str = "") -> Post:
    """A new draft. Writing is open to every contributor; a suspension stops submitting, not drafts."""
    title, body = _title(title), _body(body)
    label, geonameid = _place(place)
    return Post.objects.create(contributor=contributor, title=title, body=body, place_label=label,
                               place_geonameid=geonameid)


def update_post(post: Post, *, title: str | None = None, body: str | None = None, place: str | None = None,
                note: str = "", correction: bool = False, now: datetime | None = None,
                site_host: str = "") -> Post:
    """Edit a post. Not yet published: in place (one under review goes back to draft). Published:
    a ``PostRevision`` keeps what it was, its article follows, and with ``correction`` the note is
    the correction readers see on the page, dated."""
    now = now or timezone.now()
    new_title = post.title if title is None else _title(title)
    new_body = post.body if body is None else _body(body)
    label, geonameid = (post.place_label, post.place_geonameid) if place is None else _place(place)
    if correction and post.status != Post.Status.PUBLISHED:
        raise Refused("Only a published post takes a correction; edit this one as it is.")
    if correction and not note.strip():
        raise Refused("A correction needs a note saying what was wrong and what was corrected.")
    with transaction.atomic():
        if post.status == Post.Status.PUBLISHED:
            PostRevision.objects.create(post=post, title=post.title, body=post.body,
                                        is_correction=correction, note=note.strip())
        elif post.status in BACK_TO_DRAFT:
            post.status, post.hold_reasons = Post.Status.DRAFT, []
        post.title, post.body, post.place_label, post.place_geonameid = new_title, new_body, label, geonameid
        post.save()
        if post.status == Post.Status.PUBLISHED:
            publish.refresh_article(post, now, site_host)
    return post


def delete_post(post: Post) -> None:
    """Delete a draft or a rejected post. One under review waits for its decision; a published
    one stays (a moderator takes it down): nothing readers have seen disappears silently."""
    if post.status not in DELETABLE:
        raise Conflict(f"A {post.get_status_display().lower()} post cannot be deleted; only drafts and "
                       "rejected posts can. A moderator takes down a published post.")
    post.delete()


def attach_image(post: Post, data: bytes, caption: str, credit: str) -> PostImage:
    """Add an image, rebuilt from its pixels (``accept_upload``), after the others. Captions and
    credits are required. A published post's images stay as they were published."""
    if post.status == Post.Status.PUBLISHED:
        raise Conflict("Images are added before a post is published.")
    if post.images.count() >= MAX_IMAGES:
        raise Refused(f"A post can have at most {MAX_IMAGES} images.")
    upload = accept_upload(data, caption, credit)  # UploadRefused is a ValueError with the reason
    name = store_upload(upload)
    last = post.images.aggregate(n=Max("order"))["n"]
    return PostImage.objects.create(post=post, stored_name=name, caption=upload.caption, credit=upload.credit,
                                    width=upload.width, height=upload.height,
                                    order=0 if last is None else last + 1)


def _rate_limit(contributor: Contributor, address: str, now: datetime) -> None:
    window, moment = settings.LOCALWIRE_POST_SUBMIT_WINDOW, now.timestamp()
    waits = [throttle.spend(f"post-submit:user:{contributor.user_id}",
                            settings.LOCALWIRE_POST_SUBMIT_USER_LIMIT, window, moment)]
    if address:
        waits.append(throttle.spend(f"post-submit:ip:{address}", settings.LOCALWIRE_POST_SUBMIT_IP_LIMIT,
                                    window, moment))
    wait = max(waits)
    if wait:
        minutes = max(1, round(wait / 60))
        raise RateLimited(f"You are submitting too often. Please wait about {minutes} minute"
                          f"{'s' if minutes != 1 else ''}.", wait)


def _submitted_today(post: Post, now: datetime) -> int:
    """Posts the contributor submitted since midnight (the site's time zone), this one included."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    earlier = Post.objects.filter(contributor=post.contributor, submitted_at__gte=midnight).exclude(pk=post.pk)
    return earlier.count() + 1


def submit_post(post: Post, *, address: str = "", now: datetime | None = None, site_host: str = "") -> Submitted:
    """Send a post to the moderators. Refused for a suspended or ended contributor and over the rate
    limits; the automatic rules then hold it (logged and mailed) or it waits ``in_review``."""
    now = now or timezone.now()
    if post.status not in SUBMITTABLE:
        raise Conflict(f"This post is {post.get_status_display().lower()}; only a draft or a rejected "
                       "post can be submitted.")
    allowed, reason, until = may_submit(post.contributor, now)
    if not allowed:
        raise SubmitRefused(reason, until)
    _rate_limit(post.contributor, address, now)
    own = Post.objects.filter(contributor=post.contributor, article__isnull=False).values_list("article_id", flat=True)
    holds = holds_for(post.title, post.body, _submitted_today(post, now), site_host, own_articles=list(own))
    reasons = [hold.message for hold in holds]
    with transaction.atomic():
        post.status = Post.Status.HELD if holds else Post.Status.IN_REVIEW
        post.hold_reasons, post.submitted_at = reasons, now
        post.save(update_fields=["status", "hold_reasons", "submitted_at", "updated_at"])
        if holds:
            notify.record(post.contributor, Decision.Action.HOLD, " ".join(reasons), now, post=post,
                          details=f"Your post '{post.title}' waits for a moderator, who reads these reasons first.")
    return Submitted(post.status, reasons)
