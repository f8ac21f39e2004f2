"""/api/v1/me/publishers/{slug}/feeds…, PATCH /me/publishers/{slug} and …/logo: managers only."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

from localwire.pipeline import runner
from localwire.publishers.models import Action
from localwire.sources.models import Feed
from localwire.testing.clients import bearer_client
from localwire.testing.factories import FeedFactory, ManagerFactory, UserFactory
from localwire.testing.httpserver import LocalServer

BASE = "/api/v1/me/publishers"
pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def fresh_budget():
    """Checks are counted in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Quarry Road Bulletin</title>
<item><title>Library hours extended</title><link>https://quarry.example.org/library</link></item></channel></rss>"""


def patch(client, path, data):
    return client.patch(path, json.dumps(data), content_type="application/json")


@pytest.fixture
def manager(settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    return ManagerFactory(publisher__slug="quarry-road", publisher__name="Quarry Road Bulletin")


@pytest.fixture
def api(manager):
    return bearer_client(manager.user)


@pytest.fixture
def stranger():
    return bearer_client(UserFactory())


def test_feeds_list_every_field_of_the_contract(api, manager):
    feed = FeedFactory(publisher=manager.publisher, title="Bulletin", last_error="HTTP 404 from x",
                       status=Feed.Status.ERROR)
    FeedFactory()  # someone else's
    [out] = api.get(f"{BASE}/quarry-road/feeds").json()
    assert set(out) == {"id", "url", "title", "status", "paused", "operator_paused", "last_fetched_at",
                        "next_fetch_at", "last_error", "articles_7d", "feed_only_share", "warnings", "advice"}
    assert (out["id"], out["status"], out["paused"]) == (feed.pk, "failing", False)
    assert out["last_error"].startswith("Your server answered “not found”")


def test_adding_a_feed_checks_it_at_once(api, manager, settings):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    with LocalServer() as server:
        server.route("/rss", lambda req: (200, {"Content-Type": "application/rss+xml"}, FEED))
        added = api.post(f"{BASE}/quarry-road/feeds", {"url": server.url("/rss")}, content_type="application/json")
        missing = api.post(f"{BASE}/quarry-road/feeds", {"url": server.url("/nope")},
                           content_type="application/json")
    assert added.status_code == 201, added.content
    assert added.json()["title"] == "Quarry Road Bulletin" and added.json()["status"] == "active"
    assert Feed.objects.get(pk=added.json()["id"]).publisher == manager.publisher
    assert missing.status_code == 400 and "HTTP 404" in missing.json()["detail"]


def test_a_private_address_is_400(api):
    answer = api.post(f"{BASE}/quarry-road/feeds", {"url": "http://192.168.1.1/rss"}, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["detail"].startswith("Refused:")
    assert not Feed.objects.exists()


def test_pausing_and_resuming_through_the_api(api, manager):
    feed = FeedFactory(publisher=manager.publisher)
    paused = patch(api, f"{BASE}/quarry-road/feeds/{feed.pk}", {"paused": True})
    assert paused.status_code == 200 and paused.json()["status"] == "paused"
    assert paused.json()["next_fetch_at"] is None and feed.pk not in runner.due_feed_ids()
    resumed = patch(api, f"{BASE}/quarry-road/feeds/{feed.pk}", {"paused": False})
    assert paused.json()["operator_paused"] is False  # paused here: a manager may resume it
    assert resumed.json()["status"] == "active" and feed.pk in runner.due_feed_ids()
    assert list(Action.objects.order_by("pk").values_list("action", flat=True)) == ["feed.pause", "feed.resume"]


def test_a_feed_the_operators_paused_answers_409_to_a_resume(api, manager):
    feed = FeedFactory(publisher=manager.publisher, enabled=False)  # stopped by an operator
    answer = patch(api, f"{BASE}/quarry-road/feeds/{feed.pk}", {"paused": False})
    assert answer.status_code == 409 and "only they can resume it" in answer.json()["detail"]
    [listed] = api.get(f"{BASE}/quarry-road/feeds").json()
    assert listed["paused"] and listed["operator_paused"]
    assert not Feed.objects.get(pk=feed.pk).enabled


def test_strangers_and_anonymous_callers_see_no_portal(stranger, manager):
    feed = FeedFactory(publisher=manager.publisher)
    assert stranger.get(f"{BASE}/quarry-road/feeds").status_code == 404
    assert patch(stranger, f"{BASE}/quarry-road/feeds/{feed.pk}", {"paused": True}).status_code == 404
    assert patch(stranger, f"{BASE}/quarry-road", {"name": "Taken"}).status_code == 404
    assert stranger.post(f"{BASE}/quarry-road/feeds", {"url": "https://x.example/rss"},
                         content_type="application/json").status_code == 404
    assert Client().get(f"{BASE}/quarry-road/feeds").status_code == 401
    feed.refresh_from_db()
    assert feed.enabled and not Action.objects.exists()


def test_a_manager_cannot_reach_another_publishers_feed_through_their_own(api):
    theirs = FeedFactory()
    assert patch(api, f"{BASE}/quarry-road/feeds/{theirs.pk}", {"paused": True}).status_code == 404
    assert Feed.objects.get(pk=theirs.pk).enabled


def test_profile_patch_changes_only_what_is_given(api, manager):
    answer = patch(api, f"{BASE}/quarry-road", {"kind": "online", "about": "News from Quarry Road."})
    assert answer.status_code == 200
    out = answer.json()
    assert (out["name"], out["kind"], out["kind_label"], out["about"]) == (
        "Quarry Road Bulletin", "online", "Online news site", "News from Quarry Road.")
    assert out["logo_url"] == "" and out["slug"] == "quarry-road"


def test_profile_patch_refuses_bad_values_with_the_field(api, manager):
    answer = patch(api, f"{BASE}/quarry-road", {"website": "javascript:alert(1)", "name": "New"})
    assert answer.status_code == 400 and answer.json()["field"] == "website"
    manager.publisher.refresh_from_db()
    assert manager.publisher.name == "Quarry Road Bulletin"


def test_logo_upload_is_rebuilt_and_returned(api, manager):
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "QuarryCam 3"
    out = io.BytesIO()
    Image.new("RGB", (900, 900), (20, 90, 30)).save(out, "JPEG", exif=exif)
    answer = api.post(f"{BASE}/quarry-road/logo",
                      {"file": SimpleUploadedFile("logo.jpg", out.getvalue(), content_type="image/jpeg")})
    assert answer.status_code == 200, answer.content
    logo = answer.json()["logo_url"]
    assert logo.startswith("/media/uploads/") and logo.endswith(".jpg")
    served = Client().get(logo)
    body = b"".join(served.streaming_content) if served.streaming else served.content
    assert b"QuarryCam" not in body
    with Image.open(io.BytesIO(body)) as img:
        assert img.size == (512, 512) and not img.getexif()
    refused = api.post(f"{BASE}/quarry-road/logo",
                       {"file": SimpleUploadedFile("logo.jpg", b"not a picture", content_type="image/jpeg")})
    assert refused.status_code == 400
