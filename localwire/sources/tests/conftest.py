"""A local publisher for the fetcher's tests: every request stays on 127.0.0.1."""

import pytest

from localwire.testing.httpserver import LocalServer


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv
