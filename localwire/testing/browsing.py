"""Steps the browser tests of every app share."""

from __future__ import annotations

from localwire.testing.factories import PASSWORD


def log_in(page, base: str, user, next_path: str) -> None:
    """Log in through the site's own form (anyone signed in before is signed out first) and wait to
    land on ``next_path``."""
    page.context.clear_cookies()
    page.goto(f"{base}/account/login?next={next_path}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url(f"**{next_path}")
