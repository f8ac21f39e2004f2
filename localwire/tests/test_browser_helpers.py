import pytest

from localwire.testing.browser import retrying_screenshots

pytestmark = pytest.mark.browser


def test_a_screenshot_chromium_could_not_capture_is_taken_again_once(browser_page):
    from playwright.sync_api import Error

    page, calls = browser_page, []
    real = page.screenshot

    def flaky(**options):
        calls.append(options)
        if len(calls) == 1:
            raise Error("Protocol error (Page.captureScreenshot): Unable to capture screenshot")
        return real(**options)

    page.screenshot = flaky
    page.set_content("<h1>Harbour ferry returns</h1>")
    assert retrying_screenshots(page).screenshot(full_page=True)[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(calls) == 2


def test_any_other_screenshot_error_is_raised(browser_page):
    from playwright.sync_api import Error

    page = browser_page

    def broken(**options):
        raise Error("Target page, context or browser has been closed")

    page.screenshot = broken
    with pytest.raises(Error, match="has been closed"):
        retrying_screenshots(page).screenshot()


def test_an_image_that_loads_late_is_waited_for_under_a_policy_without_eval(browser_page, site):
    import io
    import time

    from PIL import Image

    from localwire.testing.browser import wait_for_image

    png = io.BytesIO()
    Image.new("RGB", (48, 32), "teal").save(png, "PNG")

    def slow(request):
        time.sleep(0.8)
        return 200, {"Content-Type": "image/png"}, png.getvalue()

    site.route("/late.png", slow)
    site.route("/", lambda request: (200, {"Content-Type": "text/html",
                                           "Content-Security-Policy": "default-src 'self'"},
                                     b'<!doctype html><img alt="" src="/late.png">'))
    page = browser_page
    page.goto(site.url("/"), wait_until="commit")
    wait_for_image(page.locator("img"))
    assert page.locator("img").evaluate("img => img.naturalWidth") == 48
