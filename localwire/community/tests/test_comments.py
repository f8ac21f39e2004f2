"""Comments: posting, replies, editing, deleting, reports, holds, moderation, bans and rate limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.community import comments
from localwire.community.models import Ban, Comment, ModerationAction, Profile
from localwire.testing.factories import ArticleFactory, CommentFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _veteran(**kwargs):
    """A reader whose account is old enough to post links."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=40), **kwargs)


@pytest.fixture
def moderator():
    return ProfileFactory(role=Profile.Role.MODERATOR).user


def test_a_plain_comment_is_published_and_a_held_one_is_not_public(moderator):
    article, author, other = ArticleFactory(), _veteran(), _veteran()
    ok = comments.post_comment(author, article, "Good to see the library open again.")
    held = comments.post_comment(author, article, "The mayor is a moron.")
    assert ok.status == Comment.Status.PUBLISHED
    assert held.status == Comment.Status.HELD and held.hold_reasons == ["abusive words: moron"]
    assert comments.published_count(article) == 1
    assert [c.pk for c in comments.thread(article, None)] == [ok.pk]
    assert [c.pk for c in comments.thread(article, other)] == [ok.pk]
    assert [c.pk for c in comments.thread(article, author)] == [ok.pk, held.pk]
    assert held.pk in [c.pk for c in comments.thread(article, moderator)]
    assert [comments.thread_and_count(article, who)[1] for who in (None, author, moderator)] == [1, 1, 1]
    hold = ModerationAction.objects.get(comment=held)
    assert hold.action == "hold" and hold.moderator is None
    comments.approve(moderator, held, "sharp but fair")
    assert comments.published_count(article) == 2 == comments.thread_and_count(article, None)[1]
    assert ModerationAction.objects.filter(action="approve", moderator=moderator, comment=held).exists()


def test_a_reply_to_a_reply_attaches_to_the_top_comment():
    top = CommentFactory()
    reply = comments.post_comment(_veteran(), top.article, "Agreed.", parent=top)
    deeper = comments.post_comment(_veteran(), top.article, "Me too.", parent=reply)
    assert reply.parent == top and deeper.parent == top
    [shown] = comments.thread(top.article)
    assert [r.pk for r in shown.shown_replies] == [reply.pk, deeper.pk]


def test_reply_must_be_on_the_same_article():
    top = CommentFactory()
    with pytest.raises(comments.Refused):
        comments.post_comment(_veteran(), ArticleFactory(), "Wrong place.", parent=top)


def test_empty_and_overlong_comments_are_refused():
    user, article = _veteran(), ArticleFactory()
    with pytest.raises(comments.Refused, match="empty"):
        comments.post_comment(user, article, "   \n ")
    with pytest.raises(comments.Refused, match="4,000"):
        comments.post_comment(user, article, "a b " * 1001)


def test_the_same_text_twice_in_a_day_is_refused():
    user, article = _veteran(), ArticleFactory()
    comments.post_comment(user, article, "Road works again on Elm Street")
    with pytest.raises(comments.Duplicate):
        comments.post_comment(user, ArticleFactory(), "  road works AGAIN on elm street ")
    Comment.objects.filter(user=user).update(created_at=timezone.now() - timedelta(hours=25))
    assert comments.post_comment(user, article, "Road works again on Elm Street").pk


def test_per_user_rate_limit(settings):
    settings.LOCALWIRE_COMMENT_USER_LIMIT = 2
    user, article = _veteran(), ArticleFactory()
    comments.post_comment(user, article, "one", clock=1000.0)
    comments.post_comment(user, article, "two", clock=1001.0)
    with pytest.raises(comments.RateLimited) as refused:
        comments.post_comment(user, article, "three", clock=1002.0)
    assert refused.value.status == 429 and 590 <= refused.value.retry_after <= 600
    assert "too often" in str(refused.value)
    assert comments.post_comment(user, article, "three", clock=1000.0 + 601).pk  # the window passed


def test_per_address_rate_limit_counts_every_account(settings):
    settings.LOCALWIRE_COMMENT_IP_LIMIT = 3
    article = ArticleFactory()
    for n in range(3):
        comments.post_comment(_veteran(), article, f"note {n}", address="203.0.113.9", clock=50.0)
    with pytest.raises(comments.RateLimited):
        comments.post_comment(_veteran(), article, "one more", address="203.0.113.9", clock=51.0)
    assert comments.post_comment(_veteran(), article, "elsewhere", address="198.51.100.2", clock=51.0).pk


def test_a_banned_reader_cannot_post_or_edit(moderator):
    user, article = _veteran(), ArticleFactory()
    mine = comments.post_comment(user, article, "Before the ban.")
    comments.ban(moderator, user, "repeated abuse")
    with pytest.raises(comments.Banned):
        comments.post_comment(user, article, "After the ban.")
    with pytest.raises(comments.Banned):
        comments.edit_comment(user, mine, "Changed.")
    log = ModerationAction.objects.get(action="ban")
    assert (log.moderator, log.target_user, log.reason) == (moderator, user, "repeated abuse (banned until lifted)")
    comments.unban(moderator, user, "served")
    assert comments.post_comment(user, article, "Back again.").pk
    assert ModerationAction.objects.filter(action="unban", target_user=user).exists()


def test_an_expired_ban_no_longer_applies(moderator):
    user = _veteran()
    comments.ban(moderator, user, "cool off", until=timezone.now() - timedelta(minutes=1))
    assert comments.post_comment(user, ArticleFactory(), "Calm now.").pk


def test_hide_and_ban_need_a_moderator_and_a_reason(moderator):
    comment, reader = CommentFactory(), _veteran()
    with pytest.raises(comments.NotAllowed):
        comments.hide(reader, comment, "I do not like it")
    with pytest.raises(comments.NotAllowed):
        comments.ban(reader, comment.user, "nope")
    with pytest.raises(comments.Refused, match="reason"):
        comments.hide(moderator, comment, "  ")
    with pytest.raises(comments.Refused, match="reason"):
        comments.ban(moderator, comment.user, "")
    comments.hide(moderator, comment, "off topic")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert not comments.thread(comment.article, None)
    assert ModerationAction.objects.get(action="hide").reason == "off topic"


def test_staff_moderate_without_the_role():
    staff = UserFactory(is_staff=True)
    assert comments.can_moderate(staff)
    comments.hide(staff, CommentFactory(), "spam")


def test_three_reports_hold_a_comment():
    comment = CommentFactory()
    comments.report(_veteran(), comment, "rude")
    comments.report(_veteran(), comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    comments.report(_veteran(), comment, "still rude")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD and comment.hold_reasons == ["reported by 3 readers"]
    assert ModerationAction.objects.filter(action="hold", comment=comment, moderator=None).count() == 1
    assert list(comments.queue()) == [comment] and comments.queue()[0].open_reports == 3


def test_no_replies_under_a_held_comment():
    held = CommentFactory(status=Comment.Status.HELD)
    with pytest.raises(comments.Refused, match="not open"):
        comments.post_comment(_veteran(), held.article, "Sneaky reply.", parent=held)


def test_one_report_per_reader_and_none_for_your_own():
    comment, reader = CommentFactory(), _veteran()
    comments.report(reader, comment)
    with pytest.raises(comments.Duplicate):
        comments.report(reader, comment)
    with pytest.raises(comments.NotAllowed):
        comments.report(comment.user, comment)


def test_reported_comments_are_in_the_queue_until_approved(moderator):
    comment = CommentFactory()
    comments.report(_veteran(), comment, "spam?")
    assert list(comments.queue()) == [comment]
    comments.approve(moderator, comment)
    assert list(comments.queue()) == []


def test_edit_own_rescoring_and_delete_own():
    author, article = _veteran(), ArticleFactory()
    comment = comments.post_comment(author, article, "Nice park.")
    with pytest.raises(comments.NotAllowed):
        comments.edit_comment(_veteran(), comment, "Hijacked")
    comments.edit_comment(author, comment, "You are all idiots.")
    comment.refresh_from_db()
    assert comment.edited_at and comment.status == Comment.Status.HELD
    with pytest.raises(comments.NotAllowed):
        comments.delete_own(_veteran(), comment)
    comments.delete_own(author, comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED and comment.body == ""


def test_a_deleted_comment_keeps_its_place_only_when_it_has_replies():
    top = CommentFactory()
    lonely = CommentFactory(article=top.article)
    CommentFactory(article=top.article, parent=top)
    comments.delete_own(top.user, top)
    comments.delete_own(lonely.user, lonely)
    shown = comments.thread(top.article)
    assert [c.pk for c in shown] == [top.pk] and len(shown[0].shown_replies) == 1


def test_deleting_an_account_deletes_its_comments_and_keeps_the_log(moderator):
    from localwire.community import actions

    comment = CommentFactory()
    comments.hide(moderator, comment, "spam")
    actions.delete_account(comment.user)
    assert not Comment.objects.filter(pk=comment.pk).exists()
    row = ModerationAction.objects.get(action="hide")
    assert row.comment is None and row.target_name and row.reason == "spam"


def test_the_log_is_append_only(moderator):
    comments.hide(moderator, CommentFactory(), "spam")
    row = ModerationAction.objects.get()
    row.reason = "rewritten"
    with pytest.raises(ValueError):
        row.save()


def test_a_ban_is_one_row_per_reader(moderator):
    user = _veteran()
    comments.ban(moderator, user, "first")
    comments.ban(moderator, user, "second")
    assert Ban.objects.get(user=user).reason == "second"
    assert ModerationAction.objects.filter(action="ban").count() == 2


def test_reports_are_rate_limited_per_reader(settings):
    settings.LOCALWIRE_REPORT_USER_LIMIT, settings.LOCALWIRE_COMMENT_WINDOW = 2, 600
    reporter, targets = _veteran(), CommentFactory.create_batch(4)
    comments.report(reporter, targets[0], clock=100.0)
    with pytest.raises(comments.Duplicate):  # a refused report does not use up the allowance
        comments.report(reporter, targets[0], clock=101.0)
    comments.report(reporter, targets[1], clock=102.0)
    with pytest.raises(comments.RateLimited) as refused:
        comments.report(reporter, targets[2], clock=103.0)
    assert refused.value.retry_after == 597 and "reported many comments" in str(refused.value)
    assert comments.report(_veteran(), targets[2], clock=103.0).pk  # another reader has their own budget
    assert comments.report(reporter, targets[3], clock=701.0).pk  # the window is over


def test_a_seven_day_ban_ends_and_says_so_in_the_log(moderator):
    user, article = _veteran(), ArticleFactory()
    until = comments.ban_until("7")
    ban = comments.ban(moderator, user, "heated thread", until=until)
    assert abs(ban.until - (timezone.now() + timedelta(days=7))) < timedelta(seconds=5)
    assert ModerationAction.objects.get(action="ban").reason.startswith("heated thread (banned until 20")
    with pytest.raises(comments.Banned):
        comments.post_comment(user, article, "Let me back in.")
    Ban.objects.filter(user=user).update(until=timezone.now() - timedelta(seconds=1))  # a week later
    assert comments.post_comment(user, article, "Back, and calmer.").pk
    with pytest.raises(comments.Refused):
        comments.ban_until("forever")
    assert comments.ban_until("permanent") is None
