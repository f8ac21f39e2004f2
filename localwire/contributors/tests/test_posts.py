"""contributors/posts.py: drafts, edits and revisions, deleting, images, and submitting with its
refusals (standing, rate limits) and the automatic holds."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from localwire.articles.uploads import UploadRefused, uploads_dir
from localwire.contributors import posts
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.applying import CityRefused
from localwire.contributors.models import Decision, Post, PostRevision
from localwire.testing.factories import ContributorFactory, ContributorPostFactory, StrikeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]  # conftest.py


def jpeg(size=(320, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def test_a_new_post_is_a_draft_with_its_place_as_the_gazetteer_labels_it():
    post = posts.create_post(ContributorFactory(), title="  Bridge  vote ", body="The council met.",
                             place="Little Rock, Arkansas")
    assert post.status == Post.Status.DRAFT
    assert post.title == "Bridge vote"
    assert post.place_label == "Little Rock, Arkansas, US" and post.place_geonameid


def test_an_ambiguous_place_is_refused_with_the_choices():
    with pytest.raises(CityRefused) as refused:
        posts.create_post(ContributorFactory(), title="Fair", body="", place="Springfield")
    assert len(refused.value.choices) > 1
    assert Post.objects.count() == 0


def test_a_title_is_required():
    with pytest.raises(Refused):
        posts.create_post(ContributorFactory(), title="  ", body="text")


def test_a_draft_is_edited_in_place_without_a_revision():
    post = ContributorPostFactory()
    posts.update_post(post, title="New title", body="New body")
    post.refresh_from_db()
    assert (post.title, post.body) == ("New title", "New body")
    assert not PostRevision.objects.exists()


def test_editing_a_post_under_review_takes_it_back_to_draft():
    post = ContributorPostFactory(status=Post.Status.HELD, hold_reasons=["links"])
    posts.update_post(post, body="Fewer links now.")
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT and post.hold_reasons == []


def test_a_correction_needs_a_published_post_and_a_note():
    with pytest.raises(Refused):
        posts.update_post(ContributorPostFactory(), body="x", correction=True, note="fixed")
    with pytest.raises(Refused):
        posts.update_post(ContributorPostFactory(status=Post.Status.PUBLISHED), body="x", correction=True)


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.REJECTED])
def test_drafts_and_rejected_posts_can_be_deleted(status):
    posts.delete_post(ContributorPostFactory(status=status))
    assert not Post.objects.exists()


@pytest.mark.parametrize("status", [Post.Status.IN_REVIEW, Post.Status.HELD, Post.Status.PUBLISHED])
def test_posts_waiting_or_published_are_never_deleted(status):
    post = ContributorPostFactory(status=status)
    with pytest.raises(Conflict):
        posts.delete_post(post)
    assert Post.objects.filter(pk=post.pk).exists()


def test_images_are_rebuilt_stored_and_kept_in_order():
    post = ContributorPostFactory()
    first = posts.attach_image(post, jpeg(), "The bridge at dawn.", "Photo: Ana Ruiz")
    second = posts.attach_image(post, jpeg((200, 320)), "The vote.", "Photo: Ana Ruiz")
    assert (first.order, second.order) == (0, 1)
    assert (uploads_dir() / first.stored_name).exists()
    assert (second.width, second.height) == (200, 320)


def test_an_image_without_a_credit_is_refused():
    post = ContributorPostFactory()
    with pytest.raises(UploadRefused):
        posts.attach_image(post, jpeg(), "The bridge.", " ")
    assert not post.images.exists()


def test_a_clean_post_waits_in_review_with_no_decision_logged():
    post = ContributorPostFactory()
    done = posts.submit_post(post, address="10.0.0.1")
    post.refresh_from_db()
    assert done == posts.Submitted("in_review", [])
    assert post.status == Post.Status.IN_REVIEW and post.submitted_at
    assert not Decision.objects.exists()


def test_a_post_the_rules_catch_is_held_logged_and_mailed(django_capture_on_commit_callbacks):
    post = ContributorPostFactory(body="The mayor is an idiot, said a resident.")
    with django_capture_on_commit_callbacks(execute=True):
        done = posts.submit_post(post, address="10.0.0.1")
    assert done.status == "held" and "idiot" in done.reasons[0]
    post.refresh_from_db()
    assert post.hold_reasons == done.reasons
    decision = Decision.objects.get()
    assert (decision.action, decision.post, decision.moderator) == (Decision.Action.HOLD, post, None)
    assert len(mail.outbox) == 1 and "idiot" in mail.outbox[0].body


def test_past_the_daily_limit_a_post_is_held(settings):
    settings.LOCALWIRE_POST_DAILY_LIMIT = 1
    contributor = ContributorFactory()
    assert posts.submit_post(ContributorPostFactory(contributor=contributor)).status == "in_review"
    done = posts.submit_post(ContributorPostFactory(contributor=contributor))
    assert done.status == "held" and "2 posts today" in done.reasons[0]


def test_a_suspended_contributor_is_refused_with_the_end_date():
    contributor = ContributorFactory()
    now = timezone.now()
    StrikeFactory.create_batch(2, contributor=contributor, at=now - timedelta(hours=1))
    post = ContributorPostFactory(contributor=contributor)
    with pytest.raises(posts.SubmitRefused) as refused:
        posts.submit_post(post, now=now)
    assert refused.value.until > now
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_an_ended_contributor_is_refused_without_an_end_date():
    contributor = ContributorFactory()
    StrikeFactory.create_batch(3, contributor=contributor, at=timezone.now() - timedelta(hours=1))
    with pytest.raises(posts.SubmitRefused) as refused:
        posts.submit_post(ContributorPostFactory(contributor=contributor))
    assert refused.value.until is None and "ended" in str(refused.value)


def test_submissions_are_rate_limited_per_account(settings):
    settings.LOCALWIRE_POST_SUBMIT_USER_LIMIT = 2
    contributor = ContributorFactory()
    for _ in range(2):
        posts.submit_post(ContributorPostFactory(contributor=contributor), address="10.0.0.1")
    third = ContributorPostFactory(contributor=contributor)
    with pytest.raises(posts.RateLimited) as limited:
        posts.submit_post(third, address="10.0.0.2")
    assert limited.value.retry_after > 0
    third.refresh_from_db()
    assert third.status == Post.Status.DRAFT


def test_submissions_are_rate_limited_per_address(settings):
    settings.LOCALWIRE_POST_SUBMIT_IP_LIMIT = 1
    posts.submit_post(ContributorPostFactory(), address="10.0.0.9")
    with pytest.raises(posts.RateLimited):
        posts.submit_post(ContributorPostFactory(), address="10.0.0.9")
    assert posts.submit_post(ContributorPostFactory(), address="10.0.0.8").status == "in_review"


@pytest.mark.parametrize("status", [Post.Status.IN_REVIEW, Post.Status.HELD, Post.Status.PUBLISHED])
def test_only_drafts_and_rejected_posts_are_submitted(status):
    with pytest.raises(Conflict):
        posts.submit_post(ContributorPostFactory(status=status))
