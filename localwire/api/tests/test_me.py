"""/api/v1/me: bearer tokens and sessions, follows and mutes, export and import, the schema."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from localwire.channels.models import Channel
from localwire.community.models import ApiToken, Follow
from localwire.testing.clients import csrf_checking_client
from localwire.testing.factories import ChannelFactory, PublisherFactory, UserFactory

BASE = "/api/v1/me"


@pytest.fixture
def token_client():
    user = UserFactory()
    _, raw = ApiToken.issue(user, "tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", [
    ("get", "/follows"), ("post", "/follows"), ("delete", "/follows/topic/x"), ("get", "/mutes"),
    ("get", "/follows/export"), ("post", "/follows/import"),
])
def test_me_needs_a_token_or_a_session(client, method, path):
    assert getattr(client, method)(BASE + path).status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer lw_not-a-real-token")
    assert getattr(bad, method)(BASE + path).status_code == 401


@pytest.mark.django_db
def test_follow_list_and_unfollow_with_a_token(token_client):
    ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz", name="Ana Ruiz")
    PublisherFactory(slug="river-gazette")
    response = token_client.post(f"{BASE}/follows", {"kind": "person", "slug": "ana-ruiz"},
                                 content_type="application/json")
    assert response.status_code == 201
    assert response.json()["url"] == "/c/person/ana-ruiz/" and response.json()["muted"] is False
    token_client.post(f"{BASE}/follows", {"kind": "publisher", "slug": "river-gazette"},
                      content_type="application/json")
    listed = token_client.get(f"{BASE}/follows").json()
    assert {(f["kind"], f["slug"]) for f in listed} == {("person", "ana-ruiz"), ("publisher", "river-gazette")}
    assert token_client.delete(f"{BASE}/follows/person/ana-ruiz").status_code == 204
    assert token_client.delete(f"{BASE}/follows/person/ana-ruiz").status_code == 404
    assert [f["slug"] for f in token_client.get(f"{BASE}/follows").json()] == ["river-gazette"]
    assert ApiToken.objects.get(user=token_client.user).last_used_at is not None


@pytest.mark.django_db
def test_unknown_targets_answer_404(token_client):
    response = token_client.post(f"{BASE}/follows", {"kind": "topic", "slug": "nowhere"},
                                 content_type="application/json")
    assert response.status_code == 404


@pytest.mark.django_db
def test_mutes_through_the_api(token_client):
    PublisherFactory(slug="shouty-news")
    response = token_client.post(f"{BASE}/mutes", {"kind": "publisher", "slug": "shouty-news"},
                                 content_type="application/json")
    assert response.status_code == 201 and response.json()["muted"] is True
    assert [m["slug"] for m in token_client.get(f"{BASE}/mutes").json()] == ["shouty-news"]
    assert token_client.get(f"{BASE}/follows").json() == []
    assert token_client.delete(f"{BASE}/mutes/publisher/shouty-news").status_code == 204
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_export_and_import_round_trip_through_the_api(token_client):
    ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing")
    ChannelFactory(kind=Channel.Kind.TAG, slug="horoscopes")
    token_client.post(f"{BASE}/follows", {"kind": "topic", "slug": "housing"}, content_type="application/json")
    token_client.post(f"{BASE}/mutes", {"kind": "tag", "slug": "horoscopes"}, content_type="application/json")
    exported = token_client.get(f"{BASE}/follows/export").json()
    assert exported["format"] == "localwire-follows"
    other = UserFactory()
    _, raw = ApiToken.issue(other, "second")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").post(
        f"{BASE}/follows/import", json.dumps(exported), content_type="application/json")
    assert response.status_code == 200
    report = response.json()
    assert [len(report["followed"]), len(report["muted"]), report["unmatched"]] == [1, 1, []]
    assert {(f.channel.slug, f.muted) for f in Follow.objects.filter(user=other)} == {
        ("housing", False), ("horoscopes", True)}
    opml = token_client.get(f"{BASE}/follows/export?format=opml")
    assert opml["Content-Type"].startswith("text/x-opml") and b"/c/topic/housing/" in opml.content


@pytest.mark.django_db
def test_import_refuses_bad_and_huge_bodies(token_client):
    response = token_client.post(f"{BASE}/follows/import", "<opml><body>", content_type="text/x-opml")
    assert response.status_code == 400
    huge = "{" + " " * 1_000_100 + "}"
    response = token_client.post(f"{BASE}/follows/import", huge, content_type="application/json")
    assert response.status_code == 413


@pytest.mark.django_db
def test_session_callers_need_the_csrf_token_to_write():
    ChannelFactory(slug="housing")
    client = csrf_checking_client(UserFactory())
    assert client.get(f"{BASE}/follows").status_code == 200
    body = {"kind": "topic", "slug": "housing"}
    response = client.post(f"{BASE}/follows", body, content_type="application/json")
    assert response.status_code == 403 and not Follow.objects.exists()
    token = client.get(reverse("following")).cookies["csrftoken"].value
    response = client.post(f"{BASE}/follows", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


@pytest.mark.django_db
def test_token_page_shows_a_new_token_once_and_revokes_it(client):
    user = UserFactory()
    client.force_login(user)
    body = client.post(reverse("tokens"), {"name": "feed reader"}).content.decode()
    token = ApiToken.objects.get(user=user)
    raw = body.split('<code id="new-token">')[1].split("</code>")[0]
    assert raw.startswith("lw_") and raw not in client.get(reverse("tokens")).content.decode()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"{BASE}/follows").status_code == 200
    client.post(reverse("revoke_token", kwargs={"pk": token.pk}))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"{BASE}/follows").status_code == 401


@pytest.mark.django_db
def test_a_reader_cannot_revoke_someone_elses_token(client):
    token, _ = ApiToken.issue(UserFactory(), "theirs")
    client.force_login(UserFactory())
    client.post(reverse("revoke_token", kwargs={"pk": token.pk}))
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.django_db
def test_the_schema_lists_the_me_endpoints_with_their_security(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/me/follows", "/api/v1/me/follows/{kind}/{slug}", "/api/v1/me/mutes",
                 "/api/v1/me/follows/export", "/api/v1/me/follows/import"):
        assert path in schema["paths"], path
    assert {"BearerToken", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    assert "requestBody" in schema["paths"]["/api/v1/me/follows/import"]["post"]
