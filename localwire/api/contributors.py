"""``/api/v1/me/contributor…`` (applying, one's standing, appeals) and
``/api/v1/moderation/contributors…`` and ``/moderation/appeals…`` (labels, strikes, appeal
decisions), with a bearer token or the site's session. Every write is a function in
``contributors/actions.py``; these only read the request and shape the answer."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from localwire.api.auth import READER, require_moderator
from localwire.api.schemas import ErrorOut
from localwire.contributors import actions
from localwire.contributors.applying import CityRefused, apply_typed
from localwire.contributors.models import Appeal, Contributor, Post
from localwire.contributors.standing import standing_of

router = Router(auth=READER, tags=["contributors"])


class ApplyIn(Schema):
    name: str
    bio: str = ""
    home_city: str
    evidence: list[str] = []  # links to past work, read by moderators before a label


class ContributorOut(Schema):
    slug: str
    name: str
    bio: str
    label: str  # "Community Voice", "Community Voice Pro" or "Journalist", as cards and pages show it
    label_code: str  # the same as a stable value: community_voice, community_voice_pro or journalist
    status: str  # active, suspended or ended, as of now
    strikes: int  # active strikes
    suspended_until: datetime | None = None
    home_city: str
    url: str


class CityRefusedOut(Schema):
    detail: str
    choices: list[str]  # the gazetteer's labels of the towns the name could be; send one back


class LabelIn(Schema):
    label: str
    reason: str = ""


class StrikeIn(Schema):
    policy: str  # the Content Policy section broken, e.g. "copied-work"
    note: str = ""
    post_id: int | None = None


class StandingOut(Schema):
    strikes_active: int
    status: str
    suspended_until: datetime | None = None


class AppealIn(Schema):
    strike_id: int
    text: str


class AppealOut(Schema):
    id: int
    strike_id: int
    status: str
    text: str
    created_at: datetime


class AppealDecisionIn(Schema):
    decision: str  # "uphold" or "overturn"
    reason: str = ""


def contributor_out(contributor: Contributor) -> ContributorOut:
    current = standing_of(contributor, timezone.now())
    return ContributorOut(
        slug=contributor.slug, name=contributor.name, bio=contributor.bio, label=contributor.get_label_display(),
        label_code=contributor.label, status=current.status, strikes=current.strikes_active,
        suspended_until=current.suspended_until, home_city=contributor.home_label,
        url=contributor.get_absolute_url())


def _standing_out(current) -> StandingOut:
    return StandingOut(strikes_active=current.strikes_active, status=current.status,
                       suspended_until=current.suspended_until)


def own_contributor(request) -> Contributor:
    """The contributor the signed-in reader is; 404 saying how to become one."""
    contributor = Contributor.objects.filter(user=request.auth).first()
    if contributor is None:
        raise HttpError(404, "You are not a contributor; apply with POST /api/v1/me/contributor.")
    return contributor


def _refused(exc: actions.Refused):
    raise HttpError(409 if isinstance(exc, actions.Conflict) else 400, str(exc)) from None


@router.post("/me/contributor", response={201: ContributorOut, 400: CityRefusedOut, 409: ErrorOut})
def apply(request, body: ApplyIn):
    """Become a contributor (a Community Voice). The home city is read as the gazetteer labels it:
    an unknown one, or a name several towns share, is 400 with the `choices` to send back.
    A second application is 409."""
    try:
        contributor = apply_typed(request.auth, body.name, body.bio, body.home_city, body.evidence)
    except CityRefused as exc:
        return Status(400, CityRefusedOut(detail=str(exc), choices=exc.choices))
    except actions.Refused as exc:
        _refused(exc)
    return Status(201, contributor_out(contributor))


@router.get("/me/contributor", response={200: ContributorOut, 404: ErrorOut})
def get_mine(request):
    """My contributor profile, with my label, my standing now and my active strikes."""
    return contributor_out(own_contributor(request))


@router.post("/me/contributor/appeals", response={201: AppealOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def appeal(request, body: AppealIn):
    """Appeal one of my strikes, once, saying why it was wrong."""
    try:
        row = actions.appeal(own_contributor(request), body.strike_id, body.text)
    except LookupError as exc:
        raise HttpError(404, str(exc)) from None
    except actions.Refused as exc:
        _refused(exc)
    return Status(201, AppealOut(id=row.pk, strike_id=row.strike_id, status=row.status, text=row.text,
                                 created_at=row.created_at))


@router.post("/moderation/contributors/{slug}", response={200: ContributorOut, 400: ErrorOut, 403: ErrorOut,
                                                          404: ErrorOut})
def set_label(request, slug: str, body: LabelIn):
    """Moderators: set a contributor's label after checking the evidence they gave. Logged and mailed."""
    moderator = require_moderator(request)
    contributor = get_object_or_404(Contributor, slug=slug)
    try:
        actions.set_label(contributor, body.label, moderator, timezone.now(), reason=body.reason)
    except actions.Refused as exc:
        _refused(exc)
    return contributor_out(contributor)


@router.post("/moderation/contributors/{slug}/strikes",
             response={201: StandingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def add_strike(request, slug: str, body: StrikeIn):
    """Moderators: give a strike. The first active strike is a warning, the second suspends for
    7 days, the third ends the contributor's publishing. Logged and mailed."""
    moderator = require_moderator(request)
    contributor = get_object_or_404(Contributor, slug=slug)
    post = None
    if body.post_id is not None:
        post = Post.objects.filter(pk=body.post_id).first()
        if post is None:
            raise HttpError(400, f"There is no post {body.post_id}.")
    try:
        current = actions.add_strike(contributor, body.policy, body.note, moderator, timezone.now(), post=post)
    except actions.Refused as exc:
        _refused(exc)
    return Status(201, _standing_out(current))


@router.post("/moderation/appeals/{appeal_id}/decision",
             response={200: StandingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def decide_appeal(request, appeal_id: int, body: AppealDecisionIn):
    """Moderators: uphold or overturn an appeal; the answer is the contributor's standing after it."""
    moderator = require_moderator(request)
    row = get_object_or_404(Appeal.objects.select_related("strike__contributor__user"), pk=appeal_id)
    try:
        current = actions.decide_appeal(row, body.decision, body.reason, moderator, timezone.now())
    except actions.Refused as exc:
        _refused(exc)
    return _standing_out(current)
