"""Every write to comments goes through one function here, and every moderation act is logged.

Readers: ``post_comment``, ``edit_comment``, ``delete_own``, ``report``. Moderators: ``approve``,
``hide``, ``ban``, ``unban``. Each moderation act (and each automatic hold) adds a
``ModerationAction`` row saying who did it and why. Refusals are exceptions with a message a
reader can be shown as it is.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from localwire.community import moderation, throttle
from localwire.community.models import Ban, Comment, CommentReport, ModerationAction

log = logging.getLogger(__name__)


class Refused(Exception):
    """A comment write this reader may not make; ``str()`` is the message to show them."""

    status = 400


class Banned(Refused):
    status = 403


class NotAllowed(Refused):
    status = 403


class Duplicate(Refused):
    status = 409


class RateLimited(Refused):
    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def active_ban(user) -> Ban | None:
    ban = Ban.objects.filter(user=user).first()
    return ban if ban and ban.active() else None


def can_moderate(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    profile = getattr(user, "profile", None)
    return bool(profile and profile.is_moderator)


def _clean(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise Refused("A comment cannot be empty.")
    if len(body) > Comment.MAX_LENGTH:
        raise Refused(f"A comment can be at most {Comment.MAX_LENGTH:,} characters long.")
    return body


def _log(action: str, *, moderator=None, comment: Comment | None = None, target=None, reason: str = ""):
    target = target if target is not None else (comment.user if comment else None)
    ModerationAction.objects.create(
        moderator=moderator, moderator_name=moderator.get_username() if moderator else "",
        action=action, comment=comment, target_user=target,
        target_name=target.get_username() if target else "", reason=reason[:500])
    log.info("moderation %s by %s on comment %s user %s: %s", action,
             moderator.pk if moderator else "site", comment.pk if comment else "-",
             target.pk if target else "-", reason)


def _rate_limit(user, address: str, now: float | None) -> None:
    window = settings.LOCALWIRE_COMMENT_WINDOW
    waits = [throttle.spend(f"comment:user:{user.pk}", settings.LOCALWIRE_COMMENT_USER_LIMIT, window, now)]
    if address:
        waits.append(throttle.spend(f"comment:ip:{address}", settings.LOCALWIRE_COMMENT_IP_LIMIT, window, now))
    wait = max(waits)
    if wait:
        minutes = max(1, round(wait / 60))
        raise RateLimited(f"You are commenting too often. Please wait about {minutes} minute"
                          f"{'s' if minutes != 1 else ''} and try again.", wait)


def _report_limit(user, now: float | None) -> None:
    """Reports hold comments, so a reader flagging everything in sight is rationed like posting."""
    wait = throttle.spend(f"report:user:{user.pk}", settings.LOCALWIRE_REPORT_USER_LIMIT,
                          settings.LOCALWIRE_COMMENT_WINDOW, now)
    if wait:
        minutes = max(1, round(wait / 60))
        raise RateLimited(f"You have reported many comments in a short time. Please wait about {minutes} "
                          f"minute{'s' if minutes != 1 else ''} before reporting another.", wait)


def _is_duplicate(user, body: str, now: datetime, exclude: int | None = None) -> bool:
    same = moderation.normalise(body)
    recent = (Comment.objects.filter(user=user, created_at__gte=now - moderation.DUPLICATE_WINDOW)
              .exclude(status=Comment.Status.DELETED).exclude(pk=exclude).values_list("body", flat=True))
    return any(moderation.normalise(b) == same for b in recent)


def _account_age(user, now: datetime):
    return now - user.date_joined


def _verdict(user, body: str, now: datetime) -> moderation.Verdict:
    return moderation.score(body, account_age=_account_age(user, now))


def link_rule_for(user) -> str:
    """What the comment form tells this author about links: the rule ``_verdict`` applies to them."""
    return moderation.link_rule(_account_age(user, timezone.now()))


def post_comment(user, article, body: str, *, parent: Comment | None = None, address: str = "",
                 clock: float | None = None) -> Comment:
    """Post a comment (or a reply) as ``user``: published, or held for review when it looks suspicious.

    A reply to a reply attaches to the top comment, so threads are one level deep.
    ``clock`` (seconds since the epoch) is for tests of the rate limit.
    """
    if active_ban(user):
        raise Banned("Your account may not post comments.")
    body = _clean(body)
    if parent is not None:
        if parent.article_id != article.pk:
            raise Refused("That comment belongs to another article.")
        if parent.parent_id:
            parent = parent.parent
        if parent.status != Comment.Status.PUBLISHED:
            raise Refused("That comment is not open for replies.")
    now = timezone.now()
    if _is_duplicate(user, body, now):
        raise Duplicate("You posted this same comment in the last day.")
    _rate_limit(user, address, clock)
    verdict = _verdict(user, body, now)
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article, user=user, parent=parent, body=body, created_at=now,
            status=Comment.Status.HELD if verdict.hold else Comment.Status.PUBLISHED,
            hold_reasons=verdict.reasons if verdict.hold else [], score=verdict.score,
            ip_address=address or None)
        if verdict.hold:
            _log(ModerationAction.Kind.HOLD, comment=comment, reason="; ".join(verdict.reasons))
    return comment


def edit_comment(user, comment: Comment, body: str) -> Comment:
    """The author rewrites their comment; the new text is scored again and may be held."""
    if comment.user_id != user.pk:
        raise NotAllowed("You can only edit your own comments.")
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.HELD):
        raise NotAllowed("This comment can no longer be edited.")
    if active_ban(user):
        raise Banned("Your account may not post comments.")
    body = _clean(body)
    now = timezone.now()
    verdict = _verdict(user, body, now)
    with transaction.atomic():
        comment.body, comment.edited_at, comment.score = body, now, verdict.score
        if verdict.hold and comment.status == Comment.Status.PUBLISHED:
            comment.status, comment.hold_reasons = Comment.Status.HELD, verdict.reasons
            _log(ModerationAction.Kind.HOLD, comment=comment, reason="; ".join(verdict.reasons))
        comment.save(update_fields=["body", "edited_at", "score", "status", "hold_reasons"])
    return comment


def delete_own(user, comment: Comment) -> None:
    """The author removes their comment: the text goes, the row stays so replies keep their place."""
    if comment.user_id != user.pk:
        raise NotAllowed("You can only delete your own comments.")
    comment.status, comment.body = Comment.Status.DELETED, ""
    comment.save(update_fields=["status", "body"])


def report(user, comment: Comment, reason: str = "", *, clock: float | None = None) -> CommentReport:
    """Flag a comment for moderators; at ``REPORTS_TO_HOLD`` reports a published comment is held.

    Each reader may file ``LOCALWIRE_REPORT_USER_LIMIT`` reports per comment window; a refused
    report (own comment, not public, already reported) does not use up the allowance.
    """
    if comment.user_id == user.pk:
        raise NotAllowed("You cannot report your own comment.")
    if comment.status != Comment.Status.PUBLISHED:
        raise Refused("This comment is not public.")
    if CommentReport.objects.filter(comment=comment, reporter=user).exists():
        raise Duplicate("You have already reported this comment.")
    _report_limit(user, clock)
    try:
        with transaction.atomic():
            row = CommentReport.objects.create(comment=comment, reporter=user, reason=(reason or "")[:500])
    except IntegrityError:
        raise Duplicate("You have already reported this comment.") from None
    open_reports = comment.reports.filter(resolved=False).count()
    if open_reports >= moderation.REPORTS_TO_HOLD:
        with transaction.atomic():
            held = Comment.objects.filter(pk=comment.pk, status=Comment.Status.PUBLISHED).update(
                status=Comment.Status.HELD, hold_reasons=[f"reported by {open_reports} readers"])
            if held:
                comment.refresh_from_db()
                _log(ModerationAction.Kind.HOLD, comment=comment, reason=f"reported by {open_reports} readers")
    return row


def _need_moderator(user) -> None:
    if not can_moderate(user):
        raise NotAllowed("Only moderators can do this.")


def _need_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Please give a reason; it goes into the moderation log.")
    return reason


def approve(moderator, comment: Comment, reason: str = "") -> Comment:
    """Publish a held (or hidden) comment and close its reports."""
    _need_moderator(moderator)
    with transaction.atomic():
        comment.status = Comment.Status.PUBLISHED
        comment.save(update_fields=["status"])
        comment.reports.update(resolved=True)
        _log(ModerationAction.Kind.APPROVE, moderator=moderator, comment=comment, reason=reason.strip())
    return comment


def hide(moderator, comment: Comment, reason: str) -> Comment:
    """Take a comment off the page; the author still sees it, marked hidden. A reason is required."""
    _need_moderator(moderator)
    reason = _need_reason(reason)
    with transaction.atomic():
        comment.status = Comment.Status.HIDDEN
        comment.save(update_fields=["status"])
        comment.reports.update(resolved=True)
        _log(ModerationAction.Kind.HIDE, moderator=moderator, comment=comment, reason=reason)
    return comment


# What a moderator picks from in the queue: days, or None for a ban until lifted.
BAN_DAYS = {"1": 1, "7": 7, "30": 30, "permanent": None}


def ban_until(choice: str, now: datetime | None = None) -> datetime | None:
    """The end of a ban chosen in the queue ("1", "7", "30" days or "permanent")."""
    if choice not in BAN_DAYS:
        raise Refused("Please choose how long the ban lasts.")
    days = BAN_DAYS[choice]
    return None if days is None else (now or timezone.now()) + timedelta(days=days)


def _ban_term(until: datetime | None) -> str:
    if until is None:
        return "until lifted"
    return "until " + timezone.localtime(until).strftime("%Y-%m-%d %H:%M %Z")


def ban(moderator, user, reason: str, *, until: datetime | None = None, comment: Comment | None = None) -> Ban:
    """Stop ``user`` posting comments (for good, or until ``until``). Existing comments stay as they are.

    The log's reason says how long, so the log alone answers "when may they post again?".
    """
    _need_moderator(moderator)
    reason = _need_reason(reason)
    if user.pk == moderator.pk:
        raise Refused("You cannot ban yourself.")
    term = f" (banned {_ban_term(until)})"
    with transaction.atomic():
        row, _ = Ban.objects.update_or_create(user=user, defaults={
            "reason": reason[:500], "until": until, "created_at": timezone.now()})
        _log(ModerationAction.Kind.BAN, moderator=moderator, comment=comment, target=user,
             reason=reason[:500 - len(term)] + term)
    return row


def unban(moderator, user, reason: str = "") -> bool:
    _need_moderator(moderator)
    with transaction.atomic():
        removed = Ban.objects.filter(user=user).delete()[0] > 0
        if removed:
            _log(ModerationAction.Kind.UNBAN, moderator=moderator, target=user, reason=reason.strip())
    return removed


def thread(article, viewer=None) -> list[Comment]:
    return thread_and_count(article, viewer)[0]


def thread_and_count(article, viewer=None) -> tuple[list[Comment], int]:
    """``thread`` and ``published_count`` from one query: every published comment is among the rows.

    Top-level comments with ``shown_replies``, as ``viewer`` may see them.

    Everyone sees published comments; authors also see their own held and hidden ones; moderators
    see everything held. Deleted comments show (as a placeholder) only when they have visible replies.
    Each comment carries ``my_report`` (None, "open" or "resolved": whether the viewer reported it
    and a moderator has looked since) and, for moderators, ``open_reports``.
    """
    if not _any_under(article.pk):
        return [], 0
    signed_in = getattr(viewer, "is_authenticated", False)
    moderator = can_moderate(viewer)
    mine = Q(user_id=viewer.pk) if signed_in else Q(pk__in=[])
    visible = Q(status=Comment.Status.PUBLISHED) | (mine & ~Q(status=Comment.Status.DELETED))
    if moderator:
        visible |= Q(status=Comment.Status.HELD)
    query = (Comment.objects.filter(article=article).filter(visible | Q(status=Comment.Status.DELETED))
             .select_related("user__profile").order_by("created_at", "id"))
    if moderator:
        query = query.annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
    rows = list(query)
    reported = _reports_by(viewer, article) if signed_in else {}
    replies: dict[int, list[Comment]] = {}
    for row in rows:
        row.my_report = reported.get(row.pk)
        if row.parent_id and row.status != Comment.Status.DELETED:
            replies.setdefault(row.parent_id, []).append(row)
    top = []
    for row in rows:
        if row.parent_id:
            continue
        row.shown_replies = replies.get(row.pk, [])
        if row.status == Comment.Status.DELETED and not row.shown_replies:
            continue
        top.append(row)
    return top, sum(row.status == Comment.Status.PUBLISHED for row in rows)


def _any_under(article_id: int) -> bool:
    """Whether the article has a comment at all, in whatever state: one indexed lookup in plain SQL,
    so the many articles nobody commented on skip building the thread's query (a tenth of a page)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(Comment._meta.db_table)} "
                       "WHERE article_id = %s LIMIT 1", [article_id])
        return cursor.fetchone() is not None


def _reports_by(viewer, article) -> dict[int, str]:
    """{comment id: "open" | "resolved"} for the comments under ``article`` that ``viewer`` reported."""
    rows = CommentReport.objects.filter(reporter=viewer, comment__article=article).values_list("comment_id", "resolved")
    return {comment_id: "resolved" if resolved else "open" for comment_id, resolved in rows}


def published_count(article) -> int:
    return Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED).count()


def queue():
    """What moderators have to look at: held comments, and published ones with open reports."""
    return (Comment.objects.filter(Q(status=Comment.Status.HELD)
                                   | Q(status=Comment.Status.PUBLISHED, reports__resolved=False))
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
            .select_related("user", "article").prefetch_related(
                Prefetch("reports", queryset=CommentReport.objects.filter(resolved=False).select_related("reporter")))
            .distinct().order_by("created_at"))
