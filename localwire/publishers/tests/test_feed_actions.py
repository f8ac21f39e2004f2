"""Adding a feed (checked at once against a local server), pausing and resuming, each logged."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import Http404

from localwire.pipeline import runner
from localwire.publishers import feed_actions
from localwire.publishers.feed_actions import FeedRefused, OperatorPaused, TooManyChecks, add_feed, pause_feed
from localwire.publishers.models import Action
from localwire.sources.actions import set_paused
from localwire.sources.models import Feed
from localwire.testing.factories import FeedFactory, ManagerFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def fresh_budget():
    """Checks are counted in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<link>https://harbour.example.org/</link>
<item><title>Ferry timetable changes</title><link>https://harbour.example.org/ferry</link><guid>ferry-1</guid></item>
</channel></rss>"""


@pytest.fixture
def server(settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    settings.LOCALWIRE_FETCH_TIMEOUT = 10.0
    with LocalServer() as srv:
        srv.route("/feed.xml", lambda req: (200, {"Content-Type": "application/rss+xml"}, RSS))
        srv.route("/broken.xml", lambda req: (200, {"Content-Type": "application/rss+xml"},
                                              b"<rss><channel><title>Half<item><title>x</tit"))
        srv.route("/about", lambda req: (200, {"Content-Type": "text/html"}, b"<html><body>Hello</body></html>"))
        yield srv


@pytest.fixture
def manager():
    return ManagerFactory()


def actions(name):
    return list(Action.objects.filter(action=name))


def test_a_good_feed_is_stored_under_the_publisher_and_logged(server, manager):
    feed, warning = add_feed(manager.publisher, manager.user, server.url("/feed.xml"))
    assert (feed.publisher, feed.title, warning) == (manager.publisher, "Harbour Gazette", "")
    [logged] = actions("feed.add")
    assert logged.user == manager.user and logged.detail["url"] == server.url("/feed.xml")


@pytest.mark.parametrize("path, kind", [("/broken.xml", "Broken"), ("/about", "Not a feed"),
                                        ("/missing.xml", "Unreachable")])
def test_a_broken_or_wrong_address_is_not_stored_and_says_why(server, manager, path, kind):
    with pytest.raises(FeedRefused, match=f"^{kind}: "):
        add_feed(manager.publisher, manager.user, server.url(path))
    assert not Feed.objects.exists()
    assert actions("feed.add_refused")[0].detail["kind"] == kind.lower()


@pytest.mark.parametrize("url", ["http://10.0.0.7/feed.xml", "http://169.254.169.254/latest/meta-data/",
                                 "http://127.0.0.1:8311@example.com/feed.xml"])
def test_a_private_address_is_refused_without_a_fetch(manager, url):
    with pytest.raises(FeedRefused, match="^Refused: "):
        add_feed(manager.publisher, manager.user, url)
    assert not Feed.objects.exists()


def test_a_local_server_is_refused_unless_the_operator_allows_it(settings, manager):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    with LocalServer() as srv:
        srv.route("/feed.xml", lambda req: (200, {"Content-Type": "application/rss+xml"}, RSS))
        with pytest.raises(FeedRefused, match="loopback"):
            add_feed(manager.publisher, manager.user, srv.url("/feed.xml"))
        assert srv.hits("/feed.xml") == 0


def test_a_feed_another_publisher_carries_is_refused_without_naming_it(server, manager):
    FeedFactory(url=server.url("/feed.xml"), publisher__name="Rival Times")
    with pytest.raises(FeedRefused) as refused:
        add_feed(manager.publisher, manager.user, server.url("/feed.xml"))
    assert "another publisher" in str(refused.value) and "Rival" not in str(refused.value)
    assert server.hits("/feed.xml") == 0
    assert not Feed.objects.filter(publisher=manager.publisher).exists()


def test_adding_ones_own_feed_again_says_so(server, manager):
    add_feed(manager.publisher, manager.user, server.url("/feed.xml"))
    with pytest.raises(FeedRefused, match="already one of yours"):
        add_feed(manager.publisher, manager.user, server.url("/feed.xml"))


def test_pause_and_resume_reach_the_crawls_choice_of_due_feeds(manager):
    feed = FeedFactory(publisher=manager.publisher)
    assert feed.pk in runner.due_feed_ids()
    paused = pause_feed(manager.publisher, manager.user, feed.pk, True)
    assert not paused.enabled and feed.pk not in runner.due_feed_ids()
    pause_feed(manager.publisher, manager.user, feed.pk, True)  # already paused: nothing to log
    resumed = pause_feed(manager.publisher, manager.user, feed.pk, False)
    assert resumed.enabled and feed.pk in runner.due_feed_ids()
    assert [a.action for a in Action.objects.order_by("pk")] == ["feed.pause", "feed.resume"]


def test_a_feed_the_operators_paused_is_not_resumed_from_the_portal(manager):
    feed = FeedFactory(publisher=manager.publisher)
    set_paused(feed, True)  # as `localwire feeds pause` and the admin do
    with pytest.raises(OperatorPaused, match="only they can resume it"):
        pause_feed(manager.publisher, manager.user, feed.pk, False)
    feed.refresh_from_db()
    assert not feed.enabled and feed.pk not in runner.due_feed_ids()
    assert [a.action for a in Action.objects.all()] == ["feed.resume_refused"]
    set_paused(feed, False)  # the operator resumes it; a manager's own pause is then theirs to lift
    pause_feed(manager.publisher, manager.user, feed.pk, True)
    assert pause_feed(manager.publisher, manager.user, feed.pk, False).enabled


def test_another_publishers_feed_cannot_be_paused(manager):
    theirs = FeedFactory()
    with pytest.raises(Http404):
        pause_feed(manager.publisher, manager.user, theirs.pk, True)
    theirs.refresh_from_db()
    assert theirs.enabled and not Action.objects.exists()


def test_checks_have_an_hourly_budget_per_manager(manager, monkeypatch):
    monkeypatch.setattr(feed_actions, "ADD_LIMIT", 2)
    for _ in range(2):
        with pytest.raises(FeedRefused, match="^Refused"):
            add_feed(manager.publisher, manager.user, "http://10.0.0.9/rss")
    with pytest.raises(TooManyChecks, match="checked 2 feed addresses in the last hour"):
        add_feed(manager.publisher, manager.user, "http://10.0.0.9/rss")
    other = ManagerFactory(publisher=manager.publisher)
    with pytest.raises(FeedRefused, match="^Refused"):  # a colleague has their own budget
        add_feed(manager.publisher, other.user, "http://10.0.0.9/rss")
