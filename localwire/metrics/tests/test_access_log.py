"""LOG_REQUESTS: one INFO line per request from ``localwire.access``, without what readers searched
for and without the secrets some addresses carry."""

import pytest

pytestmark = pytest.mark.django_db


def access_lines(caplog):
    return [record for record in caplog.records if record.name == "localwire.access"]


def test_off_by_default(client, caplog, settings):
    assert settings.LOG_REQUESTS is False
    with caplog.at_level("INFO", logger="localwire.access"):
        client.get("/healthz")
    assert access_lines(caplog) == []


def test_a_line_per_request_with_its_fields(client, caplog, settings):
    settings.LOG_REQUESTS = True
    with caplog.at_level("INFO", logger="localwire.access"):
        client.get("/search?q=my+neighbour%27s+name")
        client.get("/no-such-page/")
    search, missing = access_lines(caplog)
    assert search.getMessage().startswith("GET /search 200 ") and search.getMessage().endswith(" ms search")
    assert (search.method, search.path, search.status, search.page) == ("GET", "/search", 200, "search")
    assert "neighbour" not in search.getMessage()
    assert search.duration_ms > 0
    assert (missing.path, missing.status, missing.page) == ("/no-such-page/", 404, "other")


def test_secret_url_arguments_are_blanked(client, caplog, settings):
    settings.LOG_REQUESTS = True
    secret = "s3cr3t-feed-token-s3cr3t"
    with caplog.at_level("INFO", logger="localwire.access"):
        client.get(f"/feed/for-you/42/{secret}.rss")
    [line] = access_lines(caplog)
    assert secret not in line.getMessage() and secret not in line.path
    assert line.path == "/feed/for-you/42/[token].rss" and line.page == "for_you_feed"
