"""The claim page, /portal/, the Team and Activity tabs, and the invitation page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from localwire.publishers.access import manages
from localwire.publishers.audit import log_action
from localwire.publishers.models import Claim
from localwire.testing.factories import ManagerFactory, PublisherFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def manager(client):
    row = ManagerFactory(publisher=PublisherFactory(slug="valley-ledger", name="The Valley Ledger"),
                         user=UserFactory(username="editor"))
    client.force_login(row.user)
    return row


@pytest.mark.django_db
def test_the_profile_offers_a_claim_to_readers_and_the_portal_to_managers(client):
    row = ManagerFactory(publisher=PublisherFactory(slug="valley-ledger"))
    assert "/publisher/valley-ledger/claim" in client.get("/publisher/valley-ledger/").content.decode()
    client.force_login(row.user)
    page = client.get("/publisher/valley-ledger/").content.decode()
    assert 'href="/portal/valley-ledger/"' in page and "Claim this profile" not in page


@pytest.mark.django_db
def test_claiming_on_the_page(client, site):
    publisher = PublisherFactory(slug="valley-ledger", website=site.url("/"))
    assert client.get("/publisher/valley-ledger/claim").status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert "Start a claim" in client.get("/publisher/valley-ledger/claim").content.decode()
    assert client.post("/publisher/valley-ledger/claim").status_code == 302
    claim = Claim.objects.get(publisher=publisher)
    page = client.get("/publisher/valley-ledger/claim").content.decode()
    assert f'value="&lt;meta name=&quot;localwire-site-verification&quot; content=&quot;{claim.token}&quot;&gt;"' in page
    assert site.url("/.well-known/localwire-verification.txt") in page
    site.route("/", lambda req: (200, {"Content-Type": "text/html"}, b"<html><head></head></html>"))
    failed = client.post("/publisher/valley-ledger/claim", {"verify": "1"}).content.decode()
    assert "Not verified: no &lt;meta name=&quot;localwire-site-verification&quot;&gt; on" in failed
    site.route("/.well-known/localwire-verification.txt", lambda req: (200, {}, claim.token.encode()))
    done = client.post("/publisher/valley-ledger/claim", {"verify": "1"})
    assert done.status_code == 302 and done["Location"] == "/portal/valley-ledger/team"
    assert manages(claim.user, publisher)
    assert "/portal/valley-ledger/" in client.get("/portal/").content.decode()


@pytest.mark.django_db
def test_portal_pages_are_404_to_others(client, manager):
    client.force_login(UserFactory())
    for path in ("team", "activity"):
        assert client.get(f"/portal/valley-ledger/{path}").status_code == 404
    assert client.post("/portal/valley-ledger/team/invite", {"email": "x@example.org"}).status_code == 404
    assert client.post("/portal/valley-ledger/team/editor/remove").status_code == 404
    assert manager.publisher.managers.count() == 1


@pytest.mark.django_db
def test_inviting_and_joining_on_the_pages(client, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/portal/valley-ledger/team/invite", {"email": "desk@example.org"})
    assert sent.status_code == 302
    team = client.get("/portal/valley-ledger/team").content.decode()
    assert "desk@example.org" in team and "Invitation sent" in team
    path = re.search(r"http://testserver(/portal/invite/\S+)", mail.outbox[0].body).group(1)
    desk = UserFactory()
    client.force_login(desk)
    assert "The Valley Ledger" in client.get(path).content.decode()
    assert client.post(path)["Location"] == "/portal/valley-ledger/team"
    assert manages(desk, manager.publisher)
    used = client.get(path)
    assert used.status_code == 400 and "already been used" in used.content.decode()


@pytest.mark.django_db
def test_removing_on_the_team_page(client, manager):
    ManagerFactory(publisher=manager.publisher, user=UserFactory(username="reporter"))
    assert client.post("/portal/valley-ledger/team/reporter/remove").status_code == 302
    assert manager.publisher.managers.count() == 1
    client.post("/portal/valley-ledger/team/editor/remove")
    assert "only manager" in client.get("/portal/valley-ledger/team").content.decode()


@pytest.mark.django_db
def test_the_activity_tab_lists_actions_newest_first_escaped(client, manager):
    log_action(manager.publisher, manager.user, "feed.pause", feed="<b>Town hall</b>")
    log_action(manager.publisher, manager.user, "article.takedown", reason="asked by the source")
    log_action(PublisherFactory(), manager.user, "feed.add", feed="elsewhere")
    page = client.get("/portal/valley-ledger/activity").content.decode()
    assert page.index("article.takedown") < page.index("feed.pause")
    assert "&lt;b&gt;Town hall&lt;/b&gt;" in page and "<b>Town hall" not in page
    assert "elsewhere" not in page and 'aria-current="page">Activity' in page
