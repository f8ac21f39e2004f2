"""Turning what a reader typed into words and phrases, and snippets around them: no database."""

from datetime import timedelta

import pytest

from localwire.search.query import MAX_QUERY_CHARS, MAX_TERMS, DateError, date_bounds, parse_terms
from localwire.search.snippets import plain, snippet
from localwire.search.sqlite import match_expression
from localwire.search.postgres import websearch_text


def test_words_and_quoted_phrases():
    terms = parse_terms('Flood "River Bank" levee')
    assert terms.words == ("flood", "levee")
    assert terms.phrases == (("river", "bank"),)
    assert terms.display() == 'flood levee "river bank"'


@pytest.mark.parametrize("text, words", [
    ('"unbalanced quote flood', ("unbalanced", "quote", "flood")),
    ("flood AND OR NOT", ("flood",)),  # operators are words; these ones too common to count
    ("flood*", ("flood",)),
    ("NEAR(flood levee)", ("near", "flood", "levee")),
    ("title:flood", ("title", "flood")),
    ("-flood ^levee", ("flood", "levee")),
    ("🎉 flood 🌊", ("flood",)),
    ('<script>alert(1)</script>', ("script", "alert", "1")),
    ("café Zürich", ("café", "zürich")),
])
def test_syntax_never_survives_parsing(text, words):
    assert parse_terms(text).words == words


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "*", "AND OR", "🎉", "the of and", "((("])
def test_nothing_to_search_for_says_so(text):
    terms = parse_terms(text)
    assert not terms
    assert terms.message


def test_too_long_and_too_many_words_are_refused_with_a_reason():
    assert "too long" in parse_terms("a" * (MAX_QUERY_CHARS + 1)).message
    assert "too many" in parse_terms(" ".join(f"word{n}" for n in range(MAX_TERMS + 1))).message
    assert parse_terms(" ".join(f"word{n}" for n in range(MAX_TERMS)))


def test_backend_expressions_are_quoted_strings_only():
    terms = parse_terms('col:term "river bank" NEAR(')
    assert match_expression(terms) == '"col" "term" "near" "river bank"'
    assert websearch_text(terms) == '"col" "term" "near" "river bank"'


def test_snippet_marks_matches_and_keeps_text_as_data():
    text = ("Opening words. " * 20) + "The <b>flood</b> reached the floodwall & the floods went on. " + "More. " * 40
    pieces = snippet(text, ["floods"])
    hits = [p.text for p in pieces if p.hit]
    assert hits == ["flood", "floodwall", "floods"]
    joined = plain(pieces)
    assert joined.startswith("… ") and joined.endswith(" …")
    assert "<b>flood</b>" in joined  # left as text: the template escapes it


def test_snippet_without_a_match_starts_at_the_beginning():
    assert plain(snippet("Short text here.", ["absent"])) == "Short text here."
    assert snippet("", ["x"]) == []


def test_short_words_highlight_only_whole_words():
    assert [p.text for p in snippet("a 1 10 100 alpha", ["1"]) if p.hit] == ["1"]


def test_date_bounds_cover_whole_days_and_name_bad_fields():
    since, until = date_bounds("2026-11-01", "2026-11-20")
    assert until - since == timedelta(days=20)
    since, until = date_bounds("2026-11-01T08:00:00+00:00", None)
    assert since.hour == 8 and until is None
    with pytest.raises(DateError, match="until"):
        date_bounds(None, "yesterday")
