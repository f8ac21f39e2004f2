"""Where the browser tests find Chromium and keep their screenshots, and the sizes they look at."""

import os
from pathlib import Path

CHROMIUM = os.environ.get("LOCALWIRE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("LOCALWIRE_ARTIFACTS", "var/artifacts")).resolve()
# Without these, Chromium tries to reach Google's services at start and on a closed network waits.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def retrying_screenshots(page):
    """Chromium now and then answers a screenshot with "Unable to capture screenshot" while the
    machine is busy (once in a full run on two test workers, on a page that had passed every check).
    A screenshot is an artefact for people to look at, so a failed one is taken again, once."""
    from playwright.sync_api import Error

    take = page.screenshot

    def screenshot(**options):
        try:
            return take(**options)
        except Error as exc:
            if "Unable to capture screenshot" not in str(exc):
                raise
            page.wait_for_timeout(500)
            return take(**options)

    page.screenshot = screenshot
    return page


def wait_for_image(image) -> None:
    """Until the image (a locator) has loaded and has pixels. Not ``page.wait_for_function``: when
    its condition is not yet true, Playwright polls it with code made from a string, which the
    site's Content-Security-Policy (no 'unsafe-eval') refuses, so it failed only when the image was
    slow. A function run by ``evaluate`` is not bound by the page's policy."""
    loaded = image.evaluate("img => img.complete ? img.naturalWidth : new Promise((done, failed) => {"
                            " img.addEventListener('load', () => done(img.naturalWidth), {once: true});"
                            " img.addEventListener('error', () => failed(new Error('image failed')), {once: true}); })")
    assert loaded > 0, "the image loaded without pixels"
