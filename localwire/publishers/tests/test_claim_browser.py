"""Claiming a profile in a real headless Chromium: from the profile's link to a failed Verify with its
reason, the token put on the publisher's site, verified, then a colleague invited on the Team tab and
the Activity tab read. Screenshots go to ARTIFACTS."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from localwire.testing.browser import ARTIFACTS
from localwire.testing.browsing import log_in
from localwire.testing.factories import PublisherFactory, UserFactory
from localwire.testing.httpserver import LocalServer

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    cache.clear()
    with LocalServer() as server:
        server.route("/", lambda req: (200, {"Content-Type": "text/html"}, b"<html><head></head><body>Ledger</body></html>"))
        yield server
    cache.clear()


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"publisher-claim-{name}.png"), full_page=True)


def test_claim_verify_invite_and_read_the_activity(live_server, browser_page, site):
    page, base = browser_page, live_server.url
    PublisherFactory(slug="valley-ledger", name="The Valley Ledger", website=site.url("/"))
    log_in(page, base, UserFactory(username="editor"), "/publisher/valley-ledger/")
    page.click("text=Claim this profile")
    page.click("text=Start a claim")
    tag = page.input_value("#claim-meta")
    assert tag.startswith('<meta name="localwire-site-verification" content="')
    page.click("button[name=verify]")
    page.wait_for_selector(".claim__problem")
    assert "answered HTTP 404" in page.inner_text(".claim__problem")
    _shot(page, "refused")
    site.route("/", lambda req: (200, {"Content-Type": "text/html"}, f"<html><head>{tag}</head></html>".encode()))
    page.click("button[name=verify]")
    page.wait_for_url("**/portal/valley-ledger/team")
    assert "Verified: you now manage The Valley Ledger." in page.inner_text(".messages")
    page.fill("#invite-email", "desk@example.org")
    page.click("text=Send invitation")
    page.wait_for_selector("text=Pending invitations")
    _shot(page, "team")
    page.click("nav.portal__tabs >> text=Activity")
    page.wait_for_url("**/portal/valley-ledger/activity")
    cells = page.locator("table.activity tbody tr td:nth-child(3)").all_inner_texts()
    assert cells == ["invite.send", "manager.add", "claim.verify", "claim.fail", "claim.start"]
    _shot(page, "activity")
