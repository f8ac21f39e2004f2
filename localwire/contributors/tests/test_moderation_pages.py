"""/moderation/posts: only moderators see and decide; decisions go through review.decide."""

from __future__ import annotations

import pytest
from django.test import Client

from localwire.contributors.models import Decision, Post
from localwire.testing.factories import ContributorPostFactory, ModeratorFactory, PostImageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    profile = ModeratorFactory()
    client.force_login(profile.user)
    return profile.user


def test_only_moderators_see_the_queue_or_decide(client):
    post = ContributorPostFactory(status="in_review")
    assert "login" in client.get("/moderation/posts")["Location"]
    client.force_login(UserFactory())
    assert client.get("/moderation/posts").status_code == 403
    assert client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "publish"}).status_code == 403
    client.force_login(post.contributor.user)  # not even the author
    assert client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "publish"}).status_code == 403
    post.refresh_from_db()
    assert post.status == "in_review"


def test_the_tabs_show_each_post_rendered_with_images_reasons_and_label(client, moderator):
    waiting = ContributorPostFactory(status="in_review", title="Bridge vote", body="**Five** to two.",
                                     submitted_at="2026-01-01T10:00Z")
    image = PostImageFactory(post=waiting, caption="The bridge at dawn")
    held = ContributorPostFactory(status="held", title="Many links", hold_reasons=["It links to 12 sites."],
                                  submitted_at="2026-01-01T10:00Z")
    page = client.get("/moderation/posts").content.decode()
    assert "Bridge vote" in page and "<strong>Five</strong>" in page and image.stored_name in page
    assert "Contributor · Community Voice" in page and waiting.contributor.name in page
    assert "Many links" not in page and "Held (1)" in page
    held_page = client.get("/moderation/posts?status=held").content.decode()
    assert held.title in held_page and "It links to 12 sites." in held_page
    assert 'href="/moderation/posts"' in client.get("/moderation/").content.decode()


def test_a_rejection_needs_a_reason(client, moderator):
    post = ContributorPostFactory(status="held", submitted_at="2026-01-01T10:00Z")
    response = client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "reject", "reason": " "})
    assert response.status_code == 400 and "needs a reason" in response.content.decode()
    done = client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "reject", "reason": "No sources."})
    assert done["Location"] == "/moderation/posts?status=held"
    post.refresh_from_db()
    assert post.status == "rejected"
    assert Decision.objects.get(post=post, action="reject").moderator == moderator


def test_publishing_makes_the_article_and_a_second_decision_is_refused(client, moderator, settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    post = ContributorPostFactory(status="in_review", submitted_at="2026-01-01T10:00Z")
    client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "publish"})
    post.refresh_from_db()
    assert post.status == "published" and post.article is not None
    again = client.post(f"/moderation/posts/{post.pk}/decision", {"decision": "reject", "reason": "x"})
    assert again.status_code == 409 and Post.objects.get().status == "published"


def test_decisions_need_the_csrf_token(moderator):
    post = ContributorPostFactory(status="in_review", submitted_at="2026-01-01T10:00Z")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(f"/moderation/posts/{post.pk}/decision", {"decision": "publish"}).status_code == 403
    post.refresh_from_db()
    assert post.status == "in_review"
