"""Search on whichever database the suite runs on: SQLite FTS5 by default, PostgreSQL when
LOCALWIRE_TEST_DATABASE=postgres. The same assertions hold on both."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from localwire.search.backends import search
from localwire.search.models import SearchDocument
from localwire.search.query import SearchQuery, parse_terms
from localwire.testing.factories import ArticleChannelFactory, PublisherFactory, syndicated

pytestmark = pytest.mark.django_db


def ids(text: str, **filters) -> list[int]:
    return [hit.article_id for hit in search(SearchQuery(parse_terms(text), **filters)).hits]


def test_title_match_ranks_above_body_match(indexed, filler):
    now = timezone.now()
    body = indexed(title="Weekend notes", summary="", text="Volunteers said the flood reached the harbour wall.",
                   published_at=now)
    title = indexed(title="Flood warning for the harbour", summary="", text="Officials spoke on Tuesday.",
                    published_at=now)
    assert ids("flood") == [title.pk, body.pk]


def test_newer_ranks_above_older_at_equal_relevance(indexed, filler):
    now = timezone.now()
    fields = dict(title="Ferry service resumes", summary="", text="The ferry sails again after repairs.")
    older = indexed(published_at=now - timedelta(days=20), **fields)
    newer = indexed(published_at=now - timedelta(days=1), **fields)
    assert ids("ferry") == [newer.pk, older.pk]


def test_a_strong_match_from_last_week_beats_a_passing_mention_today(indexed, filler):
    now = timezone.now()
    passing = indexed(title="Council roundup", summary="", text="Among other items, a tornado drill.",
                      published_at=now)
    strong = indexed(title="Tornado damages the east side", summary="", text="The tornado struck at dawn.",
                     published_at=now - timedelta(days=7))
    assert ids("tornado") == [strong.pk, passing.pk]


def test_stemmed_forms_match(indexed, filler):
    article = indexed(title="Rivers keep rising", summary="", text="Flooding closed two roads.")
    assert ids("flooded river") == [article.pk]


def test_quoted_phrase_needs_the_words_together(indexed, filler):
    together = indexed(title="Walkway", summary="", text="Crews repaired the river bank on Monday.")
    apart = indexed(title="Walkway two", summary="", text="The bank opened a branch by the river.")
    assert ids('"river bank"') == [together.pk]
    assert set(ids("river bank")) == {together.pk, apart.pk}


def test_publisher_entities_and_authors_are_searchable(indexed, filler):
    article = indexed(title="Budget passes", summary="", text="The vote was close.",
                      publisher=PublisherFactory(name="Valley Courier"), authors=["Dana Whitfield"])
    ArticleChannelFactory(article=article, channel__kind="person", channel__name="Serik Abenov",
                          channel__slug="serik-abenov")
    from localwire.search.index import index_articles

    index_articles([article.pk])
    assert ids("courier") == ids("whitfield") == ids("abenov") == [article.pk]


def test_each_filter_narrows_the_results(indexed, filler):
    now = timezone.now()
    local = PublisherFactory(slug="valley-courier")
    a = indexed(title="Bridge closes", summary="", text="The bridge closes for repairs.", publisher=local,
                published_at=now - timedelta(days=2))
    b = indexed(title="Bridge reopens", summary="", text="The bridge reopens.", published_at=now - timedelta(days=40))
    ArticleChannelFactory(article=a, channel__kind="topic", channel__slug="transport", channel__name="Transport")
    ArticleChannelFactory(article=b, channel__kind="city", channel__slug="springfield-il-us",
                          channel__name="Springfield", relation="dateline")
    assert set(ids("bridge")) == {a.pk, b.pk}
    assert ids("bridge", publisher="valley-courier") == [a.pk]
    assert ids("bridge", topic="transport") == [a.pk]
    assert ids("bridge", place="springfield-il-us") == [b.pk]
    assert ids("bridge", place="transport") == []  # a topic's slug is not a place
    assert ids("bridge", since=now - timedelta(days=10)) == [a.pk]
    assert ids("bridge", until=now - timedelta(days=10)) == [b.pk]
    assert ids("bridge", publisher="nobody") == []


def test_a_filter_on_a_merged_slug_finds_the_channel_it_was_merged_into(indexed, filler):
    from localwire.channels.actions import merge_channels

    article = indexed(title="Ferry timetable", summary="", text="The ferry runs hourly.")
    old = ArticleChannelFactory(article=indexed(title="Ferry fares", summary="", text="Fares rise."),
                                channel__kind="city", channel__slug="old-name", channel__name="Old Name").channel
    new = ArticleChannelFactory(article=article, channel__kind="city", channel__slug="new-name",
                                channel__name="New Name").channel
    merge_channels(old, new)
    assert len(ids("ferry", place="old-name")) == 2
    assert ids("ferry", place="old-name") == ids("ferry", place="new-name")


def test_pages_are_stable_and_counted(indexed, filler):
    now = timezone.now()
    made = [indexed(title=f"Harvest report {n}", summary="", text="The harvest was good.",
                    published_at=now - timedelta(hours=n % 3)) for n in range(25)]
    pages = [search(SearchQuery(parse_terms("harvest"), limit=10, offset=o)) for o in (0, 10, 20)]
    seen = [hit.article_id for page in pages for hit in page.hits]
    assert [len(p.hits) for p in pages] == [10, 10, 5]
    assert {p.total for p in pages} == {25}
    assert sorted(seen) == sorted(a.pk for a in made)
    again = [hit.article_id for o in (0, 10, 20) for hit in search(SearchQuery(parse_terms("harvest"),
                                                                               limit=10, offset=o)).hits]
    assert again == seen


def test_syndicated_copies_come_once_as_their_original(indexed, filler):
    original = indexed(title="Wire: dam inspection ordered", summary="", text="Inspectors will visit the dam.")
    copy = indexed(title="Wire: dam inspection ordered", summary="", text="Inspectors will visit the dam.")
    syndicated(original, copy)
    page = search(SearchQuery(parse_terms("dam inspection")))
    assert [h.article_id for h in page.hits] == [original.pk] and page.total == 1


# (query, whether the levee article must be found): operators, column filters and prefixes are
# plain words, so a query finds the article exactly when all of its words are in it.
HOSTILE = [('"', False), ('""', False), ("flood AND OR", True), ("flood*", True), ("*", False),
           ("NEAR(", False), ("NEAR(flood", False), ("col:term", False), ("title:flood", False),
           ("body:flood", False), ('"unbalanced flood', False), ('flood"', True), ("🎉", False), ("🎉 flood", True),
           ("flood -levee", True), ("(flood)", True), ("flood OR", True), ("^flood", True),
           ("flood + levee", True), ("'; DROP TABLE articles_article; --", False), ("\\", False), ("%", False),
           ("_", False), ("\x00flood", True), ('"levee held" "through"', True)]


@pytest.mark.parametrize("text, found", HOSTILE)
def test_hostile_queries_give_results_or_an_empty_page(indexed, text, found):
    article = indexed(title="Flood levee holds", summary="", text="The levee held through the flood.")
    page = search(SearchQuery(parse_terms(text)))
    assert page.total == len(page.hits)
    assert [h.article_id for h in page.hits] == ([article.pk] if found else [])


def test_an_empty_query_searches_nothing_and_says_why(indexed):
    indexed(title="Anything")
    page = search(SearchQuery(parse_terms("")))
    assert page.hits == [] and page.total == 0 and page.message


def test_deleting_an_article_takes_it_out_of_the_index(indexed, filler):
    article = indexed(title="Orchard sale", summary="", text="Apples for sale.")
    assert ids("orchard") == [article.pk]
    article.delete()
    assert ids("orchard") == []
    assert not SearchDocument.objects.filter(article_id=article.pk).exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_fts WHERE rowid = %s", [article.pk])
            assert cursor.fetchone()[0] == 0


def test_the_database_has_its_own_full_text_structure():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT data_type FROM information_schema.columns "
                           "WHERE table_name = 'search_searchdocument' AND column_name = 'vector'")
            assert cursor.fetchone()[0] == "tsvector"
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector'")
            assert "gin" in cursor.fetchone()[0].lower()
