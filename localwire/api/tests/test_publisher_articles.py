"""/api/v1/me/publishers/{slug}/articles…: a manager's list, takedown and re-fetch; 404 to anyone else."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from localwire.articles.models import Article, TakenDown
from localwire.metrics.models import ArticleViewDay
from localwire.publishers.models import Action
from localwire.testing.clients import bearer_client
from localwire.testing.factories import ArticleFactory, ManagerFactory, PublisherFactory, UserFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db
BASE = "/api/v1/me/publishers"


@pytest.fixture
def desk():
    """A manager's client, their publisher with two articles, and another publisher's article."""
    manager = ManagerFactory(publisher=PublisherFactory(slug="valley-times"))
    publisher = manager.publisher
    older = ArticleFactory(publisher=publisher, title="Dam inspection finds cracks")
    newer = ArticleFactory(publisher=publisher, title="Farmers market moves indoors",
                           published_at=older.published_at.replace(year=older.published_at.year + 1))
    ArticleViewDay.objects.create(article=older, day=date(2026, 11, 30), views=7)
    ArticleViewDay.objects.create(article=older, day=date(2026, 12, 1), views=5)
    return dict(client=bearer_client(manager.user), user=manager.user, publisher=publisher, older=older, newer=newer,
                stranger=ArticleFactory(publisher=PublisherFactory(slug="other-paper")))


def test_the_list_is_newest_first_with_views_and_a_title_filter(desk):
    answer = desk["client"].get(f"{BASE}/valley-times/articles").json()
    assert [i["title"] for i in answer["items"]] == ["Farmers market moves indoors", "Dam inspection finds cracks"]
    assert [i["views"] for i in answer["items"]] == [0, 12]
    assert answer["next_page"] is None and answer["taken_down"] == []
    assert answer["items"][1]["page"] == desk["older"].get_absolute_url()
    filtered = desk["client"].get(f"{BASE}/valley-times/articles", {"q": "DAM"}).json()
    assert [i["id"] for i in filtered["items"]] == [desk["older"].pk]


def test_takedown_answers_the_record_and_the_list_shows_it(desk):
    pk = desk["older"].pk
    response = desk["client"].post(f"{BASE}/valley-times/articles/{pk}/takedown", {"reason": "Court order."},
                                   content_type="application/json")
    assert response.status_code == 200
    answer = response.json()
    assert (answer["id"], answer["status"], answer["reason"], answer["by"]) == (
        pk, "taken_down", "Court order.", desk["user"].username)
    assert not Article.objects.filter(pk=pk).exists()
    listed = desk["client"].get(f"{BASE}/valley-times/articles").json()
    assert [r["id"] for r in listed["taken_down"]] == [pk]
    assert Client().get(f"/api/v1/articles/{pk}").status_code == 410


def test_takedown_without_a_reason_is_400(desk):
    pk = desk["older"].pk
    response = desk["client"].post(f"{BASE}/valley-times/articles/{pk}/takedown", {"reason": " "},
                                   content_type="application/json")
    assert response.status_code == 400 and "why" in response.json()["detail"]
    assert Article.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("action", ["takedown", "refetch"])
def test_strangers_and_other_publishers_articles_are_404(desk, action):
    body = {"reason": "x"}
    stranger = bearer_client(UserFactory())
    for client, path in (
        (stranger, f"{BASE}/valley-times/articles/{desk['older'].pk}/{action}"),  # not a manager
        (desk["client"], f"{BASE}/valley-times/articles/{desk['stranger'].pk}/{action}"),  # not its article
        (desk["client"], f"{BASE}/other-paper/articles/{desk['stranger'].pk}/{action}"),  # not its publisher
    ):
        assert client.post(path, body, content_type="application/json").status_code == 404, path
    assert stranger.get(f"{BASE}/valley-times/articles").status_code == 404
    assert Client().get(f"{BASE}/valley-times/articles").status_code == 401
    assert Article.objects.count() == 3 and not TakenDown.objects.exists() and not Action.objects.exists()


def test_refetch_answers_changed_or_400_with_the_reason(desk, pipeline_context, settings):
    settings.LOCALWIRE_ANALYZE = False
    with LocalServer() as server:
        page = ("<html><head><title>Dam inspection finds no cracks</title></head><body><article>"
                "<h1>Dam inspection finds no cracks</h1><p>Engineers who inspected the Valley dam this week found "
                "no cracks in its spillway, correcting an earlier report, the water board said on Friday.</p>"
                "<p>The next inspection is due in the spring, after the snow melts.</p></article></body></html>")
        server.route("/dam", lambda req: (200, {"Content-Type": "text/html"}, page.encode()))
        Article.objects.filter(pk=desk["older"].pk).update(url=server.url("/dam"))
        path = f"{BASE}/valley-times/articles/{desk['older'].pk}/refetch"
        response = desk["client"].post(path, {"note": "We misreported the finding."}, content_type="application/json")
        assert response.status_code == 200
        answer = response.json()
        assert answer["status"] == "refetched" and answer["changed"] is True and answer["corrected_at"]
        again = desk["client"].post(path)  # no body: the default note; the page is the same now
        assert again.status_code == 200 and again.json()["changed"] is False
        Article.objects.filter(pk=desk["older"].pk).update(url=server.url("/missing"))
        failed = desk["client"].post(path)
    assert failed.status_code == 400 and "HTTP 404" in failed.json()["detail"]
    detail = Client().get(f"/api/v1/articles/{desk['older'].pk}").json()
    assert detail["title"] == "Dam inspection finds no cracks"
    assert detail["correction_note"] == "We misreported the finding." and detail["corrected_at"]
