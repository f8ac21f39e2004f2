"""Typos corrected and suggested, on whichever database the suite runs on (SQLite FTS5 by default,
PostgreSQL with LOCALWIRE_TEST_DATABASE=postgres): the same assertions hold on both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localwire.channels.models import Channel
from localwire.search.index import index_articles, reindex_all
from localwire.search.models import SearchTerm
from localwire.search.query import SearchQuery, parse_terms
from localwire.search.results import find
from localwire.search.spelling import suggest
from localwire.testing.factories import ArticleChannelFactory

pytestmark = pytest.mark.django_db


def found(text: str, **options):
    return find(SearchQuery(parse_terms(text)), typed=text, **options)


def named(article, kind: str, name: str, slug: str):
    """Link the article to a channel, as analysis does, and index it again."""
    channel, _ = Channel.objects.get_or_create(kind=kind, slug=slug, defaults={"name": name})
    ArticleChannelFactory(article=article, channel=channel)
    index_articles([article.pk])
    return article


@pytest.fixture
def corpus(indexed, filler):
    """A few stories per subject, with near neighbours that a careless correction would pick."""
    little_rock = [named(indexed(title=t, summary="", text=f"{t}. The mayor spoke."), "city", "Little Rock",
                         "little-rock-ar-us")
                   for t in ("Council votes on bus fares", "Schools reopen after repairs")]
    kazakhstan = [named(indexed(title="Police detain hundreds in Almaty", summary="",
                                text="Protests spread across Kazakhstan on Sunday."), "country", "Kazakhstan", "kz")]
    flood = [indexed(title=t, summary="", text="The river rose overnight.")
             for t in ("Flood warning for the valley", "Flood waters recede")]
    for title in ("Food bank opens", "Food prices climb", "Food truck rally"):  # "flod" is one edit from food too
        indexed(title=title, summary="", text="Volunteers sorted donations.")
    return {"Little Rock": little_rock, "kazakhstan": kazakhstan, "flood": flood}


@pytest.mark.parametrize("typed, meant", [("Litle Rock", "Little Rock"), ("kazakstan", "kazakhstan"),
                                          ("flod", "flood")])
def test_the_typos_from_the_issue_find_what_was_meant(corpus, typed, meant):
    results = found(typed)
    assert results.corrected and results.did_you_mean == meant
    assert {r.article.pk for r in results.items} == {a.pk for a in corpus[meant]}
    assert results.total == len(corpus[meant])


@pytest.mark.parametrize("typed", ["Little Rock", "kazakhstan", "flood", "flooded", "food", "rock", "valley",
                                   '"little rock" schools', "KAZAKHSTAN"])
def test_a_query_spelled_right_is_never_corrected(corpus, typed):
    results = found(typed)
    assert results.items and results.did_you_mean is None and not results.corrected
    assert suggest(parse_terms(typed), typed) is None


@pytest.mark.parametrize("typed", ["zxqwv", "qqqqqqqq", "floodgate", "rock zxqwv"])
def test_a_word_nowhere_near_anything_gets_no_suggestion(corpus, typed):
    results = found(typed)
    assert results.items == [] and results.total == 0
    assert results.did_you_mean is None and not results.corrected


def test_the_reader_s_capitals_and_quotes_are_kept(corpus):
    assert found("LITLE ROCK").did_you_mean == "LITTLE ROCK"
    results = found('"Litle Rock" schools')
    assert results.did_you_mean == 'schools "Little Rock"'  # words, then phrases, as understood
    assert [r.article.pk for r in results.items] == [corpus["Little Rock"][1].pk]


def test_names_weigh_more_than_words_as_common(indexed, filler):
    county = named(indexed(title="Road closed", summary="", text="Crews are out."), "county", "Harlan County",
                   "harlan-county-ky-us")
    for n in range(3):  # three articles hold "harden", one holds the name Harlan
        indexed(title=f"Prices harden {n}", summary="", text="Markets closed higher.")
    results = found("harlen")
    assert results.did_you_mean == "harlan" and [r.article.pk for r in results.items] == [county.pk]


def test_a_rare_word_that_looks_like_a_slip_gets_a_suggestion_beside_its_results(indexed, filler):
    typo = indexed(title="River update", summary="", text="The flod reached the bridge.")
    for n in range(10):
        indexed(title=f"Flood report {n}", summary="", text="The flood reached the bridge.")
    results = found("flod")
    assert [r.article.pk for r in results.items] == [typo.pk]  # its own results, not replaced
    assert results.did_you_mean == "flood" and not results.corrected


def test_as_typed_shows_no_results_and_offers_the_correction(corpus):
    results = found("Litle Rock", correct=False)
    assert results.items == [] and results.total == 0
    assert results.did_you_mean == "Little Rock" and not results.corrected


def test_accents_and_case_do_not_hide_an_article(indexed, filler):
    article = named(indexed(title="Bank moves headquarters", summary="", text="The move to Zürich is set."),
                    "city", "Zürich", "zurich-ch")
    for typed in ("Zürich", "zürich", "zurich", "ZURICH"):
        assert [r.article.pk for r in found(typed).items] == [article.pk], typed
    assert not found("Zürich").corrected
    # SQLite's index ignores accents; PostgreSQL's does not, so there the accents are put back.
    assert found("zurich").corrected == (connection.vendor == "postgresql")


def test_a_word_is_counted_once_per_article_and_names_are_marked(indexed, filler):
    article = indexed(title="Orchard harvest", summary="", text="The orchard had a good harvest.")
    index_articles([article.pk])
    assert SearchTerm.objects.get(word="orchard").documents == 1
    named(article, "city", "Wenatchee", "wenatchee-wa-us")
    wenatchee = SearchTerm.objects.get(word="wenatchee")
    assert wenatchee.named and wenatchee.documents == 1
    assert SearchTerm.objects.get(word="orchard").documents == 1 and not SearchTerm.objects.get(word="orchard").named
    indexed(title="Orchard tours", summary="", text="Tours start in May.")
    assert SearchTerm.objects.get(word="orchard").documents == 2
    article.delete()
    reindex_all()
    assert SearchTerm.objects.get(word="orchard").documents == 1
    assert not SearchTerm.objects.filter(word="wenatchee").exists()


def test_correction_reads_the_vocabulary_not_the_articles(corpus):
    with CaptureQueriesContext(connection) as queries:
        assert suggest(parse_terms("Litle Rock kazakstan"), "Litle Rock kazakstan")
    statements = [q["sql"].lower() for q in queries.captured_queries]
    assert not any("articles_article" in sql for sql in statements)
    lookups = [sql for sql in statements if "search_searchterm" in sql]
    assert 3 <= len(lookups) <= 4  # the query's words at once, then at most one lookup a word
    assert all("bucket" in sql for sql in lookups[1:])


def test_the_page_shows_the_corrected_results_and_links_both_ways(client, corpus):
    page = client.get("/search", {"q": "Litle Rock"}).content.decode()
    assert ('Showing results for <a href="?q=Little+Rock">Little Rock</a> — '
            'search instead for <a href="?q=Litle+Rock&amp;verbatim=1">Litle Rock</a>') in page
    assert "2 results for <q>Little Rock</q>" in page
    assert all(a.title in page for a in corpus["Little Rock"])
    as_typed = client.get("/search", {"q": "Litle Rock", "verbatim": "1"}).content.decode()
    assert 'Did you mean <a href="?q=Little+Rock">Little Rock</a>?' in as_typed
    assert "Nothing matches" in as_typed and corpus["Little Rock"][0].title not in as_typed


def test_the_page_keeps_filters_in_the_spelling_links(client, corpus):
    page = client.get("/search", {"q": "flod", "until": "2100-01-01"}).content.decode()
    assert 'href="?q=flood&amp;until=2100-01-01"' in page
    assert 'href="?q=flod&amp;until=2100-01-01&amp;verbatim=1"' in page


def test_the_api_answers_did_you_mean_and_corrected(client, corpus):
    body = client.get("/api/v1/search", {"q": "kazakstan"}).json()
    assert body["did_you_mean"] == "kazakhstan" and body["corrected"] is True
    assert body["query"] == "kazakstan" and body["total"] == 1
    assert [item["id"] for item in body["items"]] == [corpus["kazakhstan"][0].pk]
    right = client.get("/api/v1/search", {"q": "kazakhstan"}).json()
    assert right["did_you_mean"] is None and right["corrected"] is False and right["total"] == 1
    typed = client.get("/api/v1/search", {"q": "kazakstan", "verbatim": "true"}).json()
    assert typed["items"] == [] and typed["did_you_mean"] == "kazakhstan" and typed["corrected"] is False
