"""The /search page and GET /api/v1/search: what a reader and a client see, hostile input inert."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from localwire.search.index import index_articles
from localwire.testing.factories import ArticleChannelFactory, PublisherFactory, syndicated

pytestmark = pytest.mark.django_db

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "';alert(String.fromCharCode(88))//",
       "<svg/onload=alert(1)>", "javascript:alert(1)"]


def test_every_page_has_the_search_box(client, indexed):
    article = indexed(title="Anything at all")
    for url in ("/", article.get_absolute_url(), f"/publisher/{article.publisher.slug}/", "/search"):
        page = client.get(url).content.decode()
        assert '<form class="masthead__search" action="/search" method="get" role="search"' in page, url


def test_results_show_title_link_publisher_time_and_marked_snippet(client, indexed, filler):
    article = indexed(title="Levee repairs begin", summary="",
                      text="Crews began work on the levee that failed during last spring's flood.",
                      publisher=PublisherFactory(name="Delta Ledger"))
    page = client.get("/search", {"q": "levee"}).content.decode()
    assert f'<a href="{article.get_absolute_url()}">Levee repairs begin</a>' in page
    assert "Delta Ledger" in page and "ago</time>" in page
    assert "work on the <mark>levee</mark> that failed" in page
    assert "1 result for <q>levee</q>" in page


def test_a_result_run_by_several_outlets_names_the_others_once(client, indexed, filler):
    original = indexed(title="Dam inspection ordered", summary="", text="Inspectors will visit the dam soon.",
                       publisher=PublisherFactory(name="Valley Courier"))
    copies = [indexed(title="Dam inspection ordered", summary="", text="Inspectors will visit the dam soon.",
                      publisher=PublisherFactory(name=name), published_at=timezone.now() - timedelta(hours=hours))
              for name, hours in (("Wire & Co", 3), ("Hill Herald", 2))]  # named oldest first
    syndicated(original, *copies)
    index_articles([original.pk, *(c.pk for c in copies)])
    page = client.get("/search", {"q": "dam"}).content.decode()
    assert page.count('class="result"') == 1
    assert '<span class="meta__via">, also from Wire &amp; Co and 1 other</span>' in page


@pytest.mark.parametrize("attack", XSS)
def test_hostile_query_is_inert_in_the_page(client, indexed, attack):
    indexed(title="Alert issued for the river", summary="", text="An alert was issued.")
    response = client.get("/search", {"q": attack})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="q" value="{escape(attack)}"' in page  # echoed only as escaped text
    for raw in ("<script>alert", "<img src=x", "<svg"):
        assert raw not in page


@pytest.mark.parametrize("attack", XSS[:2])
def test_hostile_filters_are_inert_in_the_page(client, indexed, attack):
    indexed(title="Alert issued for the river", summary="", text="An alert was issued.")
    params = {"q": "alert", "publisher": attack, "topic": attack, "place": attack, "since": attack}
    page = client.get("/search", params).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert f'name="since" value="{escape(attack)}"' in page


def test_markup_in_articles_is_escaped_in_titles_and_snippets(client, indexed):
    indexed(title="Storm <script>alert(1)</script> update", summary="",
            text='Storm news <img src=x onerror=alert(1)> and more storm news.')
    page = client.get("/search", {"q": "storm"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "Storm &lt;script&gt;alert(1)&lt;/script&gt; update" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<mark>Storm</mark>" in page


@pytest.mark.parametrize("query", ['"', "NEAR(", "col:term", "*", "🎉", "AND OR", '"unbalanced', "\x00", "x" * 500])
def test_hostile_queries_never_fail_the_page_or_the_api(client, indexed, query):
    indexed(title="Levee holds")
    assert client.get("/search", {"q": query}).status_code == 200
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_empty_and_long_queries_get_a_clear_message(client):
    assert "Type a word or two" in client.get("/search", {"q": ""}).content.decode()
    assert "too long" in client.get("/search", {"q": "word " * 100}).content.decode()
    assert "too long" in client.get("/api/v1/search", {"q": "word " * 100}).json()["message"]
    assert "Type a word" not in client.get("/search").content.decode()  # a bare /search is just the form


def test_filters_in_the_page_and_pager_keeps_them(client, indexed, filler):
    courier = PublisherFactory(slug="valley-courier", name="Valley Courier")
    now = timezone.now()
    made = [indexed(title=f"Harvest report {n}", summary="", text="The harvest was good.", publisher=courier,
                    published_at=now - timedelta(hours=n)) for n in range(23)]
    other = indexed(title="Harvest report elsewhere", summary="", text="The harvest was poor.")
    first = client.get("/search", {"q": "harvest", "publisher": "valley-courier"}).content.decode()
    assert "23 results" in first and other.title not in first
    assert '<option value="valley-courier" selected>Valley Courier</option>' in first
    assert 'href="?q=harvest&amp;publisher=valley-courier&amp;page=2"' in first
    second = client.get("/search", {"q": "harvest", "publisher": "valley-courier", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and made[-1].title in second
    assert client.get("/search", {"q": "harvest", "page": "9999"}).status_code == 404  # no such page, as on every list


def test_bad_dates_are_named_in_the_page_and_refused_by_the_api(client):
    assert "until must be a date" in client.get("/search", {"q": "x", "until": "soon"}).content.decode()
    response = client.get("/api/v1/search", {"q": "x", "since": "2026-13-45"})
    assert response.status_code == 400 and "since" in response.json()["detail"]


def test_api_answers_items_with_score_snippet_and_copies(client, indexed, filler):
    original = indexed(title="Dam inspection ordered", summary="", text="Inspectors will visit the dam soon.")
    copy = indexed(title="Dam inspection ordered", summary="", text="Inspectors will visit the dam soon.")
    syndicated(original, copy)
    ArticleChannelFactory(article=original, channel__kind="region", channel__slug="oregon-us", channel__name="Oregon",
                          relation="mentioned")
    index_articles([original.pk])
    body = client.get("/api/v1/search", {"q": "dam", "place": "oregon-us", "limit": 5}).json()
    assert body["total"] == 1 and body["query"] == "dam" and body["limit"] == 5 and body["offset"] == 0
    [item] = body["items"]
    assert item["id"] == original.pk and item["copies"] == 1 and item["score"] > 0
    assert item["snippet"] == "Inspectors will visit the dam soon."
    assert item["publisher"]["slug"] == original.publisher.slug


@pytest.mark.parametrize("attack", XSS)
def test_api_echo_is_the_query_as_understood_never_markup(client, indexed, attack):
    indexed(title="Alert issued")
    response = client.get("/api/v1/search", {"q": attack})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "<" not in body and ">" not in body
    assert set(response.json()["query"]) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")


def test_api_schema_has_the_search_path_and_its_parameters(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"q", "publisher", "topic", "place", "since", "until", "limit", "offset", "verbatim"}
    fields = schema["components"]["schemas"]["SearchPage"]["properties"]
    assert {"query", "total", "limit", "offset", "items", "message", "did_you_mean", "corrected"} <= set(fields)


def test_a_common_word_is_read_and_counted_up_to_the_window_newest_arrivals_first(client, indexed, filler, monkeypatch):
    """However many articles hold a word, a search reads the window's worth, the newest arrivals;
    the page and the API say the count stopped there."""
    from localwire.search import backends

    now = timezone.now()
    ferries = [indexed(title=f"Ferry timetable {n}", summary="", text="The ferry sails at noon.",
                       published_at=now - timedelta(hours=n)) for n in range(5)]
    monkeypatch.setattr(backends, "RANK_WINDOW", 3)

    found = client.get("/api/v1/search", {"q": "ferry"}).json()
    assert found["total"] == 3 and found["total_capped"] is True
    assert {item["id"] for item in found["items"]} == {a.pk for a in ferries[2:]}
    assert "3 or more results" in client.get("/search", {"q": "ferry"}).content.decode()

    monkeypatch.setattr(backends, "RANK_WINDOW", 10)
    found = client.get("/api/v1/search", {"q": "ferry"}).json()
    assert found["total"] == 5 and found["total_capped"] is False
    assert "5 results" in client.get("/search", {"q": "ferry"}).content.decode()
