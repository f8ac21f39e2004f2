"""What the comment section tells each reader: the link rule as moderation applies it, the comment
count in words, a reader's own reports, and the ways staff reach the queue and the admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localwire.community import comments, moderation
from localwire.community.models import Comment, Profile
from localwire.testing.factories import ArticleFactory, CommentFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(age: timedelta, **user) -> Client:
    person = ProfileFactory(user=UserFactory(date_joined=timezone.now() - age, **user)).user
    client = Client()
    client.force_login(person)
    client.user = person
    return client


def _help_text(client, article) -> str:
    page = client.get(article.get_absolute_url()).content.decode()
    return page.split('class="comment-form__help">')[1].split("</p>")[0]


@pytest.mark.parametrize("new_account", [timedelta(hours=20), timedelta(days=3)])
@pytest.mark.parametrize("age", [timedelta(hours=2), timedelta(days=2), timedelta(days=40)])
def test_the_form_says_what_moderation_does_with_a_link(monkeypatch, new_account, age):
    """The form's words and the hold come from one rule: change the rule and both follow."""
    monkeypatch.setattr(moderation, "NEW_ACCOUNT", new_account)
    article, reader = ArticleFactory(), _signed_in(age)
    text = _help_text(reader, article)
    reader.post(reverse("comment_post", args=[article.pk]), {"body": "Timetable: https://bus.example.org/42"})
    held = Comment.objects.get().status == Comment.Status.HELD
    assert held == (age < new_account)
    assert ("Links from new accounts wait for a moderator" in text) == held
    assert ("Links are fine" in text) == (not held)
    assert ("3 days old" in text) == (held and new_account == timedelta(days=3))


def test_the_edit_page_says_the_same_about_links():
    reader = _signed_in(timedelta(hours=1))
    comment = CommentFactory(user=reader.user)
    page = reader.get(reverse("comment_edit", args=[comment.pk])).content.decode()
    assert "Links from new accounts wait for a moderator" in page and "links are fine" not in page


def test_the_policy_lists_the_holds_moderation_applies(client, settings):
    settings.LOCALWIRE_COMMENT_USER_LIMIT = 7
    page = client.get(reverse("community_policy")).content.decode()
    assert f"More than {moderation.MAX_LINKS} links." in page
    assert "A link from an account less than a day old." in page
    assert "You can post 7 comments every 10" in page
    # Capitals alone do not hold a comment; the policy no longer says they do.
    shouting = "THE COUNCIL MEETING RAN LATE AGAIN TONIGHT"
    assert not moderation.score(shouting).hold and "text in capitals" not in page


@pytest.mark.parametrize("published, heading", [(0, "No comments yet"), (1, "1 comment"), (2, "2 comments")])
def test_the_heading_counts_in_words(client, published, heading):
    article = ArticleFactory()
    for _ in range(published):
        CommentFactory(article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)  # not counted
    page = client.get(article.get_absolute_url()).content.decode()
    title = page.split('id="comments-title">')[1].split("</h2>")[0]
    assert title.replace('<span class="comments__count">', "").replace("</span>", "") == heading


def test_a_reader_sees_their_report_and_is_not_offered_report_again():
    comment = CommentFactory()
    reporter, bystander = _signed_in(timedelta(days=40)), _signed_in(timedelta(days=40))
    reporter.post(reverse("comment_report", args=[comment.pk]), {"reason": "spam"})
    mine = _section_of(reporter, comment)
    assert "Reported — thank you; a moderator will look" in mine
    assert "<summary>Report</summary>" not in mine and reverse("comment_report", args=[comment.pk]) not in mine
    theirs = _section_of(bystander, comment)
    assert "<summary>Report</summary>" in theirs and "Reported —" not in theirs

    staff = UserFactory(is_staff=True)
    comments.approve(staff, comment, "fine")  # the moderator looked and kept it
    after = _section_of(reporter, comment)
    assert "a moderator looked and kept it" in after and "<summary>Report</summary>" not in after


def _section_of(client, comment) -> str:
    page = client.get(comment.article.get_absolute_url()).content.decode()
    return page.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]


def test_staff_find_the_queue_and_the_admin_from_their_account_pages():
    reader = _signed_in(timedelta(days=40))
    moderator = _signed_in(timedelta(days=40))
    Profile.objects.filter(user=moderator.user).update(role=Profile.Role.MODERATOR)
    operator = _signed_in(timedelta(days=40), is_staff=True, is_superuser=True)
    queue, admin = f'href="{reverse("moderation")}"', f'href="{reverse("admin:index")}"'
    for page_name in ("account", "following"):
        assert queue not in reader.get(reverse(page_name)).content.decode()
        moderator_page = moderator.get(reverse(page_name)).content.decode()
        assert queue in moderator_page and admin not in moderator_page
        operator_page = operator.get(reverse(page_name)).content.decode()
        assert queue in operator_page and admin in operator_page
    queue_page = operator.get(reverse("moderation")).content.decode()
    assert reverse("admin:community_comment_changelist") in queue_page


def test_staff_see_queue_and_admin_links_beside_held_and_reported_comments():
    article = ArticleFactory()
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    reported, plain = CommentFactory(article=article), CommentFactory(article=article)
    comments.report(_signed_in(timedelta(days=40)).user, reported, "rude")
    operator = _signed_in(timedelta(days=40), is_staff=True, is_superuser=True)
    for comment in (held, reported):
        section = _section_of(operator, comment)
        assert f'{reverse("moderation")}#queued-{comment.pk}' in section
        assert reverse("admin:community_comment_change", args=[comment.pk]) in section
    assert "Reported 1 time<" in _section_of(operator, reported)
    assert reverse("moderation") not in _section_of(operator, plain)
    assert operator.get(reverse("admin:community_comment_change", args=[held.pk])).status_code == 200
    reader_view = _section_of(_signed_in(timedelta(days=40)), reported)
    assert reverse("moderation") not in reader_view and "Reported 1 time" not in reader_view


def test_the_held_message_names_everyone_who_can_see_the_comment():
    """Moderators see held comments too; the author is not told that only they can."""
    article, author = ArticleFactory(), _signed_in(timedelta(hours=1))
    response = author.post(reverse("comment_post", args=[article.pk]), {"body": "See https://x.example.org/"},
                           follow=True)
    notice = response.content.decode().split('id="comments"')[1].split('class="messages"')[1].split("</ul>")[0]
    assert "awaiting review" in notice and "only you and the moderators see it" in notice
    moderator = _signed_in(timedelta(days=40), is_staff=True)
    assert "https://x.example.org/" in moderator.get(article.get_absolute_url()).content.decode()
