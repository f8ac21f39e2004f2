"""The portal's /feeds and /profile pages: managers only, every form doing what it says."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from localwire.publishers.models import Action
from localwire.sources.models import Feed, Publisher
from localwire.testing.factories import ArticleFactory, FeedFactory, ManagerFactory, UserFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def fresh_budget():
    """Checks are counted in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()



@pytest.fixture
def manager(settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    return ManagerFactory(publisher__slug="mill-town", publisher__name="Mill Town Courier")


@pytest.fixture
def signed_in(client, manager):
    client.force_login(manager.user)
    return client


def test_only_managers_see_the_pages(client, manager):
    assert client.get("/portal/mill-town/feeds").status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    for path in ("/portal/mill-town/feeds", "/portal/mill-town/profile"):
        assert client.get(path).status_code == 404
    feed = FeedFactory(publisher=manager.publisher)
    assert client.post(f"/portal/mill-town/feeds/{feed.pk}/pause", {"paused": "1"}).status_code == 404
    assert client.post("/portal/mill-town/profile", {"name": "Taken", "kind": "paper"}).status_code == 404
    assert Feed.objects.get(pk=feed.pk).enabled and not Action.objects.exists()


def test_the_feeds_page_shows_status_numbers_and_advice(signed_in, manager):
    feed = FeedFactory(publisher=manager.publisher, title="Courier news", status=Feed.Status.ERROR,
                       last_error="timed out after 10s fetching https://mill.example/rss")
    ArticleFactory(publisher=manager.publisher)
    html = signed_in.get("/portal/mill-town/feeds").content.decode()
    assert "Courier news" in html and "Failing" in html and 'aria-current="page">Feeds' in html
    assert "did not answer within 10 seconds" in html
    assert f'action="/portal/mill-town/feeds/{feed.pk}/pause"' in html and ">Pause</button>" in html


def test_pause_then_resume_from_the_page(signed_in, manager):
    feed = FeedFactory(publisher=manager.publisher)
    answer = signed_in.post(f"/portal/mill-town/feeds/{feed.pk}/pause", {"paused": "1"}, follow=True)
    assert "Paused: we will not fetch" in answer.content.decode() and ">Resume</button>" in answer.content.decode()
    assert not Feed.objects.get(pk=feed.pk).enabled
    signed_in.post(f"/portal/mill-town/feeds/{feed.pk}/pause", {"paused": "0"})
    assert Feed.objects.get(pk=feed.pk).enabled


def test_a_feed_the_operators_paused_stays_paused_with_the_reason(signed_in, manager):
    feed = FeedFactory(publisher=manager.publisher, enabled=False)
    listing = signed_in.get("/portal/mill-town/feeds").content.decode()
    assert "Paused by this site's operators" in listing and ">Resume</button>" not in listing
    answer = signed_in.post(f"/portal/mill-town/feeds/{feed.pk}/pause", {"paused": "0"}, follow=True)
    assert "only they can resume it" in answer.content.decode()
    assert not Feed.objects.get(pk=feed.pk).enabled


def test_adding_a_feed_shows_the_checks_answer(signed_in, manager, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier latest</title><item>'
           b'<title>Mill reopens</title><link>https://mill.example/reopens</link></item></channel></rss>')
    with LocalServer() as server:
        server.route("/rss", lambda req: (200, {"Content-Type": "application/rss+xml"}, rss))
        server.route("/page", lambda req: (200, {"Content-Type": "text/html"}, b"<html><body>hi</body></html>"))
        refused = signed_in.post("/portal/mill-town/feeds/add", {"url": server.url("/page")})
        added = signed_in.post("/portal/mill-town/feeds/add", {"url": server.url("/rss")}, follow=True)
    assert refused.status_code == 400
    assert "Not added. Not a feed:" in refused.content.decode() and server.url("/page") in refused.content.decode()
    assert "Added Courier latest." in added.content.decode()
    assert Feed.objects.get(publisher=manager.publisher).url == server.url("/rss")


def test_the_profile_form_saves_and_shows_the_logo(signed_in, manager):
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 0, 128)).save(out, "PNG")
    logo = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
    answer = signed_in.post("/portal/mill-town/profile", {
        "name": "Mill Town Courier", "kind": "weekly", "about": "Every Thursday.", "website": "https://mill.example/",
        "home_city": "", "logo": logo}, follow=True)
    html = answer.content.decode()
    publisher = Publisher.objects.get(pk=manager.publisher.pk)
    assert publisher.kind == "weekly" and publisher.logo
    assert "Saved." in html and f'src="/media/uploads/{publisher.logo}" alt="Mill Town Courier logo"' in html
    assert {a.action for a in Action.objects.all()} == {"profile.update", "profile.logo"}


def test_a_bad_value_is_shown_on_the_form_and_nothing_saved(signed_in, manager):
    answer = signed_in.post("/portal/mill-town/profile", {
        "name": "Renamed", "kind": "paper", "website": "ftp://mill.example/"})
    assert answer.status_code == 400 and "http:// or https://" in answer.content.decode()
    assert Publisher.objects.get(pk=manager.publisher.pk).name == "Mill Town Courier"
