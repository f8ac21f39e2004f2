"""Comment pages: posting, editing, deleting and reporting from the article page, the moderation
queue, and the community policy. Views stay thin; every write is a function in ``comments``."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from localwire.articles.models import Article
from localwire.community import comments, moderation, throttle
from localwire.community.models import Comment, ModerationAction


def _back(article_id: int, comment_id: int | None = None) -> str:
    anchor = f"#comment-{comment_id}" if comment_id else "#comments"
    return reverse("article", kwargs={"pk": article_id}) + anchor


IN_COMMENTS = "comments"  # shown in the comment section, where the page scrolls to (templatetags/notices.py)


def _refused(request, exc: comments.Refused, status_page: str):
    messages.error(request, str(exc), extra_tags=IN_COMMENTS)
    return redirect(status_page)


@login_required
@require_POST
def post(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    parent = None
    if request.POST.get("parent", "").isdigit():
        parent = get_object_or_404(Comment, pk=int(request.POST["parent"]), article=article)
    try:
        comment = comments.post_comment(request.user, article, request.POST.get("body", ""), parent=parent,
                                        address=throttle.client_address(request))
    except comments.Refused as exc:
        response = _refused(request, exc, _back(article.pk))
        if isinstance(exc, comments.RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if comment.status == Comment.Status.HELD:
        messages.info(request, "Thanks. Your comment is awaiting review by a moderator; until then only you "
                               "and the moderators see it.", extra_tags=IN_COMMENTS)
    return redirect(_back(article.pk, comment.pk))


@login_required
def edit(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, user=request.user)
    if request.method == "POST":
        try:
            comments.edit_comment(request.user, comment, request.POST.get("body", ""))
        except comments.Refused as exc:
            messages.error(request, str(exc))
        else:
            return redirect(_back(comment.article_id, comment.pk))
    return render(request, "community/comment_edit.html", {"comment": comment, "max_length": Comment.MAX_LENGTH,
                                                           "link_rule": comments.link_rule_for(request.user)})


@login_required
@require_POST
def delete(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk, user=request.user)
    comments.delete_own(request.user, comment)
    messages.success(request, "Your comment was deleted.", extra_tags=IN_COMMENTS)
    return redirect(_back(comment.article_id))


@login_required
@require_POST
def report(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    try:
        comments.report(request.user, comment, request.POST.get("reason", ""))
    except comments.Refused as exc:
        response = _refused(request, exc, _back(comment.article_id, comment.pk))
        if isinstance(exc, comments.RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    messages.success(request, "Thank you; moderators will look at it.", extra_tags=IN_COMMENTS)
    return redirect(_back(comment.article_id, comment.pk))


def _moderator(request) -> None:
    if not comments.can_moderate(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    _moderator(request)
    return render(request, "community/moderation.html", {
        "queue": comments.queue(),
        "log": ModerationAction.objects.select_related("comment__article")[:100],
    })


@login_required
@require_POST
def moderate(request, pk: int, action: str):
    _moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("user"), pk=pk)
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            comments.approve(request.user, comment, reason)
        elif action == "hide":
            comments.hide(request.user, comment, reason)
        elif action == "ban":
            until = comments.ban_until(request.POST.get("duration", "permanent"))
            comments.ban(request.user, comment.user, reason, until=until, comment=comment)
            if comment.status != Comment.Status.HIDDEN:
                comments.hide(request.user, comment, reason)
        else:
            raise PermissionDenied
    except comments.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Done: {action} on comment {comment.pk}.")
    return redirect("moderation")


@login_required
@require_POST
def unban(request, user_id: int):
    _moderator(request)
    user = get_object_or_404(get_user_model(), pk=user_id)
    comments.unban(request.user, user, request.POST.get("reason", ""))
    return redirect("moderation")


def policy(request):
    """The community policy; its numbers come from the rules and settings moderation applies."""
    return render(request, "community/policy.html", {
        "hold_rules": moderation.hold_rules(), "reports_to_hold": moderation.REPORTS_TO_HOLD,
        "comment_limit": settings.LOCALWIRE_COMMENT_USER_LIMIT,
        "window": timesince(timezone.now() - timedelta(seconds=settings.LOCALWIRE_COMMENT_WINDOW)),
    })
