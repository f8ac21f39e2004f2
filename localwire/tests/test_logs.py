"""What a stranger or a junk page can make Localwire log: one line each, never a traceback
(issue 11, item 7). The log is read from the handler ``settings.LOGGING`` configured."""

import io
import logging

import pytest
from django.test import Client

from localwire.articles.extract import extract
from localwire.testing.factories import PASSWORD


@pytest.fixture
def console():
    """What the site's console handler writes, for the length of a test."""
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    written = io.StringIO()
    # Not setStream: it flushes the stream it replaces, which an earlier test's captured stderr
    # may have left closed.
    previous, handler.stream = handler.stream, written
    yield written
    handler.stream = previous


def entries(written: io.StringIO, logger: str) -> list[str]:
    return [line for line in written.getvalue().splitlines() if logger in line]


@pytest.mark.django_db
def test_a_refused_host_header_is_one_line(console):
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert len(entries(console, "django.security.DisallowedHost")) == 1
    assert "Traceback" not in console.getvalue()


@pytest.mark.django_db
def test_a_403_is_one_line(console, django_user_model):
    reader = django_user_model.objects.create_user("reader", password=PASSWORD)
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    assert client.get("/moderation/").status_code == 403  # a reader, not a moderator
    assert entries(console, "Forbidden (Permission denied): /moderation/")
    assert "Traceback" not in console.getvalue()


@pytest.mark.django_db
def test_a_server_error_keeps_its_traceback(console):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /", extra={"status_code": 500})
    assert "Traceback" in console.getvalue() and "ValueError: boom" in console.getvalue()


@pytest.mark.parametrize("junk", [b"<p>", b"\xef\xbb\xbf", b"plain words, no markup", b"<?xml version='1.0'?><rss/>"])
def test_junk_pages_leave_the_log_quiet(console, junk):
    extract(junk, "https://news.example.org/junk")
    assert console.getvalue() == ""
