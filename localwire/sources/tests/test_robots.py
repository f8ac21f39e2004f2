"""RobotsCache against the local test server: rules, caching, and the error policy."""

import threading
import time

import pytest

from localwire.sources import robots as robots_module
from localwire.sources.addresses import parse_allow_private
from localwire.sources.http import Fetcher
from localwire.sources.robots import RobotsCache
from localwire.testing.httpserver import LocalServer

RULES = b"""User-agent: *
Disallow: /private/

User-agent: Localwire
Disallow: /no-localwire/
"""


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


@pytest.fixture
def fetcher():
    with Fetcher(allow_private=parse_allow_private("127.0.0.1"), deadline=5) as f:
        yield f


def robots_txt(body, status=200):
    return lambda req: (status, {"Content-Type": "text/plain"}, body)


def test_rules_for_our_token_are_obeyed_and_cached(server, fetcher):
    server.route("/robots.txt", robots_txt(RULES))
    robots = RobotsCache(fetcher)
    assert robots.allowed(server.url("/news/story"))
    assert not robots.allowed(server.url("/no-localwire/story"))
    assert robots.allowed(server.url("/private/story"))  # our own group replaces the * group
    assert not RobotsCache(fetcher, user_agent_token="OtherBot").allowed(server.url("/private/x"))
    assert server.hits("/robots.txt") == 2  # one per cache, not one per question


def test_robots_is_fetched_with_our_user_agent(server, fetcher):
    server.route("/robots.txt", robots_txt(b""))
    RobotsCache(fetcher).allowed(server.url("/a"))
    assert server.requests[-1].headers["user-agent"].startswith("Localwire/")


def test_rules_expire_after_the_ttl(server, fetcher):
    server.route("/robots.txt", robots_txt(b"User-agent: *\nDisallow: /\n"))
    robots = RobotsCache(fetcher, ttl=0.2)
    assert not robots.allowed(server.url("/a"))
    server.route("/robots.txt", robots_txt(b"User-agent: *\nAllow: /\n"))
    assert not robots.allowed(server.url("/a"))  # still cached
    time.sleep(0.25)
    assert robots.allowed(server.url("/a"))
    assert server.hits("/robots.txt") == 2


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_4xx_means_no_rules(server, fetcher, status):
    server.route("/robots.txt", robots_txt(b"User-agent: *\nDisallow: /\n", status))
    assert RobotsCache(fetcher).allowed(server.url("/story"))


@pytest.mark.parametrize("status", [429, 500, 503])
def test_unreachable_robots_disallows_for_a_short_while(server, fetcher, monkeypatch, status):
    """RFC 9309 §2.3.1.4: a server error means complete disallow; we ask again after ERROR_TTL."""
    monkeypatch.setattr(robots_module, "ERROR_TTL", 0.2)
    server.route("/robots.txt", robots_txt(b"down", status))
    robots = RobotsCache(fetcher)
    assert not robots.allowed(server.url("/story"))
    server.route("/robots.txt", robots_txt(b""))
    assert not robots.allowed(server.url("/story"))  # within the short TTL
    time.sleep(0.25)
    assert robots.allowed(server.url("/story"))


def test_network_errors_and_blocked_hosts_disallow(fetcher):
    with LocalServer() as gone:
        dead = gone.url("/story")
    assert not RobotsCache(fetcher).allowed(dead)  # connection refused
    assert not RobotsCache(fetcher).allowed("http://10.0.0.1/story")  # SSRF guard refuses robots.txt too
    assert not RobotsCache(fetcher).allowed("not a url")


def test_oversized_robots_is_treated_as_unreachable(server, fetcher):
    server.route("/robots.txt", robots_txt(b"# padding\n" * 60_000))
    assert not RobotsCache(fetcher).allowed(server.url("/story"))


def test_bom_and_redirected_robots(server, fetcher):
    server.route("/robots.txt", lambda r: (301, {"Location": "/real-robots.txt"}, b""))
    server.route("/real-robots.txt", robots_txt(b"\xef\xbb\xbfUser-agent: *\nDisallow: /x/\n"))
    robots = RobotsCache(fetcher)
    assert not robots.allowed(server.url("/x/story"))
    assert robots.allowed(server.url("/y/story"))


def test_many_threads_share_one_fetch(server, fetcher):
    def slow_rules(req):
        time.sleep(0.3)
        return 200, {}, b"User-agent: *\nDisallow: /private/\n"

    server.route("/robots.txt", slow_rules)
    robots = RobotsCache(fetcher)
    answers = []
    threads = [threading.Thread(target=lambda i=i: answers.append(robots.allowed(server.url(f"/p{i}"))))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [True] * 8
    assert server.hits("/robots.txt") == 1
