"""The programme, standards and policy pages, the apply form, and a contributor's profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localwire.community.models import Follow
from localwire.contributors.models import Contributor
from localwire.testing.factories import ContributorFactory, FollowFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("name, words", [
    ("contributors", "Community Voice Pro"), ("contributor_standards", "Conflicts of interest"),
    ("contributor_policy", "90 days in good standing"),
])
def test_the_programme_pages_are_there_for_everyone(client, name, words):
    response = client.get(reverse(name))
    assert response.status_code == 200 and words in response.content.decode()


@pytest.mark.django_db
def test_a_visitor_is_asked_to_log_in_and_a_reader_gets_the_form(client):
    assert "Log in" in client.get("/contributors").content.decode()
    assert client.post("/contributors/apply", {"name": "X"}).status_code == 302
    client.force_login(UserFactory())
    assert 'action="/contributors/apply"' in client.get("/contributors").content.decode()


@pytest.mark.django_db
def test_the_form_applies_through_the_same_function_as_the_api(client):
    user = UserFactory()
    client.force_login(user)
    refused = client.post("/contributors/apply", {"name": "Ana Ruiz", "home_city": "Springfield"})
    assert refused.status_code == 400 and "Springfield, Illinois" in refused.content.decode()
    response = client.post("/contributors/apply", {"name": "Ana Ruiz", "bio": "River towns.",
                                                   "home_city": "Little Rock, Arkansas",
                                                   "evidence": "https://example.org/my-work\n"})
    assert response.status_code == 302 and response["Location"] == "/contributor/ana-ruiz/"
    contributor = Contributor.objects.get(user=user)
    assert contributor.evidence == ["https://example.org/my-work"] and contributor.channel.kind == "contributor"
    assert "You are a contributor" in client.get("/contributors").content.decode()


@pytest.mark.django_db
def test_the_profile_shows_label_bio_counts_and_a_follow_button(client):
    contributor = ContributorFactory(name="Ana Ruiz", slug="ana-ruiz", label="journalist")
    FollowFactory(channel=contributor.channel)
    FollowFactory(channel=contributor.channel, muted=True)
    page = client.get("/contributor/ana-ruiz/").content.decode()
    assert "Contributor · Journalist" in page and contributor.bio in page
    assert "<strong title=\"1\">1</strong> followers" in page
    assert "follow=contributor:ana-ruiz" in page  # a visitor is sent to log in with the follow
    assert client.get("/contributor/nobody/").status_code == 404


@pytest.mark.django_db
def test_following_a_contributor_uses_the_follow_machinery(client):
    contributor = ContributorFactory(slug="ana-ruiz")
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("follow"), {"kind": "contributor", "slug": "ana-ruiz", "action": "follow"})
    assert Follow.objects.get(user=user).channel == contributor.channel
    assert contributor.channel.get_absolute_url() == "/contributor/ana-ruiz/"
