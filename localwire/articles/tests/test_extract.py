"""The extractor on small pages written for these tests: what must be kept and what must go."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from localwire.articles.extract import extract, normalise_byline, sanitize_html, strip_tracking
from localwire.pipeline.document import FeedEntry

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://courier.example.org/news/harbour-bridge-reopens?utm_medium=rss"


@pytest.fixture(scope="module")
def story():
    return extract((FIXTURES / "cluttered-story.html").read_bytes(), URL)


def test_body_is_kept(story):
    for sentence in ("The harbour bridge reopened to cars and buses on Monday morning",
                     "Engineers found corrosion in more than 300 of the deck's plates",
                     '"It is like the town has been stitched back together," said Maria Lopes',
                     "The repairs cost 14 million euros"):
        assert sentence in story.text


@pytest.mark.parametrize("clutter", [
    "Advertisement", "Read more:", "Sign up for our free morning newsletter", "Copyright 2026",
    "All rights reserved", "We use cookies", "Related stories", "Ferry timetable changes", "Home",
    "1 Quay Street", "By FIONA MACLEAN",
])
def test_clutter_is_dropped(story, clutter):
    assert clutter not in story.text
    assert clutter not in story.html


def test_metadata(story):
    assert story.title == "Harbour bridge reopens after repairs"
    assert story.canonical_url == "https://courier.example.org/news/harbour-bridge-reopens?page=2"
    assert story.published_at == datetime(2026, 3, 2, 7, 15, tzinfo=timezone.utc)
    assert story.updated_at == datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
    assert story.language == "en"
    assert story.authors == ["Fiona Maclean"]
    assert story.agency == "Reuters"
    assert story.summary == "The harbour bridge is open to traffic again after eight months."


def test_image_kept_in_place_with_caption_and_credit(story):
    assert len(story.images) == 1, "the tracking pixel is not an image of the story"
    image = story.images[0]
    assert image.src == "https://courier.example.org/media/bridge-opening.jpg"
    assert image.caption == "The first bus crosses the harbour bridge on Monday."
    assert image.credit == "(Courier Photo/Ines Duarte)"
    assert image.position == 1
    assert story.html.index("PORTHAVEN") < story.html.index("<figure>") < story.html.index("Engineers found")


@pytest.mark.parametrize("raw, authors, agency", [
    ("By Joseph Price, By DASHA LITVINOVA Associated Press", ["Joseph Price", "Dasha Litvinova"], "Associated Press"),
    ("By JANE DOE and JOHN ROE, Associated Press", ["Jane Doe", "John Roe"], "Associated Press"),
    ("BY MARK O'NEIL, REUTERS", ["Mark O'Neil"], "Reuters"),
    ("Staff report", [], ""),
    ("Written by Ana Ruiz | Photos by Ben Ng", ["Ana Ruiz"], ""),
    ("Ana Ruiz, ana.ruiz@example.org", ["Ana Ruiz"], ""),
    ("By the Associated Press", [], "Associated Press"),
    ("By Ana Ruiz, Staff Writer", ["Ana Ruiz"], ""),
    ("By KATHLEEN MCDONALD and JUAN DE LA CRUZ", ["Kathleen McDonald", "Juan de la Cruz"], ""),
    ("Sam Lee; Pat Kim", ["Sam Lee", "Pat Kim"], ""),
    ("By AFP", [], "Agence France-Presse"),
    ("By Dana Whitfield, Meridian Press", ["Dana Whitfield"], "Meridian Press"),
    ("Meridian Press staff", [], ""),
    ("By Brian Ellis USA TODAY", ["Brian Ellis"], ""),
    ("", [], ""),
])
def test_byline_normalisation(raw, authors, agency):
    byline = normalise_byline(raw, agencies=["Meridian Press"])
    assert (byline.authors, byline.agency) == (authors, agency)


def test_operator_agency_is_found_by_its_initials_in_a_dateline():
    page = ("<html><body><article><p>LITTLE ROCK, Ark. (MP) — " + "Storm crews worked through the night. " * 12
            + "</p><p>Officials said more help was coming.</p></article></body></html>")
    assert extract(page, "https://x.example.org/a", agencies=["Meridian Press"]).agency == "Meridian Press"
    assert extract(page, "https://x.example.org/a").agency == ""


def test_strip_tracking():
    assert strip_tracking("https://x.com/a?utm_source=f&id=3&fbclid=z#frag") == "https://x.com/a?id=3"
    assert strip_tracking("https://X.com") == "https://x.com/"


def test_canonical_on_another_site_is_not_trusted():
    page = ('<html><head><link rel="canonical" href="https://other.example.net/their-story"></head>'
            "<body><article><p>" + "Text of the story. " * 30 + "</p></article></body></html>")
    assert extract(page, "https://mine.example.org/story").canonical_url == "https://mine.example.org/story"


@pytest.mark.parametrize("dirty, forbidden", [
    ("<p>ok<script>alert(1)</script></p>", "<script"),
    ('<img src="https://x.org/a.jpg" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<p style="position:fixed">x</p>', "style"),
    ("<iframe src='https://evil.example'></iframe>", "iframe"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
])
def test_sanitize_html_removes_active_content(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty).lower()


def test_links_are_marked_nofollow():
    assert 'rel="nofollow noopener"' in sanitize_html('<a href="https://x.org/">x</a>')


@pytest.mark.parametrize("garbage", [
    b"", b"\x00\xff\xfe\xfa" * 1000, b"<html>" * 5000, b"<div>" * 100_000 + b"deep", "<p>unicode \ud83d</p>",
    b"<html><head><meta charset='no-such-charset'></head><body>x</body></html>",
])
def test_garbage_never_raises(garbage):
    result = extract(garbage, "https://x.example.org/a")
    assert result.url == "https://x.example.org/a"


def test_feed_content_is_used_when_the_page_has_no_story():
    entry = FeedEntry(
        entry_id="1", url="https://x.example.org/a", title="Library hours change",
        content_html="<p>The library will open at 10 a.m. on weekdays from next month.</p>"
                     "<p>Weekend hours stay the same, the library board said on Tuesday evening "
                     "after a long discussion about staffing and budgets for the coming year.</p>"
                     "<script>alert(1)</script>",
        authors=["By ANA RUIZ, Meridian Press"], published_at=datetime(2026, 1, 5, tzinfo=timezone.utc),
    )
    result = extract(b"<html><body><p>Subscribe to read.</p></body></html>", entry.url,
                     agencies=["Meridian Press"], feed_entry=entry)
    assert "open at 10 a.m. on weekdays" in result.text
    assert "<script" not in result.html
    assert result.title == "Library hours change"
    assert result.authors == ["Ana Ruiz"] and result.agency == "Meridian Press"
    assert result.published_at == entry.published_at
