"""``{{ comment.body|comment_html }}`` and ``{% comments_section article %}`` for the article page."""

from __future__ import annotations

from django import template

from localwire.community import comments, moderation

register = template.Library()


@register.filter
def comment_html(body: str):
    """Plain text in, safe HTML out: escaped, http(s) links with rel="nofollow ugc noopener"."""
    return moderation.render(body or "")


@register.inclusion_tag("community/_comments.html", takes_context=True)
def comments_section(context, article):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    shown, count = comments.thread_and_count(article, user if signed_in else None)
    return {
        "article": article, "request": request, "user": user, "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages"), "thread": shown, "count": count,
        "signed_in": signed_in,
        "banned": signed_in and comments.active_ban(user) is not None,
        "moderator": comments.can_moderate(user),
        "max_length": comments.Comment.MAX_LENGTH,
        "link_rule": comments.link_rule_for(user) if signed_in else "",
    }
