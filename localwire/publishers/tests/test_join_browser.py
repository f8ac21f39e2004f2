"""Joining in a real headless Chromium: a publisher applies on /for-publishers/apply and reads its
checks; a moderator approves it on /moderation/publishers; the directory lists it. Screenshots go
to ARTIFACTS (join-*.png)."""

from __future__ import annotations

import pytest

from localwire.publishers.models import Manager
from localwire.publishers.tests import join_site
from localwire.sources.models import Publisher
from localwire.testing.browser import ARTIFACTS
from localwire.testing.browsing import log_in
from localwire.testing.factories import ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(site):
    """The made-up publisher of join_site.py, served."""
    site.base = join_site.serve(site)
    return site


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"join-{name}.png"), full_page=True)


def test_apply_read_the_checks_and_be_approved(live_server, browser_page, site):
    page, base = browser_page, live_server.url
    applicant = UserFactory()
    log_in(page, base, applicant, "/for-publishers/apply")
    page.fill("input[name=name]", "Riverbend Ledger")
    page.fill("input[name=website]", site.base + "/")
    page.fill("textarea[name=feeds]", f"{site.base}/summaries.xml\n{site.base}/gone.xml")
    page.fill("textarea[name=about]", "An independent weekly for the Riverbend valley.")
    page.fill("input[name=contact_email]", "editor@riverbend.example")
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/for-publishers/applications/*")
    assert page.locator("table.checks").count() == 3  # two feeds and the site
    assert page.locator("td.check--failed").count() == 2  # the 404 pages: full text and images
    _shot(page, "application")

    log_in(page, base, ModeratorFactory().user, "/moderation/publishers")
    assert "Riverbend Ledger" in page.inner_text("article.moderation__item h2")
    _shot(page, "queue")
    page.click("article.moderation__item button:has-text('Approve')")
    page.wait_for_selector("text=Approved: Riverbend Ledger is a publisher now")
    publisher = Publisher.objects.get(name="Riverbend Ledger")
    assert Manager.objects.get(publisher=publisher).user == applicant

    page.goto(base + "/publishers")
    page.click("text=Riverbend Ledger")
    page.wait_for_url(f"**/publisher/{publisher.slug}/")
    page.goto(base + "/publishers")
    _shot(page, "directory")
