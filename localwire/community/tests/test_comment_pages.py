"""Comments on the article page, the moderation queue, the policy page and the comments API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localwire.community import comments
from localwire.community.models import ApiToken, Comment, ModerationAction, Profile
from localwire.testing.factories import ArticleFactory, CommentFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3) https://ok.example.org/"onclick="x'


def _reader(client=None):
    user = ProfileFactory(user=UserFactory(date_joined=timezone.now() - timedelta(days=40))).user
    client = client or Client()
    client.force_login(user)
    client.user = user
    return client


def test_article_shows_the_count_the_list_and_a_login_link_to_visitors(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="First thoughts.")
    CommentFactory(article=article, status=Comment.Status.HELD, body="Held text")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comments__count">1</span> comment</h2>' in page
    assert "First thoughts." in page and "Held text" not in page
    assert "to comment" in page and 'name="body"' not in page


def test_readers_post_and_see_the_policy_link():
    article, reader = ArticleFactory(), _reader()
    page = reader.get(article.get_absolute_url()).content.decode()
    assert 'name="body"' in page and reverse("community_policy") in page
    response = reader.post(reverse("comment_post", args=[article.pk]), {"body": "Line one\n\nLine two"})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "<p>Line one</p><p>Line two</p>" in page and "comments__count\">1<" in page


def test_xss_in_a_comment_is_inert_on_the_page():
    article, reader = ArticleFactory(), _reader()
    reader.post(reverse("comment_post", args=[article.pk]), {"body": XSS})
    comment = Comment.objects.get()
    page = Client().get(article.get_absolute_url()).content.decode()
    body = page.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]
    assert "<script>alert" not in body and "<img" not in body and 'href="javascript' not in body
    assert "onclick=\"x" not in body and "&lt;script&gt;" in body
    assert '<a href="https://ok.example.org/" rel="nofollow ugc noopener">' in body


def test_held_comment_is_marked_for_its_author_only():
    article, author = ArticleFactory(), _reader()
    author.post(reverse("comment_post", args=[article.pk]), {"body": "You are all morons here."})
    assert Comment.objects.get().status == Comment.Status.HELD
    mine = author.get(article.get_absolute_url()).content.decode()
    assert "Awaiting review" in mine and "morons" in mine
    assert 'id="comments-title">Comments</h2>' in mine  # none published, so no count
    assert "morons" not in _reader().get(article.get_absolute_url()).content.decode()


def test_banned_reader_gets_no_form_and_a_refusal():
    article, reader = ArticleFactory(), _reader()
    comments.ban(UserFactory(is_staff=True), reader.user, "spam")
    assert 'name="body"' not in reader.get(article.get_absolute_url()).content.decode()
    response = reader.post(reverse("comment_post", args=[article.pk]), {"body": "Let me in"}, follow=True)
    assert not Comment.objects.exists() and "may not post comments" in response.content.decode()


def test_rate_limit_on_the_page(settings):
    settings.LOCALWIRE_COMMENT_USER_LIMIT = 1
    article, reader = ArticleFactory(), _reader()
    reader.post(reverse("comment_post", args=[article.pk]), {"body": "first"})
    response = reader.post(reverse("comment_post", args=[article.pk]), {"body": "second"})
    assert response.status_code == 302 and int(response["Retry-After"]) > 0
    assert Comment.objects.count() == 1


def test_edit_delete_and_report_through_the_page():
    article, author, other = ArticleFactory(), _reader(), _reader()
    author.post(reverse("comment_post", args=[article.pk]), {"body": "Original"})
    comment = Comment.objects.get()
    assert other.post(reverse("comment_edit", args=[comment.pk]), {"body": "Mine now"}).status_code == 404
    author.post(reverse("comment_edit", args=[comment.pk]), {"body": "Edited text"})
    comment.refresh_from_db()
    assert comment.body == "Edited text" and comment.edited_at
    other.post(reverse("comment_report", args=[comment.pk]), {"reason": "off topic"})
    assert comment.reports.get().reason == "off topic"
    assert other.post(reverse("comment_delete", args=[comment.pk])).status_code == 404
    author.post(reverse("comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED


def test_moderation_queue_is_for_moderators_only():
    assert Client().get(reverse("moderation")).status_code == 302
    assert _reader().get(reverse("moderation")).status_code == 403
    held = CommentFactory(status=Comment.Status.HELD, hold_reasons=["3 links"], body="Buy <b>now</b>")
    moderator = Client()
    moderator.force_login(ProfileFactory(role=Profile.Role.MODERATOR).user)
    page = moderator.get(reverse("moderation")).content.decode()
    assert "3 links" in page and "Buy &lt;b&gt;now&lt;/b&gt;" in page
    refused = moderator.post(reverse("moderate", args=[held.pk, "hide"]), {"reason": ""}, follow=True)
    assert "reason" in refused.content.decode()
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD
    moderator.post(reverse("moderate", args=[held.pk, "ban"]), {"reason": "spam links"})
    held.refresh_from_db()
    assert held.status == Comment.Status.HIDDEN and comments.active_ban(held.user)
    assert {a.action for a in ModerationAction.objects.all()} == {"ban", "hide"}
    assert "spam links" in moderator.get(reverse("moderation")).content.decode()


def test_moderator_approves_from_the_queue():
    held = CommentFactory(status=Comment.Status.HELD)
    moderator = Client()
    moderator.force_login(UserFactory(is_staff=True))
    assert held.body not in Client().get(held.article.get_absolute_url()).content.decode()
    moderator.post(reverse("moderate", args=[held.pk, "approve"]))
    assert held.body in Client().get(held.article.get_absolute_url()).content.decode()


def test_policy_page(client):
    page = client.get("/community-policy")
    assert page.status_code == 200 and "Community policy" in page.content.decode()


# The API


@pytest.fixture
def api_reader():
    user = ProfileFactory(user=UserFactory(date_joined=timezone.now() - timedelta(days=40))).user
    _, raw = ApiToken.issue(user, "tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client


def _url(article) -> str:
    return f"/api/v1/articles/{article.pk}/comments"


def test_api_lists_published_comments_only(client):
    article = ArticleFactory()
    shown = CommentFactory(article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)
    listed = client.get(_url(article)).json()
    assert [c["id"] for c in listed] == [shown.pk] and listed[0]["status"] == "published"
    assert client.get("/api/v1/articles/999999/comments").status_code == 404


def test_api_post_needs_auth_and_holds_suspicious_comments(client, api_reader):
    article = ArticleFactory()
    assert client.post(_url(article), {"body": "hi"}, content_type="application/json").status_code == 401
    ok = api_reader.post(_url(article), {"body": "Thanks for covering this."}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["status"] == "published"
    held = api_reader.post(_url(article), {"body": "What an idiot.", "parent": ok.json()["id"]},
                           content_type="application/json")
    assert held.status_code == 201 and held.json()["status"] == "held" and held.json()["parent"] == ok.json()["id"]
    assert [c["id"] for c in client.get(_url(article)).json()] == [ok.json()["id"]]
    dup = api_reader.post(_url(article), {"body": "thanks for covering  this."}, content_type="application/json")
    assert dup.status_code == 409


def test_api_rate_limit_answers_429(api_reader, settings):
    settings.LOCALWIRE_COMMENT_USER_LIMIT = 2
    article = ArticleFactory()
    codes = [api_reader.post(_url(article), {"body": f"note {n}"}, content_type="application/json")
             for n in range(3)]
    assert [r.status_code for r in codes] == [201, 201, 429]
    assert int(codes[2]["Retry-After"]) > 0 and "too often" in codes[2].json()["detail"]


def test_api_banned_reader_gets_403(api_reader):
    comments.ban(UserFactory(is_staff=True), api_reader.user, "abuse")
    response = api_reader.post(_url(ArticleFactory()), {"body": "hello"}, content_type="application/json")
    assert response.status_code == 403 and not Comment.objects.exists()


def test_api_report(api_reader, client):
    comment = CommentFactory()
    url = f"/api/v1/comments/{comment.pk}/report"
    assert client.post(url, {}, content_type="application/json").status_code == 401
    assert api_reader.post(url, {"reason": "spam"}, content_type="application/json").status_code == 201
    assert api_reader.post(url, {"reason": "spam"}, content_type="application/json").status_code == 409
    assert api_reader.post("/api/v1/comments/999999/report", {}, content_type="application/json").status_code == 404
    assert comment.reports.get().reason == "spam"


def test_admin_lists_the_log_but_cannot_change_it():
    comment = CommentFactory()
    comments.hide(UserFactory(is_staff=True), comment, "spam")
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    row = ModerationAction.objects.get()
    listing = admin.get(reverse("admin:community_moderationaction_changelist"))
    assert listing.status_code == 200 and "spam" in listing.content.decode()
    assert admin.post(reverse("admin:community_moderationaction_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert ModerationAction.objects.filter(pk=row.pk).exists()
    assert admin.get(reverse("admin:community_comment_add")).status_code == 403


def test_report_rate_limit_on_the_page_and_in_the_api(settings, api_reader):
    settings.LOCALWIRE_REPORT_USER_LIMIT = 1
    first, second = CommentFactory(), CommentFactory()
    reader = _reader()
    reader.post(reverse("comment_report", args=[first.pk]), {"reason": "spam"})
    response = reader.post(reverse("comment_report", args=[second.pk]), {"reason": "spam"}, follow=True)
    assert "reported many comments" in response.content.decode() and not second.reports.exists()
    url = "/api/v1/comments/{}/report"
    assert api_reader.post(url.format(first.pk), {}, content_type="application/json").status_code == 201
    limited = api_reader.post(url.format(second.pk), {}, content_type="application/json")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "reported many comments" in limited.json()["detail"]


def test_moderator_picks_the_ban_length_in_the_queue():
    held = CommentFactory(status=Comment.Status.HELD)
    moderator = Client()
    moderator.force_login(ProfileFactory(role=Profile.Role.MODERATOR).user)
    assert 'name="duration"' in moderator.get(reverse("moderation")).content.decode()
    moderator.post(reverse("moderate", args=[held.pk, "ban"]), {"reason": "spam", "duration": "7"})
    ban = comments.active_ban(held.user)
    assert abs(ban.until - (timezone.now() + timedelta(days=7))) < timedelta(seconds=5)
    assert "banned until" in moderator.get(reverse("moderation")).content.decode()
    other = CommentFactory(status=Comment.Status.HELD)
    moderator.post(reverse("moderate", args=[other.pk, "ban"]), {"reason": "spam", "duration": "a while"})
    assert comments.active_ban(other.user) is None
