"""``/api/v1/articles/{id}/comments`` and ``/api/v1/comments/{id}/report``.

Reading is open to anyone and lists published comments only. Posting and reporting need a
bearer token or the site's session, and obey the same rules as the site: rate limits answer 429
with ``Retry-After``, banned readers 403, duplicates 409. A held comment comes back with
``status: "held"`` and stays out of the public list until a moderator approves it.
"""

from __future__ import annotations

from datetime import datetime

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.articles.models import Article
from localwire.community import comments, throttle
from localwire.community.models import Comment

router = Router(tags=["comments"])


class CommentOut(Schema):
    id: int
    parent: int | None
    author: str
    body: str  # plain text as written; render it escaped
    status: str
    created_at: datetime
    edited_at: datetime | None


class CommentIn(Schema):
    body: str
    parent: int | None = None


class ReportIn(Schema):
    reason: str = ""


def _out(c: Comment) -> CommentOut:
    profile = getattr(c.user, "profile", None)
    return CommentOut(id=c.pk, parent=c.parent_id, author=profile.name if profile else c.user.get_username(),
                      body=c.body, status=c.status, created_at=c.created_at, edited_at=c.edited_at)


@router.get("/articles/{article_id}/comments", response=list[CommentOut], auth=None)
def list_comments(request, article_id: int):
    """An article's published comments, oldest first; replies carry their top comment's id in `parent`."""
    article = get_object_or_404(Article, pk=article_id)
    rows = (Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED)
            .select_related("user__profile").order_by("created_at", "id"))
    return [_out(c) for c in rows]


@router.post("/articles/{article_id}/comments", auth=READER,
             response={201: CommentOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut})
def post_comment(request, article_id: int, body: CommentIn):
    """Comment on an article (or reply, with `parent`). Comments that look suspicious are held for
    review (`status: "held"`) rather than published."""
    article = get_object_or_404(Article, pk=article_id)
    parent = get_object_or_404(Comment, pk=body.parent, article=article) if body.parent else None
    try:
        comment = comments.post_comment(request.auth, article, body.body, parent=parent,
                                        address=throttle.client_address(request))
    except comments.RateLimited as exc:
        return _too_often(exc)
    except comments.Refused as exc:
        return Status(exc.status, ErrorOut(detail=str(exc)))
    return Status(201, _out(comment))


def _too_often(exc: comments.RateLimited) -> JsonResponse:
    answer = JsonResponse({"detail": str(exc)}, status=429)
    answer["Retry-After"] = str(exc.retry_after)
    return answer


@router.post("/comments/{comment_id}/report", auth=READER,
             response={201: ErrorOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut})
def report_comment(request, comment_id: int, body: ReportIn):
    """Report a published comment to the moderators; once per reader and comment, and a limited
    number per reader in a window (429 with `Retry-After` beyond it)."""
    comment = get_object_or_404(Comment, pk=comment_id)
    try:
        comments.report(request.auth, comment, body.reason)
    except comments.RateLimited as exc:
        return _too_often(exc)
    except comments.Refused as exc:
        return Status(exc.status, ErrorOut(detail=str(exc)))
    return Status(201, ErrorOut(detail="Reported; thank you."))
