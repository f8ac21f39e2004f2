"""``/api/v1/me/publisher-claims…`` (claiming a profile), ``/api/v1/me/publishers`` (those I manage) and
``/api/v1/me/publishers/{slug}/managers`` (the team), with a bearer token or the site's session.

The work is in ``publishers/claims.py`` and ``publishers/team.py``; these read the request and shape
the answer. Another person's claim, and the team of a publisher one does not manage, are 404.
"""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.publishers import claims, team
from localwire.publishers.access import managed_publisher, publishers_of
from localwire.publishers.models import Claim
from localwire.sources.models import Publisher

router = Router(auth=READER, tags=["publishers"])


class ClaimIn(Schema):
    publisher: str  # the publisher's slug


class MethodOut(Schema):
    method: str  # "meta": put `text` in the <head> of `where`; "file": serve `text` as the file `where`
    where: str
    text: str


class ClaimOut(Schema):
    id: int
    publisher: str  # slug
    status: str  # pending or verified
    token: str
    methods: list[MethodOut]
    attempts: int
    last_failure: str  # why the last verification failed, in words; empty when it did not
    created_at: datetime
    verified_at: datetime | None = None


class VerifiedOut(Schema):
    status: str  # "verified"
    publisher: str
    portal_url: str


class ManagedOut(Schema):
    slug: str
    name: str
    kind: str
    website: str
    url: str  # the public profile
    portal_url: str


class ManagerOut(Schema):
    username: str
    via: str  # application, claim, invite or operator
    added_by: str | None = None
    since: datetime


class InviteIn(Schema):
    email: str


class InviteOut(Schema):
    id: int
    email: str
    expires_at: datetime
    invited_by: str | None = None


class TeamOut(Schema):
    managers: list[ManagerOut]
    invites: list[InviteOut]  # pending ones


def portal_url(publisher) -> str:
    return f"/portal/{publisher.slug}/"


def _methods(claim: Claim) -> list[MethodOut]:
    """Both ways to verify; none when the publisher's website has been removed since the claim began."""
    try:
        return [MethodOut(**m.__dict__) for m in claims.methods(claim)]
    except claims.ClaimError:
        return []


def claim_out(claim: Claim) -> ClaimOut:
    return ClaimOut(id=claim.pk, publisher=claim.publisher.slug, status=claim.status, token=claim.token,
                    methods=_methods(claim), attempts=claim.attempts,
                    last_failure=claim.last_failure, created_at=claim.created_at, verified_at=claim.verified_at)


def _own_claim(request, claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("publisher", "user"), pk=claim_id, user=request.auth)


@router.post("/me/publisher-claims", response={201: ClaimOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def start_claim(request, body: ClaimIn):
    """Claim a publisher's profile: put the token on its website by either method, then verify.
    Asking again gives the same pending claim back. Already a manager: 409."""
    publisher = get_object_or_404(Publisher, slug=body.publisher)
    try:
        claim = claims.start_claim(request.auth, publisher)
    except claims.AlreadyManager as exc:
        raise HttpError(409, str(exc)) from None
    except claims.ClaimError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, claim_out(claim))


@router.get("/me/publisher-claims", response=list[ClaimOut])
def list_claims(request):
    """My claims, newest first."""
    return [claim_out(c) for c in claims.claims_of(request.auth)]


@router.post("/me/publisher-claims/{claim_id}/verify",
             response={200: VerifiedOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut})
def verify_claim(request, claim_id: int):
    """Read the publisher's website for the token (home page meta tag, else the well-known file).
    400 says what was not found where; 429 after too many attempts in an hour."""
    claim = _own_claim(request, claim_id)
    try:
        claims.verify_claim(claim)
    except claims.TooManyAttempts as exc:
        raise HttpError(429, str(exc)) from None
    except claims.ClaimError as exc:
        raise HttpError(400, str(exc)) from None
    return VerifiedOut(status=claim.status, publisher=claim.publisher.slug, portal_url=portal_url(claim.publisher))


@router.get("/me/publishers", response=list[ManagedOut])
def my_publishers(request):
    """The publishers I manage."""
    return [ManagedOut(slug=p.slug, name=p.name, kind=p.kind, website=p.website,
                       url=reverse("publisher", args=[p.slug]), portal_url=portal_url(p))
            for p in publishers_of(request.auth)]


def _team_out(publisher) -> TeamOut:
    return TeamOut(
        managers=[ManagerOut(username=m.user.username, via=m.via, since=m.created_at,
                             added_by=m.added_by.username if m.added_by else None)
                  for m in team.managers_of(publisher)],
        invites=[InviteOut(id=i.pk, email=i.email, expires_at=i.expires_at,
                           invited_by=i.invited_by.username if i.invited_by else None)
                 for i in team.pending_invites(publisher)])


@router.get("/me/publishers/{slug}/managers", response={200: TeamOut, 404: ErrorOut})
def list_managers(request, slug: str):
    """The team: managers and pending invitations."""
    return _team_out(managed_publisher(request.auth, slug))


@router.post("/me/publishers/{slug}/managers", response={201: InviteOut, 400: ErrorOut, 404: ErrorOut})
def invite_manager(request, slug: str, body: InviteIn):
    """Invite someone by e-mail; the link (valid 7 days) goes only to them."""
    publisher = managed_publisher(request.auth, slug)
    try:
        row = team.invite(publisher, request.auth, body.email,
                          lambda token: request.build_absolute_uri(reverse("portal_invite", args=[token])))
    except team.TeamError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, InviteOut(id=row.pk, email=row.email, expires_at=row.expires_at,
                                 invited_by=request.auth.username))


@router.delete("/me/publishers/{slug}/managers/{username}", response={204: None, 400: ErrorOut, 404: ErrorOut})
def remove_manager(request, slug: str, username: str):
    """Remove a manager, or leave (my own username). The last manager cannot: 400."""
    publisher = managed_publisher(request.auth, slug)
    try:
        team.remove_manager(publisher, request.auth, username)
    except LookupError as exc:
        raise HttpError(404, str(exc)) from None
    except team.TeamError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(204, None)


@router.post("/me/publisher-invites/{token}/accept", response={200: ManagedOut, 400: ErrorOut})
def accept_invite(request, token: str):
    """Join a team through an invitation link's token; unknown, used or expired: 400 saying which."""
    try:
        p = team.accept_invite(token, request.auth)
    except team.TeamError as exc:
        raise HttpError(400, str(exc)) from None
    return ManagedOut(slug=p.slug, name=p.name, kind=p.kind, website=p.website,
                      url=reverse("publisher", args=[p.slug]), portal_url=portal_url(p))
