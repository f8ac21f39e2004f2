"""``/api/v1/me/publishers/{slug}/articles…``: a manager's list of the publisher's articles, taking
one down, and re-fetching one after a correction. Every call starts with ``managed_publisher``: to
anyone who does not manage the publisher, and for another publisher's article, the answer is 404.
The work and its audit log are in ``publishers/article_actions.py``."""

from __future__ import annotations

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.paging import page_of
from localwire.publishers import article_actions as actions
from localwire.publishers.access import managed_publisher

router = Router(auth=READER, tags=["publisher portal"])
PAGE_SIZE = 50


class ManagedArticleOut(Schema):
    id: int
    title: str
    url: str  # on the publisher's site
    page: str  # on this site
    published_at: datetime
    views: int  # counted page views, as of the last flush
    from_feed_only: bool  # stored from the feed's content: the page could not be read
    corrected_at: datetime | None = None
    correction_note: str = ""


class TakenDownOut(Schema):
    id: int  # the id the article had
    status: str  # always "taken_down"
    title: str
    url: str
    reason: str
    by: str  # the username of whoever took it down
    taken_down_at: datetime


class ManagedArticlesOut(Schema):
    items: list[ManagedArticleOut]  # newest first
    page: int
    next_page: int | None = None
    taken_down: list[TakenDownOut]  # most recent first


class TakedownIn(Schema):
    reason: str  # required; kept in the audit log


class RefetchIn(Schema):
    note: str = ""  # shown on the article page as "Corrected <date>: note"; a plain default without it


class RefetchedOut(Schema):
    id: int
    status: str  # always "refetched"
    changed: bool  # false: the page says what was stored, and nothing (not even the correction date) changed
    corrected_at: datetime | None = None


def _taken_down_out(record) -> TakenDownOut:
    return TakenDownOut(id=record.article_id, status="taken_down", title=record.title, url=record.url,
                        reason=record.reason, by=record.by_name, taken_down_at=record.taken_down_at)


@router.get("/me/publishers/{slug}/articles", response={200: ManagedArticlesOut, 404: ErrorOut})
def list_articles(request, slug: str, q: str = "", page: int = Query(1, ge=1)):
    """The publisher's articles newest first, with views; `q` keeps those whose title holds it."""
    publisher = managed_publisher(request.auth, slug)
    found = page_of(actions.articles_of(publisher, q), str(page), PAGE_SIZE)
    items = [ManagedArticleOut(id=a.pk, title=a.title, url=a.url, page=a.get_absolute_url(),
                               published_at=a.published_at, views=a.views, from_feed_only=a.from_feed_only,
                               corrected_at=a.corrected_at, correction_note=a.correction_note)
             for a in found.object_list]
    return ManagedArticlesOut(items=items, page=found.number, next_page=page + 1 if found.has_next else None,
                              taken_down=[_taken_down_out(r) for r in actions.taken_down_of(publisher)])


@router.post("/me/publishers/{slug}/articles/{article_id}/takedown",
             response={200: TakenDownOut, 400: ErrorOut, 404: ErrorOut})
def take_down(request, slug: str, article_id: int, body: TakedownIn):
    """Gone at once from every page, list, feed, search and the API (which answers 410 for it);
    never stored again. The reason is required."""
    publisher = managed_publisher(request.auth, slug)
    try:
        record = actions.take_down_article(publisher, article_id, request.auth, body.reason)
    except actions.TakedownRefused as exc:
        raise HttpError(400, str(exc)) from None
    return _taken_down_out(record)


def _note(request) -> str:
    """The optional body read by hand: a schema parameter would refuse a POST without one."""
    if "json" not in request.content_type or not request.body.strip():
        return ""  # nothing sent (or a form's empty body): the default note
    try:
        note = RefetchIn.model_validate_json(request.body).note
    except ValueError:
        raise HttpError(400, 'The body is JSON, {"note": "…"}, or nothing.') from None
    return note


@router.post("/me/publishers/{slug}/articles/{article_id}/refetch",
             response={200: RefetchedOut, 400: ErrorOut, 404: ErrorOut},
             openapi_extra={"requestBody": {"required": False, "content": {
                 "application/json": {"schema": RefetchIn.model_json_schema()}}}})
def refetch(request, slug: str, article_id: int):
    """Fetch the article's page again and store what changed; 400 saying why when the page cannot be
    read (the article is left as it was). The body, `{note}`, may be left out altogether."""
    publisher = managed_publisher(request.auth, slug)
    try:
        done = actions.refetch_article(publisher, article_id, request.auth, _note(request))
    except actions.RefetchFailed as exc:
        raise HttpError(400, str(exc)) from None
    return RefetchedOut(id=done.article_id, status="refetched", changed=done.changed, corrected_at=done.corrected_at)
