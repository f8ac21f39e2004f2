from localwire.sources.http import Fetcher, parse_allow_private
from localwire.sources.robots import RobotsCache
from localwire.testing.httpserver import LocalServer


def test_robots_rules_are_obeyed_and_cached():
    with LocalServer() as server, Fetcher(allow_private=parse_allow_private("127.0.0.1")) as fetcher:
        server.route("/robots.txt", lambda r: (200, {"Content-Type": "text/plain"},
                                               b"User-agent: *\nDisallow: /private/\n"))
        robots = RobotsCache(fetcher)
        assert robots.allowed(server.url("/news/story"))
        assert not robots.allowed(server.url("/private/story"))
        assert server.hits("/robots.txt") == 1


def test_missing_robots_allows_and_server_error_defers():
    with LocalServer() as server, Fetcher(allow_private=parse_allow_private("127.0.0.1")) as fetcher:
        robots = RobotsCache(fetcher)
        assert robots.allowed(server.url("/news/story"))  # 404: no rules
        server.route("/robots.txt", lambda r: (503, {}, b"down"))
        assert not RobotsCache(fetcher).allowed(server.url("/news/story"))
