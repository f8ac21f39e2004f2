"""/api/v1/me/posts… and /api/v1/moderation/posts…: the author's own posts, submitting, review."""

from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from localwire.contributors.models import Post
from localwire.testing.clients import bearer_client
from localwire.testing.factories import (
    ContributorFactory, ContributorPostFactory, ModeratorFactory, StrikeFactory, UserFactory,
)

BASE = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scratch(settings, tmp_path):
    cache.clear()
    settings.LOCALWIRE_HOME = tmp_path
    yield
    cache.clear()


@pytest.fixture
def contributor():
    return ContributorFactory()


@pytest.fixture
def author(contributor):
    return bearer_client(contributor.user)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def send(client, method, path, body=None):
    return getattr(client, method)(BASE + path, body, content_type="application/json")


@pytest.mark.parametrize("method, path", [
    ("get", "/me/posts"), ("post", "/me/posts"), ("get", "/me/posts/1"), ("patch", "/me/posts/1"),
    ("delete", "/me/posts/1"), ("post", "/me/posts/1/images"), ("post", "/me/posts/1/submit"),
    ("get", "/moderation/posts"), ("post", "/moderation/posts/1/decision"),
])
def test_every_endpoint_needs_a_token_or_a_session(client, method, path):
    assert getattr(client, method)(BASE + path).status_code == 401


def test_a_reader_who_is_not_a_contributor_cannot_write():
    assert send(bearer_client(UserFactory()), "post", "/me/posts", {"title": "Hi"}).status_code == 404


def test_create_answers_a_draft_with_every_field(author):
    image = {"data": base64.b64encode(jpeg()).decode(), "caption": "The bridge.", "credit": "Photo: me"}
    response = send(author, "post", "/me/posts", {"title": "Bridge vote", "body": "It passed.",
                                                  "place": "Little Rock, Arkansas", "images": [image]})
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("status", "title", "body", "place", "reasons", "article_url")} == {
        "status": "draft", "title": "Bridge vote", "body": "It passed.", "place": "Little Rock, Arkansas, US",
        "reasons": [], "article_url": None}
    assert body["images"][0]["url"].startswith("/media/uploads/") and body["images"][0]["credit"] == "Photo: me"
    assert {"id", "created_at", "updated_at"} <= set(body)


def test_an_ambiguous_place_is_400_with_choices_and_no_post(author):
    response = send(author, "post", "/me/posts", {"title": "Fair", "place": "Springfield"})
    assert response.status_code == 400 and len(response.json()["choices"]) > 1
    assert not Post.objects.exists()


def test_an_image_refused_leaves_no_half_made_post(author):
    image = {"data": base64.b64encode(b"not a picture").decode(), "caption": "x", "credit": "y"}
    assert send(author, "post", "/me/posts", {"title": "T", "images": [image]}).status_code == 400
    assert not Post.objects.exists()


def test_only_the_author_sees_edits_or_deletes_a_post(author, contributor):
    other = bearer_client(ContributorFactory().user)
    post = ContributorPostFactory(contributor=contributor)
    for method in ("get", "patch", "delete"):
        assert send(other, method, f"/me/posts/{post.pk}", {"title": "Mine now"}).status_code == 404
    assert send(other, "post", f"/me/posts/{post.pk}/submit").status_code == 404
    assert Post.objects.get(pk=post.pk).title == post.title
    assert [p["id"] for p in author.get(f"{BASE}/me/posts").json()] == [post.pk]
    assert other.get(f"{BASE}/me/posts").json() == []


def test_patch_edits_and_delete_removes_a_draft(author, contributor):
    post = ContributorPostFactory(contributor=contributor)
    response = send(author, "patch", f"/me/posts/{post.pk}", {"body": "Now longer."})
    assert response.status_code == 200 and response.json()["body"] == "Now longer."
    assert send(author, "delete", f"/me/posts/{post.pk}").status_code == 204
    assert not Post.objects.exists()


def test_a_published_post_cannot_be_deleted(author, contributor):
    post = ContributorPostFactory(contributor=contributor, status=Post.Status.PUBLISHED)
    assert send(author, "delete", f"/me/posts/{post.pk}").status_code == 409
    assert Post.objects.filter(pk=post.pk).exists()


def test_an_image_is_uploaded_as_multipart(author, contributor):
    post = ContributorPostFactory(contributor=contributor)
    upload = SimpleUploadedFile("photo.jpg", jpeg(), content_type="image/jpeg")
    response = author.post(f"{BASE}/me/posts/{post.pk}/images",
                           {"file": upload, "caption": "The river.", "credit": "Photo: me"})
    assert response.status_code == 201, response.content
    assert response.json()["width"] == 320 and post.images.count() == 1
    missing = SimpleUploadedFile("photo.jpg", jpeg(), content_type="image/jpeg")
    assert author.post(f"{BASE}/me/posts/{post.pk}/images", {"file": missing, "caption": "x"}).status_code == 400


def test_submit_answers_the_status_and_reasons(author, contributor):
    clean = ContributorPostFactory(contributor=contributor)
    assert send(author, "post", f"/me/posts/{clean.pk}/submit").json() == {"status": "in_review", "reasons": []}
    rude = ContributorPostFactory(contributor=contributor, body="What an idiot.")
    body = send(author, "post", f"/me/posts/{rude.pk}/submit").json()
    assert body["status"] == "held" and "idiot" in body["reasons"][0]
    assert send(author, "get", f"/me/posts/{rude.pk}").json()["reasons"] == body["reasons"]
    assert send(author, "post", f"/me/posts/{rude.pk}/submit").status_code == 409


def test_a_suspended_contributor_gets_403_with_the_reason_and_until(author, contributor):
    StrikeFactory.create_batch(2, contributor=contributor, at=timezone.now() - timedelta(hours=1))
    post = ContributorPostFactory(contributor=contributor)
    response = send(author, "post", f"/me/posts/{post.pk}/submit")
    assert response.status_code == 403
    assert "suspended" in response.json()["detail"] and response.json()["until"]


def test_too_many_submissions_are_429(author, contributor, settings):
    settings.LOCALWIRE_POST_SUBMIT_USER_LIMIT = 1
    first, second = ContributorPostFactory.create_batch(2, contributor=contributor)
    assert send(author, "post", f"/me/posts/{first.pk}/submit").status_code == 200
    assert send(author, "post", f"/me/posts/{second.pk}/submit").status_code == 429


def test_only_moderators_see_the_queue_and_decide(author, contributor):
    post = ContributorPostFactory(contributor=contributor, status=Post.Status.HELD)
    assert author.get(f"{BASE}/moderation/posts?status=held").status_code == 403
    assert send(author, "post", f"/moderation/posts/{post.pk}/decision",
                {"decision": "publish"}).status_code == 403
    assert Post.objects.get(pk=post.pk).status == Post.Status.HELD


def test_a_moderator_lists_and_rejects(contributor):
    moderator = bearer_client(ModeratorFactory().user)
    post = ContributorPostFactory(contributor=contributor, status=Post.Status.HELD)
    listed = moderator.get(f"{BASE}/moderation/posts?status=held").json()
    assert [(p["id"], p["contributor"]) for p in listed] == [(post.pk, contributor.slug)]
    assert moderator.get(f"{BASE}/moderation/posts?status=draft").status_code == 400
    path = f"/moderation/posts/{post.pk}/decision"
    assert send(moderator, "post", path, {"decision": "reject"}).status_code == 400
    response = send(moderator, "post", path, {"decision": "reject", "reason": "Unsourced claims."})
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert send(moderator, "post", path, {"decision": "publish"}).status_code == 409


def test_a_moderator_publishes_and_the_author_sees_the_article_url(author, contributor):
    moderator = bearer_client(ModeratorFactory().user)
    post = ContributorPostFactory(contributor=contributor, status=Post.Status.IN_REVIEW)
    response = send(moderator, "post", f"/moderation/posts/{post.pk}/decision", {"decision": "publish"})
    assert response.status_code == 200 and response.json()["status"] == "published"
    post.refresh_from_db()
    assert author.get(f"{BASE}/me/posts/{post.pk}").json()["article_url"] == post.article.get_absolute_url()
