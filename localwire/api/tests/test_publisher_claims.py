"""/api/v1/me/publisher-claims, /me/publishers and the team endpoints: the contract and who may do what."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from localwire.publishers.models import Action
from localwire.testing.clients import bearer_client
from localwire.testing.factories import ManagerFactory, PublisherFactory, UserFactory

BASE = "/api/v1"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader():
    return bearer_client(UserFactory())


def post(client, path, body=None):
    return client.post(BASE + path, body or {}, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", [
    ("post", "/me/publisher-claims"), ("get", "/me/publisher-claims"), ("post", "/me/publisher-claims/1/verify"),
    ("get", "/me/publishers"), ("get", "/me/publishers/x/managers"), ("post", "/me/publishers/x/managers"),
    ("delete", "/me/publishers/x/managers/someone"), ("post", "/me/publisher-invites/abc/accept"),
])
def test_every_endpoint_needs_a_token_or_a_session(client, method, path):
    assert getattr(client, method)(BASE + path).status_code == 401


@pytest.mark.django_db
def test_claim_then_verify_by_meta_tag(reader, site):
    publisher = PublisherFactory(slug="valley-ledger", website=site.url("/"))
    response = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"id", "token", "methods"}
    assert body["methods"] == [
        {"method": "meta", "where": site.url("/"),
         "text": f'<meta name="localwire-site-verification" content="{body["token"]}">'},
        {"method": "file", "where": site.url("/.well-known/localwire-verification.txt"), "text": body["token"]}]
    assert post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()["id"] == body["id"]
    site.route("/", lambda req: (200, {"Content-Type": "text/html"},
                                 f"<html><head>{body['methods'][0]['text']}</head><body>Hi</body></html>".encode()))
    verified = post(reader, f"/me/publisher-claims/{body['id']}/verify")
    assert verified.status_code == 200
    assert verified.json() == {"status": "verified", "publisher": "valley-ledger", "portal_url": "/portal/valley-ledger/"}
    mine = reader.get(BASE + "/me/publishers").json()
    assert mine == [{"slug": "valley-ledger", "name": publisher.name, "kind": "paper", "website": site.url("/"),
                     "url": "/publisher/valley-ledger/", "portal_url": "/portal/valley-ledger/"}]
    assert post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).status_code == 409


@pytest.mark.django_db
def test_verify_by_file(reader, site):
    PublisherFactory(slug="valley-ledger", website=site.url("/"))
    claim = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()
    site.route("/.well-known/localwire-verification.txt", lambda req: (200, {}, claim["token"].encode()))
    assert post(reader, f"/me/publisher-claims/{claim['id']}/verify").json()["status"] == "verified"


@pytest.mark.django_db
def test_verify_with_neither_is_400_saying_what_was_not_found(reader, site):
    PublisherFactory(slug="valley-ledger", website=site.url("/"))
    claim = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()
    site.route("/", lambda req: (200, {"Content-Type": "text/html"}, b"<html><head></head><body>Hi</body></html>"))
    response = post(reader, f"/me/publisher-claims/{claim['id']}/verify")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert f'no <meta name="localwire-site-verification"> on {site.url("/")}' in detail
    assert "localwire-verification.txt answered HTTP 404" in detail
    listed = reader.get(BASE + "/me/publisher-claims").json()
    assert [(c["id"], c["status"], c["attempts"], c["last_failure"]) for c in listed] == [
        (claim["id"], "pending", 1, detail)]
    assert reader.get(BASE + "/me/publishers").json() == []


@pytest.mark.django_db
def test_a_website_on_a_loopback_address_is_refused(reader, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    PublisherFactory(slug="valley-ledger", website="http://127.0.0.1:9/")
    claim = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()
    response = post(reader, f"/me/publisher-claims/{claim['id']}/verify")
    assert response.status_code == 400 and "loopback" in response.json()["detail"]


@pytest.mark.django_db
def test_claim_refusals(reader):
    assert post(reader, "/me/publisher-claims", {"publisher": "nobody"}).status_code == 404
    PublisherFactory(slug="no-site", website="")
    response = post(reader, "/me/publisher-claims", {"publisher": "no-site"})
    assert response.status_code == 400 and "no website" in response.json()["detail"]


@pytest.mark.django_db
def test_someone_elses_claim_is_404(reader, site):
    PublisherFactory(slug="valley-ledger", website=site.url("/"))
    claim = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()
    stranger = bearer_client(UserFactory())
    assert post(stranger, f"/me/publisher-claims/{claim['id']}/verify").status_code == 404
    assert stranger.get(BASE + "/me/publisher-claims").json() == []
    assert site.requests == []


@pytest.mark.django_db
def test_too_many_attempts_is_429(reader, site):
    PublisherFactory(slug="valley-ledger", website=site.url("/"))
    claim = post(reader, "/me/publisher-claims", {"publisher": "valley-ledger"}).json()
    statuses = [post(reader, f"/me/publisher-claims/{claim['id']}/verify").status_code for _ in range(11)]
    assert statuses == [400] * 10 + [429]


@pytest.mark.django_db
def test_non_managers_get_404_on_the_team(reader):
    manager = ManagerFactory(publisher=PublisherFactory(slug="valley-ledger"))
    assert reader.get(BASE + "/me/publishers/valley-ledger/managers").status_code == 404
    assert post(reader, "/me/publishers/valley-ledger/managers", {"email": "me@example.org"}).status_code == 404
    deleted = reader.delete(f"{BASE}/me/publishers/valley-ledger/managers/{manager.user.username}")
    assert deleted.status_code == 404
    assert manager.publisher.managers.count() == 1 and not Action.objects.exists()


@pytest.mark.django_db
def test_invite_accept_and_remove_through_the_api(django_capture_on_commit_callbacks):
    manager = ManagerFactory(publisher=PublisherFactory(slug="valley-ledger"), user=UserFactory(username="editor"))
    editor = bearer_client(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        invited = post(editor, "/me/publishers/valley-ledger/managers", {"email": "desk@example.org"})
    assert invited.status_code == 201 and invited.json()["email"] == "desk@example.org"
    token = re.search(r"http://testserver/portal/invite/(\S+)", mail.outbox[0].body).group(1)
    team = editor.get(BASE + "/me/publishers/valley-ledger/managers").json()
    assert [m["username"] for m in team["managers"]] == ["editor"] and len(team["invites"]) == 1
    desk = bearer_client(UserFactory(username="desk"))
    accepted = post(desk, f"/me/publisher-invites/{token}/accept")
    assert accepted.status_code == 200 and accepted.json()["slug"] == "valley-ledger"
    again = post(bearer_client(UserFactory()), f"/me/publisher-invites/{token}/accept")
    assert again.status_code == 400 and "already been used" in again.json()["detail"]
    assert desk.delete(BASE + "/me/publishers/valley-ledger/managers/editor").status_code == 204
    last = desk.delete(BASE + "/me/publishers/valley-ledger/managers/desk")
    assert last.status_code == 400 and "only manager" in last.json()["detail"]
    assert desk.delete(BASE + "/me/publishers/valley-ledger/managers/nobody").status_code == 404
    assert list(Action.objects.order_by("id").values_list("action", flat=True)) == [
        "invite.send", "invite.accept", "manager.add", "manager.remove"]
