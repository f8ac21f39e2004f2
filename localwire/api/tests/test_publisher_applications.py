"""/api/v1/publisher-applications and /api/v1/moderation/publisher-applications: applying with the
checks run at once, who may read and decide, and what approving and rejecting leave behind."""

from __future__ import annotations

import pytest
from django.core import mail

from localwire.publishers.models import Action, Application, Manager
from localwire.publishers.tests import join_site
from localwire.sources.models import Feed, Publisher
from localwire.testing.clients import bearer_client
from localwire.testing.factories import FeedFactory, ModeratorFactory, UserFactory

BASE = "/api/v1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site):
    """The made-up publisher of join_site.py, served."""
    site.base = join_site.serve(site)
    return site


@pytest.fixture
def applicant():
    return bearer_client(UserFactory(email="someone@riverbend.example"))


@pytest.fixture
def moderator():
    return bearer_client(ModeratorFactory().user)


def body(site, **changes) -> dict:
    return {"name": "Riverbend Ledger", "website": site.base + "/",
            "feeds": [site.base + "/full.xml", site.base + "/gone.xml"], "home_city": "Little Rock, Arkansas",
            "about": "An independent weekly.", "contact_email": "editor@riverbend.example", **changes}


def post(client, path, data):
    return client.post(BASE + path, data, content_type="application/json")


def apply(client, site, **changes) -> dict:
    response = post(client, "/publisher-applications", body(site, **changes))
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.parametrize("method, path", [
    ("post", "/publisher-applications"), ("get", "/publisher-applications/1"),
    ("get", "/me/publisher-applications"), ("get", "/moderation/publisher-applications"),
    ("post", "/moderation/publisher-applications/1/decision"),
])
def test_every_endpoint_needs_a_token_or_a_session(client, method, path):
    assert getattr(client, method)(BASE + path).status_code == 401


def test_apply_answers_201_pending_with_the_checks(applicant, site):
    answer = apply(applicant, site)
    assert answer["status"] == "pending" and answer["publisher"] is None
    assert answer["url"] == f"/for-publishers/applications/{answer['id']}"
    full, gone = answer["checks"]["feeds"]
    assert full["ok"] and not gone["ok"]
    assert [c["name"] for c in answer["checks"]["site"]["checks"]] == ["website", "about", "not_listed"]
    assert answer["checks"]["failed"] == 2  # the 404 pages: full text and images
    row = Application.objects.get(pk=answer["id"])
    assert row.user == applicant.user and row.checks == answer["checks"] and row.checked_at is not None
    assert row.home_city.startswith("Little Rock")


@pytest.mark.parametrize("changes, words", [
    ({"website": "javascript:alert(1)"}, "http:// or https://"),
    ({"feeds": []}, "between 1 and 10"),
    ({"feeds": [f"https://x.example/{n}.xml" for n in range(11)]}, "between 1 and 10"),
    ({"feeds": ["ftp://x.example/feed.xml"]}, "http:// or https://"),
    ({"contact_email": "not an address"}, "e-mail"),
    ({"name": "  "}, "name is needed"),
    ({"name": "x" * 201}, "200 characters"),
    ({"home_city": "Nowhereville Qqq"}, "Home city"),
])
def test_bad_applications_are_400_saying_why(applicant, site, changes, words):
    response = post(applicant, "/publisher-applications", body(site, **changes))
    assert response.status_code == 400 and words in response.json()["detail"]
    assert not Application.objects.exists()


def test_a_feed_already_here_points_to_claiming(applicant, site):
    feed = FeedFactory(url=site.base + "/full.xml")
    response = post(applicant, "/publisher-applications", body(site))
    assert response.status_code == 400
    assert f"/publisher/{feed.publisher.slug}/" in response.json()["detail"]
    assert "Claim this profile" in response.json()["detail"]


def test_a_fourth_waiting_application_is_409(applicant, site):
    for n in range(3):
        apply(applicant, site, feeds=[site.base + "/full.xml"], name=f"Ledger {n}")
    response = post(applicant, "/publisher-applications", body(site))
    assert response.status_code == 409 and "3 applications waiting" in response.json()["detail"]


def test_the_applicant_and_moderators_read_an_application_others_do_not(applicant, moderator, site):
    answer = apply(applicant, site, feeds=[site.base + "/full.xml"])
    path = f"{BASE}/publisher-applications/{answer['id']}"
    assert applicant.get(path).json()["checks"] == answer["checks"]
    assert moderator.get(path).status_code == 200
    assert bearer_client(UserFactory()).get(path).status_code == 404
    assert [a["id"] for a in applicant.get(f"{BASE}/me/publisher-applications").json()] == [answer["id"]]
    assert bearer_client(UserFactory()).get(f"{BASE}/me/publisher-applications").json() == []


def test_only_moderators_see_the_queue_and_decide(applicant, moderator, site):
    answer = apply(applicant, site, feeds=[site.base + "/full.xml"])
    assert applicant.get(f"{BASE}/moderation/publisher-applications").status_code == 403
    decision = f"/moderation/publisher-applications/{answer['id']}/decision"
    assert post(applicant, decision, {"decision": "approve"}).status_code == 403
    queue = moderator.get(f"{BASE}/moderation/publisher-applications?status=pending").json()
    assert [a["id"] for a in queue] == [answer["id"]]
    assert moderator.get(f"{BASE}/moderation/publisher-applications?status=whatever").status_code == 400
    assert moderator.get(f"{BASE}/moderation/publisher-applications?status=approved").json() == []


def test_approval_creates_the_publisher_its_feeds_and_its_manager(applicant, moderator, site,
                                                                   django_capture_on_commit_callbacks):
    answer = apply(applicant, site)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(moderator, f"/moderation/publisher-applications/{answer['id']}/decision",
                        {"decision": "approve", "reason": "Welcome."})
    assert response.status_code == 200
    decided = response.json()
    assert decided["status"] == "approved" and decided["publisher"] == "riverbend-ledger"
    publisher = Publisher.objects.get(slug="riverbend-ledger")
    assert (publisher.name, publisher.website, publisher.about) == (
        "Riverbend Ledger", site.base + "/", "An independent weekly.")
    assert publisher.home_city.startswith("Little Rock")
    assert sorted(Feed.objects.filter(publisher=publisher).values_list("url", flat=True)) == [
        site.base + "/full.xml", site.base + "/gone.xml"]  # the feed parses; its pages are the publisher's to fix
    manager = Manager.objects.get(publisher=publisher)
    assert (manager.user, manager.via, manager.added_by) == (applicant.user, "application", moderator.user)
    logged = dict(Action.objects.filter(publisher=publisher).values_list("action", "username"))
    assert logged == {"manager.add": moderator.user.username, "application.approve": moderator.user.username}
    [sent] = mail.outbox
    assert sent.to == ["editor@riverbend.example"] and "/portal/riverbend-ledger/" in sent.body


def test_approval_leaves_out_a_feed_that_no_longer_checks_out(applicant, moderator, site):
    answer = apply(applicant, site, feeds=[site.base + "/full.xml", site.base + "/not-a-feed"])
    post(moderator, f"/moderation/publisher-applications/{answer['id']}/decision", {"decision": "approve"})
    assert list(Feed.objects.values_list("url", flat=True)) == [site.base + "/full.xml"]
    action = Action.objects.get(action="application.approve")
    assert action.detail["feeds_not_added"][0].startswith(site.base + "/not-a-feed (not a feed:")


def test_rejection_needs_a_reason_and_is_mailed(applicant, moderator, site, django_capture_on_commit_callbacks):
    answer = apply(applicant, site, feeds=[site.base + "/full.xml"])
    path = f"/moderation/publisher-applications/{answer['id']}/decision"
    assert post(moderator, path, {"decision": "reject"}).status_code == 400
    assert post(moderator, path, {"decision": "maybe", "reason": "x"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = post(moderator, path, {"decision": "reject", "reason": "Most items are wire copy."})
    assert response.status_code == 200
    assert response.json()["status"] == "rejected" and response.json()["reason"] == "Most items are wire copy."
    assert not Publisher.objects.exists() and not Manager.objects.exists()
    assert Action.objects.get(action="application.reject").detail["application"] == answer["id"]
    [sent] = mail.outbox
    assert "Most items are wire copy." in sent.body


def test_a_second_decision_is_409(applicant, moderator, site):
    answer = apply(applicant, site, feeds=[site.base + "/full.xml"])
    path = f"/moderation/publisher-applications/{answer['id']}/decision"
    assert post(moderator, path, {"decision": "approve"}).status_code == 200
    again = post(moderator, path, {"decision": "reject", "reason": "Changed my mind."})
    assert again.status_code == 409
    assert Publisher.objects.count() == 1 and Application.objects.get().status == "approved"
    assert post(moderator, "/moderation/publisher-applications/999/decision",
                {"decision": "approve"}).status_code == 404
