"""/api/v1/me/contributor and /api/v1/moderation/…: applying, labels, strikes, appeals, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from localwire.channels.models import Channel
from localwire.community.models import Profile
from localwire.contributors.models import Appeal, Contributor, Decision, Strike
from localwire.testing.clients import bearer_client
from localwire.testing.factories import (
    ContributorFactory, ContributorPostFactory, ProfileFactory, StrikeFactory, UserFactory,
)

BASE = "/api/v1"
APPLY = {"name": "Ana Ruiz", "bio": "I cover the river towns.", "home_city": "Little Rock, Arkansas"}


@pytest.fixture
def reader():
    return bearer_client(UserFactory())


@pytest.fixture
def moderator():
    return bearer_client(ProfileFactory(role=Profile.Role.MODERATOR).user)


def post(client, path, body):
    return client.post(BASE + path, body, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", [
    ("get", "/me/contributor"), ("post", "/me/contributor"), ("post", "/me/contributor/appeals"),
    ("post", "/moderation/contributors/x"), ("post", "/moderation/contributors/x/strikes"),
    ("post", "/moderation/appeals/1/decision"),
])
def test_every_endpoint_needs_a_token_or_a_session(client, method, path):
    assert getattr(client, method)(BASE + path).status_code == 401


@pytest.mark.django_db
def test_apply_makes_a_community_voice_with_a_followable_channel(reader):
    assert reader.get(f"{BASE}/me/contributor").status_code == 404
    response = post(reader, "/me/contributor", APPLY)
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("slug", "name", "bio", "label", "status", "strikes")} == {
        "slug": "ana-ruiz", "name": "Ana Ruiz", "bio": "I cover the river towns.", "label": "Community Voice",
        "status": "active", "strikes": 0}
    assert body["label_code"] == "community_voice" and body["home_city"].startswith("Little Rock, Arkansas")
    assert Channel.objects.get(kind=Channel.Kind.CONTRIBUTOR, slug="ana-ruiz").contributor.user == reader.user
    assert reader.get(f"{BASE}/me/contributor").json()["slug"] == "ana-ruiz"


@pytest.mark.django_db
def test_a_second_application_is_409(reader):
    assert post(reader, "/me/contributor", APPLY).status_code == 201
    assert post(reader, "/me/contributor", {**APPLY, "name": "Someone Else"}).status_code == 409
    assert Contributor.objects.count() == 1


@pytest.mark.django_db
def test_two_people_of_one_name_get_their_own_slugs(reader):
    post(reader, "/me/contributor", APPLY)
    other = bearer_client(UserFactory())
    assert post(other, "/me/contributor", APPLY).json()["slug"] == "ana-ruiz-2"


@pytest.mark.django_db
def test_an_ambiguous_home_city_is_400_naming_the_choices(reader):
    response = post(reader, "/me/contributor", {**APPLY, "home_city": "Springfield"})
    assert response.status_code == 400
    choices = response.json()["choices"]
    assert len(choices) > 5 and any(c.startswith("Springfield, Illinois") for c in choices)
    assert not Contributor.objects.exists()
    picked = next(c for c in choices if c.startswith("Springfield, Illinois"))
    assert post(reader, "/me/contributor", {**APPLY, "home_city": picked}).status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("change", [
    {"home_city": "Atlantiszzz"}, {"home_city": ""}, {"name": "  "}, {"bio": "x" * 2001},
    {"evidence": ["javascript:alert(1)"]},
])
def test_bad_applications_are_400(reader, change):
    response = post(reader, "/me/contributor", {**APPLY, **change})
    assert response.status_code == 400 and response.json()["detail"]
    assert not Contributor.objects.exists()


@pytest.mark.django_db
def test_only_moderators_set_labels_and_each_is_logged_and_mailed(reader, moderator, django_capture_on_commit_callbacks):
    contributor = ContributorFactory()
    path = f"/moderation/contributors/{contributor.slug}"
    assert post(reader, path, {"label": "journalist"}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = post(moderator, path, {"label": "Journalist", "reason": "Links to ten years at the Gazette."})
    assert response.status_code == 200 and response.json()["label"] == "Journalist"
    assert response.json()["label_code"] == "journalist"
    decision = Decision.objects.get(contributor=contributor)
    assert (decision.action, decision.moderator, decision.reason) == (
        "label", moderator.user, "Links to ten years at the Gazette.")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [contributor.user.email]
    assert "Journalist" in mail.outbox[0].body
    assert post(moderator, path, {"label": "editor"}).status_code == 400
    assert post(moderator, "/moderation/contributors/nobody", {"label": "journalist"}).status_code == 404


@pytest.mark.django_db
def test_strikes_warn_then_suspend_then_end(reader, moderator, django_capture_on_commit_callbacks):
    contributor = ContributorFactory()
    path = f"/moderation/contributors/{contributor.slug}/strikes"
    assert post(reader, path, {"policy": "spam"}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        first = post(moderator, path, {"policy": "spam", "note": "Three posts linking to a shop."})
        second = post(moderator, path, {"policy": "fabrication", "note": "An invented quote."})
    assert first.status_code == 201
    assert first.json() == {"strikes_active": 1, "status": "active", "suspended_until": None}
    assert second.json()["status"] == "suspended" and second.json()["suspended_until"]
    contributor.refresh_from_db()
    assert contributor.status == "suspended" and contributor.suspended_until > timezone.now() + timedelta(days=6)
    assert [m.subject for m in mail.outbox] == ["[Localwire] A strike under the Content Policy"] * 2
    assert "warning" in mail.outbox[0].body and "suspended until" in mail.outbox[1].body
    third = post(moderator, path, {"policy": "copied-work"})
    assert third.json() == {"strikes_active": 3, "status": "ended", "suspended_until": None}
    assert Decision.objects.filter(contributor=contributor, action="strike").count() == 3


@pytest.mark.django_db
def test_a_strike_names_a_post_of_that_contributor_only(moderator):
    contributor = ContributorFactory()
    path = f"/moderation/contributors/{contributor.slug}/strikes"
    assert post(moderator, path, {"policy": "spam", "post_id": ContributorPostFactory().pk}).status_code == 400
    assert post(moderator, path, {"policy": "spam", "post_id": 999999}).status_code == 400
    own = ContributorPostFactory(contributor=contributor)
    assert post(moderator, path, {"policy": "spam", "post_id": own.pk}).status_code == 201
    assert Strike.objects.get().post == own
    assert post(moderator, path, {"policy": ""}).status_code == 400


@pytest.mark.django_db
def test_strikes_expire_after_ninety_days_in_good_standing(reader):
    contributor = ContributorFactory(user=reader.user)
    StrikeFactory(contributor=contributor, at=timezone.now() - timedelta(days=91))
    assert reader.get(f"{BASE}/me/contributor").json()["strikes"] == 0
    StrikeFactory(contributor=contributor, at=timezone.now() - timedelta(days=89))
    mine = reader.get(f"{BASE}/me/contributor").json()
    assert (mine["strikes"], mine["status"]) == (2, "active")  # the second suspended, 82 days ago


@pytest.mark.django_db
def test_an_appeal_overturned_stops_the_strike_counting(reader, moderator, django_capture_on_commit_callbacks):
    contributor = ContributorFactory(user=reader.user)
    StrikeFactory(contributor=contributor, at=timezone.now() - timedelta(days=3))
    strike = StrikeFactory(contributor=contributor, at=timezone.now() - timedelta(days=1))
    assert reader.get(f"{BASE}/me/contributor").json()["status"] == "suspended"
    response = post(reader, "/me/contributor/appeals", {"strike_id": strike.pk, "text": "The quote is on tape."})
    assert response.status_code == 201 and response.json()["status"] == "open"
    assert post(reader, "/me/contributor/appeals", {"strike_id": strike.pk, "text": "Again"}).status_code == 409
    decide = f"/moderation/appeals/{response.json()['id']}/decision"
    assert post(reader, decide, {"decision": "overturn"}).status_code == 403
    assert post(moderator, decide, {"decision": "maybe"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        decided = post(moderator, decide, {"decision": "overturn", "reason": "The recording bears it out."})
    assert decided.json() == {"strikes_active": 1, "status": "active", "suspended_until": None}
    assert reader.get(f"{BASE}/me/contributor").json()["strikes"] == 1
    assert Appeal.objects.get().status == "overturned" and Strike.objects.get(pk=strike.pk).overturned_at
    assert Decision.objects.get(action="overturn").moderator == moderator.user
    assert "overturned" in mail.outbox[-1].subject
    assert post(moderator, decide, {"decision": "uphold"}).status_code == 409


@pytest.mark.django_db
def test_an_upheld_appeal_leaves_the_strike(reader, moderator):
    contributor = ContributorFactory(user=reader.user)
    strike = StrikeFactory(contributor=contributor)
    appeal = post(reader, "/me/contributor/appeals", {"strike_id": strike.pk, "text": "It was satire."}).json()
    decided = post(moderator, f"/moderation/appeals/{appeal['id']}/decision", {"decision": "uphold", "reason": "No."})
    assert decided.json()["strikes_active"] == 1 and Appeal.objects.get().status == "upheld"


@pytest.mark.django_db
def test_only_ones_own_strikes_are_appealed(reader):
    ContributorFactory(user=reader.user)
    others = StrikeFactory()
    assert post(reader, "/me/contributor/appeals", {"strike_id": others.pk, "text": "Not mine"}).status_code == 404
    stranger = bearer_client(UserFactory())
    assert post(stranger, "/me/contributor/appeals", {"strike_id": others.pk, "text": "x"}).status_code == 404
    assert not Appeal.objects.exists()
