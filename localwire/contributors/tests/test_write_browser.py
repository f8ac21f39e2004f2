"""A contributor's whole way in a real headless Chromium: apply on /contributors, write a post with
an image uploaded through the page, submit it; a moderator publishes it on /moderation/posts; the
post is then on the home page, labelled, and on the contributor's profile. Screenshots go to ARTIFACTS."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from localwire.contributors.models import Post
from localwire.nlp import cities
from localwire.testing.browser import ARTIFACTS, wait_for_image
from localwire.testing.browsing import log_in
from localwire.testing.factories import ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TITLE = "Volunteers repaint the Main Street bridge"
BODY = ("Twelve neighbours spent Saturday repainting the railings of the Main Street bridge.\n\n"
        "The city supplied the paint; the **hardware store** lent the brushes.")


@pytest.fixture(autouse=True)
def scratch_home(settings, tmp_path):
    """Uploads go to a scratch folder; the gazetteer is loaded here, not inside a page's deadline."""
    settings.LOCALWIRE_HOME = tmp_path
    cities.search("Little Rock")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (480, 320), (40, 110, 170)).save(out, "PNG")
    return out.getvalue()


def _shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"contributor-{name}.png"), full_page=True)


def _apply(page):
    page.fill("input[name=name]", "Dana Okafor")
    page.fill("textarea[name=bio]", "I write about the river towns.")
    page.fill("input[name=home_city]", "Little Rock, Arkansas")
    page.click("form[action='/contributors/apply'] button[type=submit]")
    page.wait_for_url("**/contributor/dana-okafor/")


def _write(page, base: str) -> Post:
    page.goto(base + "/write")
    page.click("text=New post")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=body]", BODY)
    page.click("button[value=preview]")
    assert page.inner_html(".write__preview strong") == "hardware store"
    page.click("button[value=save]")
    page.wait_for_selector("text=Saved.")
    page.set_input_files("input[name=file]", files=[{"name": "bridge.png", "mimeType": "image/png",
                                                     "buffer": _png()}])
    page.fill("input[name=caption]", "The bridge railings, freshly painted")
    page.fill("input[name=credit]", "Photo: Dana Okafor")
    page.click(".write__image-form button[type=submit]")
    page.wait_for_selector("text=Image added.")
    wait_for_image(page.locator(".write__images img"))
    assert page.evaluate("document.querySelector('.write__images img').naturalWidth") == 480
    _shot(page, "write")
    page.click("button[value=submit]")
    page.wait_for_selector(".post-status--in_review")
    _shot(page, "submitted")
    return Post.objects.get(title=TITLE)


def test_apply_write_submit_publish_and_read(live_server, browser_page):
    page, base = browser_page, live_server.url
    log_in(page, base, UserFactory(), "/contributors")
    _apply(page)
    post = _write(page, base)
    assert post.status == "in_review" and post.images.count() == 1

    log_in(page, base, ModeratorFactory().user, "/moderation/posts")
    item = page.locator(f"#post-{post.pk}")
    assert "Contributor · Community Voice" in item.inner_text()
    assert item.locator("figcaption").inner_text().startswith("The bridge railings")
    _shot(page, "review")
    item.locator("button", has_text="Publish").click()
    page.wait_for_selector("text=Nothing is waiting.")
    post.refresh_from_db()
    assert post.status == "published"

    page.context.clear_cookies()
    page.goto(base + "/")
    card = page.locator("li.card", has=page.locator(".card__title", has_text=TITLE))
    assert card.count() == 1
    assert "Contributor · Community Voice" in card.inner_text()
    _shot(page, "home")
    page.goto(base + "/contributor/dana-okafor/")
    assert page.locator(".card__title", has_text=TITLE).count() == 1
    assert "Contributor · Community Voice" in page.inner_text(".profile__kind")
    _shot(page, "profile")
