"""The extractor on small pages written for these tests: what must be kept and what must go."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from localwire.articles.extract import EXTRACTOR_VERSION, extract, sanitize_html, strip_tracking
from localwire.document import FeedEntry

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://courier.example.org/news/harbour-bridge-reopens?utm_medium=rss"


@pytest.fixture(scope="module")
def wire():
    page = (FIXTURES / "wire-story.html").read_bytes()  # windows-1252, declared in a meta tag
    return extract(page, "https://valleytimes.example.com/story/levee-repairs?utm_source=rss",
                   agencies=["Meridian Press"])


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


def test_wire_story_body_and_clutter(wire):
    assert wire.text.startswith("LITTLE ROCK, Ark. (MP) — Crews began repairing")
    assert "said Lena Marsh" in wire.text and "public meeting on Thursday" in wire.text
    for clutter in ("Related:", "Click here", "Share this", "Follow us", "For the latest news", "conversation",
                    "Comments are closed", "All rights reserved", "uses cookies", "Subscribe"):
        assert clutter not in wire.text and clutter not in wire.html
    assert not wire.text.startswith("Levee repairs begin"), "the headline repeated as the first line is dropped"
    assert "By JOSÉ" not in wire.text


def test_wire_story_metadata(wire):
    assert wire.authors == ["José Martínez", "Kim O'Neil"]
    assert wire.agency == "Meridian Press"
    assert wire.canonical_url == "https://valleytimes.example.com/story/levee-repairs?id=88"
    assert wire.published_at == datetime(2026, 4, 14, 9, 30, tzinfo=timezone.utc), "naive times are UTC"
    assert wire.language == "en"
    assert wire.summary == "Crews started work on a damaged levee on Tuesday."


def test_wire_story_images(wire):
    assert [image.src for image in wire.images] == ["https://valleytimes.example.com/img/2026/levee-crew.jpg"]
    image = wire.images[0]
    assert image.caption == "Workers place rock along the levee near England, Ark., on Tuesday."
    assert image.credit == "Photo: Dana Whitfield / Valley Times"
    assert image.position == 2
    assert wire.html.index("soybean fields") < wire.html.index("<figure>") < wire.html.index("State engineers")


def test_og_image_is_the_lead_when_the_body_has_none():
    page = ('<html><head><meta property="og:image" content="/img/lead.jpg"></head><body><article>'
            + "<p>" + "The council met on Monday night to discuss the budget. " * 8 + "</p></article></body></html>")
    result = extract(page, "https://x.example.org/news/budget")
    assert [(i.src, i.position) for i in result.images] == [("https://x.example.org/img/lead.jpg", 0)]


def test_dates_from_json_ld_graph_with_lists():
    page = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "BlogPosting", '
            '"datePublished": ["2025-05-01T10:00:00-04:00"], "dateModified": "2025-05-02"}]}</script></head>'
            "<body><article><p>" + "Words of the story go here. " * 20 + "</p></article></body></html>")
    result = extract(page, "https://x.example.org/a")
    assert result.published_at.isoformat() == "2025-05-01T10:00:00-04:00"
    assert result.updated_at == datetime(2025, 5, 2, tzinfo=timezone.utc)


def test_short_by_sentence_is_not_taken_for_a_byline():
    page = ("<html><body><article><p>By now, most residents have heard about the new bus routes.</p><p>"
            + "The routes start in June and cover the whole county. " * 6 + "</p></article></body></html>")
    assert "By now, most residents" in extract(page, "https://x.example.org/a").text


def test_extractor_version_names_trafilatura():
    assert EXTRACTOR_VERSION.startswith("lw-") and "+trafilatura-" in EXTRACTOR_VERSION
