"""A database that goes away answers 503 + Retry-After, and the next request after it is back gets
its page: on SQLite (the file out of reach) and, in the PostgreSQL pass, with the server refusing
connections and its backends terminated."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from localwire.testing.factories import PASSWORD, ArticleFactory, UserFactory
from localwire.web.unavailable import RETRY_AFTER_SECONDS, database_away, server_error

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def sqlite_out_of_reach():
    real = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "/nonexistent-localwire-dir/gone.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = real


@contextmanager
def postgres_refusing():
    """No new connection to the test database, and every open one terminated, as in a restart."""
    import psycopg

    name = connection.settings_dict["NAME"]
    params = {k: v for k, v in connection.get_connection_params().items() if k in ("host", "port", "user", "password")}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> pg_backend_pid()", [name])
        try:
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            connection.close()  # what a server does at the end of a request that saw the error


# Django's test client leaves out the check a server makes at each request's start and end
# (close_old_connections), so the helpers drop the broken connection as that check would; the
# fault harness (testing/cluster.py) sees the real servers reconnect by themselves.


def database_away_now():
    return postgres_refusing() if connection.vendor == "postgresql" else sqlite_out_of_reach()


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert b"Back in a moment" in response.content


def test_an_anonymous_reader_gets_a_503_then_the_page_once_the_database_is_back():
    article = ArticleFactory()
    reader = Client(raise_request_exception=False)
    assert reader.get(f"/article/{article.pk}/").status_code in (200, 301)
    with database_away_now():
        assert_unavailable(reader.get("/"))
        assert_unavailable(reader.get(f"/article/{article.pk}/", follow=True))
    assert reader.get("/").status_code == 200


def test_a_signed_in_reader_whose_session_cannot_be_read_gets_a_503_not_a_500():
    """The error comes from the session and auth middleware, before any view runs."""
    user = UserFactory()
    reader = Client(raise_request_exception=False)
    assert reader.login(username=user.username, password=PASSWORD)
    with database_away_now():
        assert_unavailable(reader.get("/for-you"))
    assert reader.get("/for-you").status_code == 200


def test_the_api_answers_503_too():
    reader = Client(raise_request_exception=False)
    with database_away_now():
        assert_unavailable(reader.get("/api/v1/articles"))


def test_any_other_error_stays_a_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


def test_an_error_raised_from_a_database_error_counts_as_the_database_away():
    from django.db import InterfaceError

    try:
        try:
            raise InterfaceError("connection already closed")
        except InterfaceError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as outer:
        assert database_away(outer)
    assert not database_away(ValueError("no"))
