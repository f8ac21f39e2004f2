"""A Content-Security-Policy on every response, and pages that keep working under it (issue 11,
item 6)."""

import pytest

from localwire.testing.browser import ARTIFACTS, DESKTOP, PHONE
from localwire.testing.factories import PASSWORD, ArticleFactory

PAGES = ["/", "/account/login", "/account/signup", "/search?q=council", "/admin/login/", "/api/v1/articles",
         "/feed.rss", "/no-such-page/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_policy(client, path):
    ArticleFactory()
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_the_article_page_carries_it_too(client):
    article = ArticleFactory()
    assert "default-src 'self'" in client.get(article.get_absolute_url())["Content-Security-Policy"]


@pytest.mark.django_db
def test_with_debug_the_policy_is_only_reported(client, settings):
    settings.DEBUG = True
    response = client.get("/account/login")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


@pytest.fixture
def reader_and_article(django_user_model):
    """Made before the browser starts: Playwright's event loop in this thread would make Django
    open a connection of its own for the async context, which outlives the test on PostgreSQL."""
    django_user_model.objects.create_user("reader", password=PASSWORD)
    return ArticleFactory()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_pages_break_no_rule_of_the_policy_in_chromium(live_server, reader_and_article, browser_page):
    """Chromium reports every blocked script, style or picture on the console; there must be none."""
    page, refused = browser_page, []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    response = page.goto(live_server.url + "/account/login")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.fill(".account-form input[name=username]", "reader")
    page.fill(".account-form input[name=password]", PASSWORD)
    page.click(".account-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("form.nav__logout").count() == 1, "signed in"
    for size, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        for path, shot in (("/", "home"), (reader_and_article.get_absolute_url(), "article"), ("/account/", "account")):
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(ARTIFACTS / f"csp-{shot}-{name}.png"))
    assert refused == []
