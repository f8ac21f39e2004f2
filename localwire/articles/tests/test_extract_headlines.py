"""A desk name in front of a headline ("World: …") is taken off; a place or subject before a colon stays."""

import pytest

from localwire.articles.extract import extract
from localwire.articles.extract.headlines import without_section
from localwire.document import FeedEntry

BODY = "<p>" + " ".join(["The ferry left the port at dawn with more than two hundred people aboard."] * 4) + "</p>"


def _page(title: str, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{BODY}"
            "</article></body></html>").encode()


@pytest.mark.parametrize("title, expected", [
    ("World: Ferry overturns in the Philippines, about 30 missing", "Ferry overturns in the Philippines, about 30 missing"),
    ("LOCAL NEWS:  Library branch opens at White Oaks Mall", "Library branch opens at White Oaks Mall"),
    ("Politics: Senate passes spending bill", "Senate passes spending bill"),
    ("Ukraine: talks resume in Istanbul after a pause", "Ukraine: talks resume in Istanbul after a pause"),
    ("U.S.: Fed holds rates steady", "U.S.: Fed holds rates steady"),
    ("Opinion: The tram line is worth its cost", "Opinion: The tram line is worth its cost"),
    ("World: Watch", "World: Watch"),  # too little left to be a headline
    ("World Cup: hosts named for 2034", "World Cup: hosts named for 2034"),
    ("No colon in this headline at all", "No colon in this headline at all"),
])
def test_generic_desk_names_go_and_other_prefixes_stay(title, expected):
    assert without_section(title) == expected


def test_the_pages_own_section_is_a_desk_name_too():
    assert without_section("River Valley: Levee repairs finish early", ["River Valley"]) == "Levee repairs finish early"
    assert without_section("River Valley: Levee repairs finish early") == "River Valley: Levee repairs finish early"


def test_extract_strips_a_section_the_page_declares():
    head = '<meta property="article:section" content="Harbour Town">'
    result = extract(_page("Harbour Town: Ferry service resumes after storm", head), "https://n.example.org/a")
    assert result.title == "Ferry service resumes after storm"


def test_extract_strips_a_generic_desk_from_the_pages_and_the_feeds_title():
    page = _page("World: Ferry overturns in the Philippines, about 30 missing")
    assert extract(page, "https://n.example.org/b").title == "Ferry overturns in the Philippines, about 30 missing"
    entry = FeedEntry(entry_id="1", url="https://n.example.org/c", title="World: Kazakhstan police detain hundreds",
                      summary=BODY)
    assert extract(b"", entry.url, feed_entry=entry).title == "Kazakhstan police detain hundreds"
