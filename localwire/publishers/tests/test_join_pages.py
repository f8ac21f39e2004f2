"""The joining pages: the directory with its counts, "For publishers", the apply form, an
application's page and the moderators' queue, with who may see and do what."""

from __future__ import annotations

import pytest
from django.test import Client

from localwire.publishers import join_views
from localwire.publishers.models import Action, Application, Manager
from localwire.publishers.tests import join_site
from localwire.sources.models import Publisher
from localwire.testing.factories import (
    ArticleFactory, FollowFactory, ModeratorFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def site(site):
    """The made-up publisher of join_site.py, served."""
    site.base = join_site.serve(site)
    return site


@pytest.fixture
def three():
    """Publishers with known followers and posts: Alder (1, 3), Birch (3, 1), Cedar (2, 2); a mute
    is not a follower."""
    counts = {"Alder Weekly": (1, 3), "Birch Radio": (3, 1), "Cedar Times": (2, 2)}
    made = {}
    for name, (followers, posts) in counts.items():
        publisher = made[name] = PublisherFactory(name=name, home_city="Little Rock, Arkansas")
        for _ in range(followers):
            FollowFactory(channel=None, publisher=publisher)
        ArticleFactory.create_batch(posts, publisher=publisher)
    FollowFactory(channel=None, publisher=made["Alder Weekly"], muted=True)
    return made


def rows(response) -> list[tuple[str, int, int]]:
    return [(p.name, p.followers, p.posts) for p in response.context["page"].object_list]


def test_the_directory_lists_every_publisher_with_its_counts(client, three):
    response = client.get("/publishers")
    assert response.status_code == 200
    assert rows(response) == [("Alder Weekly", 1, 3), ("Birch Radio", 3, 1), ("Cedar Times", 2, 2)]
    html = response.content.decode()
    assert f'href="/publisher/{three["Birch Radio"].slug}/"' in html and "Newspaper" in html
    assert "Little Rock, Arkansas" in html


@pytest.mark.parametrize("sort, order", [
    ("followers", ["Birch Radio", "Cedar Times", "Alder Weekly"]),
    ("posts", ["Alder Weekly", "Cedar Times", "Birch Radio"]),
    ("name", ["Alder Weekly", "Birch Radio", "Cedar Times"]),
    ("nonsense", ["Alder Weekly", "Birch Radio", "Cedar Times"]),
])
def test_the_directory_sorts(client, three, sort, order):
    assert [name for name, *_ in rows(client.get(f"/publishers?sort={sort}"))] == order


def test_the_directory_pages_by_any_sort(client, three, monkeypatch):
    monkeypatch.setattr(join_views, "PAGE_SIZE", 2)
    for sort in ("name", "followers"):
        first, second = client.get(f"/publishers?sort={sort}"), client.get(f"/publishers?sort={sort}&page=2")
        assert len(rows(first)) == 2 and len(rows(second)) == 1
        assert f'href="?sort={sort}&amp;page=2"' in first.content.decode()
        assert client.get(f"/publishers?sort={sort}&page=3").status_code == 404
    assert rows(client.get("/publishers?sort=followers&page=2")) == [("Alder Weekly", 1, 3)]


def test_the_directory_costs_the_same_few_queries_however_many_publishers(client, three, django_assert_max_num_queries):
    PublisherFactory.create_batch(5)
    for sort in ("name", "followers", "posts"):
        with django_assert_max_num_queries(4):  # session, page (with posts), followers, and the ids to sort
            client.get(f"/publishers?sort={sort}")


def test_the_main_navigation_leads_to_the_directory(client):
    assert '<a href="/publishers"' in client.get("/").content.decode()


def test_for_publishers_says_what_is_asked_and_how_to_claim(client):
    html = client.get("/for-publishers").content.decode()
    for asked in ("Full text", "Bylines", "Dates", "Image credits", "An About page", "Mostly original reporting",
                  "Claim this profile", 'href="/for-publishers/apply"', 'href="/publishers"'):
        assert asked in html


def test_applying_needs_an_account(client):
    response = client.get("/for-publishers/apply")
    assert response.status_code == 302 and response["Location"].startswith("/account/login")


def test_the_apply_form_sends_an_application_and_shows_its_checks(site):
    user = UserFactory()
    page = signed_in(user)
    response = page.post("/for-publishers/apply", {
        "name": "Riverbend Ledger", "website": site.base + "/", "feeds": f"{site.base}/full.xml\n\n{site.base}/gone.xml",
        "home_city": "", "about": "An independent weekly.", "contact_email": "editor@riverbend.example"}, follow=True)
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/for-publishers/applications/{application.pk}"
    assert application.feeds == [site.base + "/full.xml", site.base + "/gone.xml"]
    html = response.content.decode()
    assert "Your application is in." in html and "Waiting for a moderator" in html
    assert "Full text" in html and "Failed" in html and "the page could not be read (HTTP 404)" in html
    assert "An About page at" in html


def test_a_refused_application_shows_the_form_again_with_why(site):
    page = signed_in(UserFactory())
    response = page.post("/for-publishers/apply", {
        "name": "Riverbend Ledger", "website": "ftp://riverbend.example/", "feeds": site.base + "/full.xml",
        "contact_email": "editor@riverbend.example"})
    assert response.status_code == 400 and "http:// or https://" in response.content.decode()
    assert not Application.objects.exists()


def test_an_application_is_for_its_applicant_and_moderators_only(client, site):
    user = UserFactory()
    application = Application.objects.create(user=user, name="Riverbend Ledger", website=site.base + "/",
                                             feeds=[site.base + "/full.xml"], contact_email="e@r.example")
    path = f"/for-publishers/applications/{application.pk}"
    assert signed_in(user).get(path).status_code == 200
    assert signed_in(ModeratorFactory().user).get(path).status_code == 200
    assert signed_in(UserFactory()).get(path).status_code == 404
    assert client.get(path).status_code == 404


def test_the_queue_is_for_moderators(client):
    assert signed_in(UserFactory()).get("/moderation/publishers").status_code == 403
    assert signed_in(UserFactory()).post("/moderation/publishers/1/decision", {"decision": "approve"}).status_code == 403
    assert client.get("/moderation/publishers").status_code == 302  # to log in


def test_moderators_approve_from_the_queue(site):
    applicant, moderator = UserFactory(), ModeratorFactory().user
    application = Application.objects.create(
        user=applicant, name="Riverbend Ledger", website=site.base + "/", feeds=[site.base + "/full.xml"],
        contact_email="e@r.example", checks={"feeds": [], "site": {"url": site.base + "/", "checks": [
            {"name": "about", "ok": False, "detail": "The home page links to no About page."}]},
            "passed": 0, "failed": 1, "sample_size": 5})
    page = signed_in(moderator)
    queue = page.get("/moderation/publishers").content.decode()
    assert "Riverbend Ledger" in queue and "The home page links to no About page." in queue
    response = page.post(f"/moderation/publishers/{application.pk}/decision", {"decision": "approve"}, follow=True)
    assert "Approved: Riverbend Ledger is a publisher now" in response.content.decode()
    publisher = Publisher.objects.get(name="Riverbend Ledger")
    assert Manager.objects.get(publisher=publisher).user == applicant
    assert Action.objects.filter(publisher=publisher, action="application.approve").exists()
    again = page.post(f"/moderation/publishers/{application.pk}/decision", {"decision": "reject", "reason": "No."})
    assert again.status_code == 409 and "already approved" in again.content.decode()


def test_rejecting_from_the_queue_needs_a_reason(site):
    application = Application.objects.create(user=UserFactory(), name="Riverbend Ledger", website=site.base + "/",
                                             feeds=[site.base + "/full.xml"], contact_email="e@r.example")
    page = signed_in(ModeratorFactory().user)
    path = f"/moderation/publishers/{application.pk}/decision"
    response = page.post(path, {"decision": "reject", "reason": ""})
    assert response.status_code == 400 and "Say why" in response.content.decode()
    assert page.post(path, {"decision": "reject", "reason": "Wire copy only."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.reason == "Wire copy only."
    rejected = page.get("/moderation/publishers?status=rejected").content.decode()
    assert "Wire copy only." in rejected and 'name="decision"' not in rejected


def test_moderators_run_the_checks_again(site):
    application = Application.objects.create(user=UserFactory(), name="Riverbend Ledger", website=site.base + "/",
                                             feeds=[site.base + "/full.xml"], contact_email="e@r.example")
    path = f"/for-publishers/applications/{application.pk}/recheck"
    assert signed_in(UserFactory()).post(path).status_code == 404
    response = signed_in(ModeratorFactory().user).post(path, {"back": "queue"})
    assert response.status_code == 302 and response["Location"].startswith("/moderation/publishers")
    application.refresh_from_db()
    assert application.checks["feeds"][0]["ok"] and application.checked_at is not None


def test_the_applicant_runs_the_checks_again_every_few_minutes(site):
    user = UserFactory()
    application = Application.objects.create(user=user, name="Riverbend Ledger", website=site.base + "/",
                                             feeds=[site.base + "/gone.xml"], contact_email="e@r.example")
    page = signed_in(user)
    path = f"/for-publishers/applications/{application.pk}"
    assert "Check again" in page.get(path).content.decode()
    first = page.post(path + "/recheck", follow=True)
    assert "Checked again: Riverbend Ledger." in first.content.decode()
    assert "Check again" not in first.content.decode().split("Checks</h2>")[1]
    hits = site.hits("/gone.xml")
    again = page.post(path + "/recheck", follow=True)
    assert "try again later" in again.content.decode() and site.hits("/gone.xml") == hits
