"""The documented production settings pass Django's deployment check, and LOCALWIRE_HTTPS does what
it says on a real server behind a trusted proxy header (issue 11, item 6)."""

import http.client
import secrets
import sqlite3

import pytest

from localwire.testing.cli import Server, localwire

pytestmark = pytest.mark.slow

PUBLIC = "news.example.org"


def production(**more: str) -> dict[str, str]:
    """The settings of docs/operations.md#production, with a key made for this test."""
    return {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": PUBLIC,
            "CSRF_TRUSTED_ORIGINS": f"https://{PUBLIC}", "LOCALWIRE_TRUST_X_FORWARDED_PROTO": "true",
            "LOCALWIRE_HTTPS": "true", **more}


def test_check_deploy_reports_no_issues_with_the_documented_settings(tmp_path):
    proc = localwire(tmp_path, "manage", "check", "--deploy", **production())
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "no issues" in output and "WARNINGS" not in output, output


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": PUBLIC, **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def settings_of(home, names: str, **variables: str) -> list[str]:
    shown = localwire(home, "manage", "shell", "--verbosity", "0", "-c",
                      f"from django.conf import settings as s; print(*(getattr(s, n) for n in {names.split()!r}))",
                      **variables)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.split()


def article_views(home) -> int:
    with sqlite3.connect(home / "localwire.sqlite3") as db:
        return db.execute("select coalesce(sum(views), 0) from metrics_articleviewday").fetchone()[0]


def test_behind_a_trusted_proxy_the_scheme_and_the_client_address_reach_the_site(tmp_path):
    home = tmp_path / "home"
    made = localwire(home, "manage", "shell", "--verbosity", "0", "-c",
                     "from localwire.testing.factories import ArticleFactory; print(ArticleFactory().get_absolute_url())")
    assert made.returncode == 0, made.stderr
    article = made.stdout.split()[-1]
    with Server(home, "--no-worker", LOCALWIRE_PROXY_HOPS="1", **production()) as server:
        plain = get(server.port, "/account/login")
        assert plain.status == 301 and plain.getheader("Location") == f"https://{PUBLIC}/account/login"
        assert get(server.port, "/healthz").status == 200, "load balancers probe over plain HTTP"

        secure = get(server.port, "/account/login", **{"X-Forwarded-Proto": "https"})
        assert secure.status == 200, "waitress passed the proxy's X-Forwarded-Proto on to Django"
        assert secure.getheader("Strict-Transport-Security") == "max-age=31536000"
        assert "default-src 'self'" in secure.getheader("Content-Security-Policy")
        cookie = secure.getheader("Set-Cookie")
        assert cookie.startswith("csrftoken=") and "Secure" in cookie

        for reader in ("203.0.113.7", "203.0.113.8"):  # two readers behind the one proxy
            seen = get(server.port, article, **{"X-Forwarded-Proto": "https", "X-Forwarded-For": reader,
                                                "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"})
            assert seen.status == 200
    assert article_views(home) == 2, "each reader counted once: their addresses reached the site"

    assert settings_of(home, "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS",
                       **production(LOCALWIRE_HSTS_SECONDS="600")) == ["True", "True", "True", "600"]


def test_plain_http_stays_the_default(tmp_path):
    assert settings_of(tmp_path, "SESSION_COOKIE_SECURE SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS") == [
        "False", "False", "0"]
