"""What a stranger or a junk page can make Localwire log: one line each, never a traceback
(issue 11, item 7). The log is read from the handler ``settings.LOGGING`` configured. With
``LOG_FORMAT=json`` every line is one JSON object (issue 16, item 5)."""

import io
import json
import logging
import os
import subprocess
import sys

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


@pytest.fixture
def json_lines():
    """Records written through a handler like the console's, with LOG_FORMAT=json's formatter."""
    from localwire.logs import ClientErrorsOnOneLine, JsonLines

    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(JsonLines())
    handler.addFilter(ClientErrorsOnOneLine())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in written.getvalue().splitlines()]
    root.removeHandler(handler)


def test_json_lines_carry_the_pipelines_ids_and_the_exception_as_fields(json_lines):
    logging.getLogger("localwire.pipeline.runner").warning("feed=%s poll failed (%s errors): %s", 12, 3, "HTTP 500")
    try:
        raise ValueError("no body\nat all")
    except ValueError:
        logging.getLogger("localwire.pipeline.runner").exception("entry=%s failed", 345)
    poll, failure = json_lines()
    assert poll["level"] == "WARNING" and poll["logger"] == "localwire.pipeline.runner"
    assert poll["message"] == "feed=12 poll failed (3 errors): HTTP 500"
    assert poll["feed"] == 12 and "entry" not in poll and "exception" not in poll
    assert poll["time"].endswith("+00:00") and poll["pid"] > 0
    assert failure["entry"] == 345
    assert failure["exception"].startswith("Traceback") and "ValueError: no body\nat all" in failure["exception"]


@pytest.mark.django_db
def test_json_lines_for_requests_keep_client_errors_on_one_line(json_lines):
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400
    refused = [line for line in json_lines() if line["logger"].startswith("django.security")]
    assert len(refused) == 1 and "exception" not in refused[0]
    assert refused[0]["method"] == "GET" and refused[0]["path"] == "/"


def test_log_format_json_is_what_the_settings_configure(tmp_path):
    """The setting wires the formatter: a process started with LOG_FORMAT=json writes JSON lines."""
    code = ("from localwire.boot import setup_django; setup_django(migrate=False); import logging; "
            "logging.getLogger('localwire.pipeline.runner').info('feed=%s polled: %s new entries', 7, 2)")
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "LOG_FORMAT": "json"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    line = json.loads(proc.stderr.strip().splitlines()[-1])
    assert line["message"] == "feed=7 polled: 2 new entries" and line["feed"] == 7 and line["level"] == "INFO"
