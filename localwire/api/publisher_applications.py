"""``/api/v1/publisher-applications`` (a publisher asking to join, with the checks run at once) and
``/api/v1/moderation/publisher-applications…`` (operators deciding). Every write is
``publishers.applying``; these read the request and shape the answer."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from localwire.api.auth import READER, require_moderator
from localwire.api.schemas import ErrorOut
from localwire.community.comments import can_moderate
from localwire.publishers import applying
from localwire.publishers.models import Application

router = Router(auth=READER, tags=["publishers"])
LIST_LIMIT = 100


class ApplicationIn(Schema):
    name: str
    website: str
    feeds: list[str]
    home_city: str = ""
    about: str = ""
    contact_email: str


class DecisionIn(Schema):
    decision: str  # "approve" or "reject"
    reason: str = ""  # needed to reject; the applicant reads it


class ApplicationOut(Schema):
    id: int
    status: str  # pending, approved or rejected
    name: str
    website: str
    feeds: list[str]
    home_city: str
    about: str
    contact_email: str
    checks: dict  # {feeds: [{url, feed_url, ok, title, checks: [{name, ok, detail}]}], site: {url, checks}, passed, failed}
    checked_at: datetime | None = None
    created_at: datetime
    reason: str  # the operator's, once decided
    decided_at: datetime | None = None
    publisher: str | None = None  # the new publisher's slug, once approved
    url: str  # the application's page on the site


def application_out(row: Application) -> ApplicationOut:
    return ApplicationOut(
        id=row.pk, status=row.status, name=row.name, website=row.website, feeds=list(row.feeds),
        home_city=row.home_city, about=row.about, contact_email=row.contact_email, checks=row.checks or {},
        checked_at=row.checked_at, created_at=row.created_at, reason=row.reason, decided_at=row.decided_at,
        publisher=row.publisher.slug if row.publisher_id and row.publisher else None,
        url=f"/for-publishers/applications/{row.pk}")


def _refused(exc: applying.Refused):
    raise HttpError(409 if isinstance(exc, applying.Conflict) else 400, str(exc)) from None


@router.post("/publisher-applications", response={201: ApplicationOut, 400: ErrorOut, 409: ErrorOut})
def apply(request, body: ApplicationIn):
    """Ask for a publisher to be added. Its feeds and site are checked at once (up to about 20 seconds)
    and the answer carries what was found; an operator decides. More than 3 waiting is 409."""
    try:
        row = applying.apply(request.auth, body.name, body.website, body.feeds, body.home_city, body.about,
                             body.contact_email)
    except applying.Refused as exc:
        _refused(exc)
    return Status(201, application_out(row))


@router.get("/publisher-applications/{application_id}", response={200: ApplicationOut, 404: ErrorOut})
def get_application(request, application_id: int):
    """One application, for the person who sent it or a moderator; 404 to anyone else."""
    row = Application.objects.select_related("publisher").filter(pk=application_id).first()
    if row is None or not (row.user_id == request.auth.pk or can_moderate(request.auth)):
        raise HttpError(404, "No application of yours has that id.")
    return application_out(row)


@router.get("/me/publisher-applications", response=list[ApplicationOut])
def my_applications(request):
    """The applications I sent, newest first."""
    rows = Application.objects.filter(user=request.auth).select_related("publisher")[:LIST_LIMIT]
    return [application_out(row) for row in rows]


@router.get("/moderation/publisher-applications", response={200: list[ApplicationOut], 400: ErrorOut,
                                                            403: ErrorOut})
def queue(request, status: str = "pending"):
    """Moderators: applications by status (pending first in line: oldest first; decided: newest first)."""
    require_moderator(request)
    if status not in Application.Status.values:
        raise HttpError(400, f"status is one of {', '.join(Application.Status.values)}.")
    rows = Application.objects.filter(status=status).select_related("publisher")
    if status == Application.Status.PENDING:
        rows = rows.order_by("created_at", "id")
    return [application_out(row) for row in rows[:LIST_LIMIT]]


@router.post("/moderation/publisher-applications/{application_id}/decision",
             response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def decide(request, application_id: int, body: DecisionIn):
    """Moderators: approve (creates the publisher and its feeds, and makes the applicant its manager)
    or reject with a reason. The applicant is mailed either way; a decided application is 409."""
    moderator = require_moderator(request)
    row = get_object_or_404(Application.objects.select_related("user"), pk=application_id)
    try:
        applying.decide(row, moderator, body.decision, body.reason)
    except applying.Refused as exc:
        _refused(exc)
    return application_out(row)
