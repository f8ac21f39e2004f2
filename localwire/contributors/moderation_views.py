"""/moderation/posts: the moderators' queue of submitted posts, in two tabs (In review, Held), each
post rendered as it will be published, with its images, hold reasons and contributor. Publishing and
rejecting go through ``review.decide``, which checks the moderator again and logs and mails the
decision; this page only reads the form and says what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from localwire.articles.markdown import render_markdown
from localwire.articles.uploads import UPLOAD_URL_PREFIX
from localwire.community.comments import can_moderate
from localwire.contributors import review
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.models import Post
from localwire.contributors.write_forms import DecisionForm

TABS = [(Post.Status.IN_REVIEW, "In review"), (Post.Status.HELD, "Held")]


def _moderator(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


def _shown(post: Post, host: str) -> Post:
    """The post with its body as readers would get it: the same sanitised renderer as publishing."""
    post.body_html = mark_safe(render_markdown(post.body, host))  # sanitised by render_markdown
    return post


def _queue_page(request, status: str, error: tuple[int, str] | None = None, code: int = 200):
    queue = [_shown(post, request.get_host()) for post in review.review_queue(status)]
    counts = {value: Post.objects.filter(status=value).count() for value, _ in TABS}
    return render(request, "contributors/moderation_posts.html", {
        "tabs": [(value, name, counts[value]) for value, name in TABS], "status": status,
        "queue": queue, "error": error, "upload_prefix": UPLOAD_URL_PREFIX,
    }, status=code)


@login_required
def post_queue(request):
    _moderator(request)
    status = request.GET.get("status", Post.Status.IN_REVIEW)
    if status not in dict(TABS):
        status = Post.Status.IN_REVIEW
    return _queue_page(request, status)


@login_required
@require_POST
def decide_post(request, pk: int):
    """Publish or reject one post; a rejection without a reason is shown again with the error."""
    _moderator(request)
    post = get_object_or_404(Post, pk=pk)
    waiting_in = post.status if post.status in dict(TABS) else Post.Status.IN_REVIEW
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, waiting_in, (post.pk, "Choose Publish or Reject."), 400)
    try:
        review.decide(post, request.user, form.cleaned_data["decision"], form.cleaned_data["reason"],
                      site_host=request.get_host())
    except Conflict as refused:
        return _queue_page(request, waiting_in, (post.pk, str(refused)), 409)
    except Refused as refused:
        return _queue_page(request, waiting_in, (post.pk, str(refused)), 400)
    done = "Published" if form.cleaned_data["decision"] == "publish" else "Rejected"
    messages.success(request, f"{done}: “{post.title}”. The contributor has been told.")
    return redirect(f"{reverse('moderation_posts')}?status={waiting_in}")
