"""The home city choice and the Local page in a real headless Chromium, at phone and desktop widths.
Screenshots go to var/artifacts (LOCALWIRE_ARTIFACTS)."""

from __future__ import annotations

import pytest

from localwire.nlp import cities
from localwire.community.models import Profile
from localwire.community.tests.test_local_fills import SPRINGFIELD_IL, build_springfield, springfield_reader
from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE
from localwire.testing.browsing import log_in
from localwire.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def gazetteer_loaded():
    """The live server runs in this process: load the gazetteer once here, not inside a page's deadline."""
    cities.search("Springfield")


def _shoot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)


def test_a_reader_picks_which_springfield_is_home(live_server, browser_page):
    user = UserFactory()
    page = browser_page
    log_in(page, live_server.url, user, "/account/")
    page.fill("input[name=home]", "Springfield")
    page.click("form.account-form button[type=submit]")
    page.wait_for_selector("fieldset.town-choices")
    assert "places are called Springfield. Pick yours." in page.inner_text(".field--error")
    labels = page.locator("fieldset.town-choices label")
    assert labels.nth(0).inner_text().startswith("Springfield, Missouri, US")
    _shoot(page, "home-city-choices")
    page.set_viewport_size(PHONE)
    illinois = page.locator("fieldset.town-choices label", has_text="Springfield, Illinois, US")
    assert illinois.bounding_box()["height"] >= 44  # a finger can hit one town, not its neighbour
    illinois.click()
    page.click("form.account-form button[type=submit]")
    page.wait_for_selector("text=Profile saved.")
    assert page.input_value("input[name=home]") == "Springfield, Illinois, US"
    assert Profile.objects.get(user=user).home_geonameid == SPRINGFIELD_IL


def test_a_visitor_types_a_town_and_is_offered_the_real_ones(live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/local")
    page.fill("#local-city", "Atlantis")
    page.click(".city-picker button")
    page.wait_for_selector("ul.town-choices")
    choices = page.locator("ul.town-choices a").all_inner_texts()
    assert [c.split(" · ")[0] for c in choices] == ["Atlantis, South Africa, ZA", "Atlantis, Florida, US"]
    _shoot(page, "local-picker-choices")
    page.click("text=Atlantis, Florida, US")
    page.wait_for_selector("h1:has-text('Local: Atlantis')")


def test_the_local_page_fills_with_reasons(live_server, browser_page):
    build_springfield()
    reader = springfield_reader()
    page = browser_page
    log_in(page, live_server.url, reader, "/local")
    reasons = page.locator(".card__why").all_inner_texts()
    assert reasons[:7] == ["In Springfield"] * 7
    assert reasons[7:10] == ["51 km from Springfield", "59 km from Springfield", "99 km from Springfield"]
    assert reasons[10:] == ["In Illinois", "In Illinois", "In United States", "In United States"]
    _shoot(page, "local-springfield")
