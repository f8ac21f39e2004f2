"""What the extractor keeps of a story's body and what it drops, on pages written for these tests."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from localwire.articles import extract as extract_package
from localwire.articles.extract import extract

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def trail_guide():
    return extract((FIXTURES / "trail-guide.html").read_bytes(), "https://millbrook.example.org/outdoors/trails")


@pytest.mark.parametrize("sentence", [
    "Millbrook's trails reopened this week after the winter closures",
    "Ranger Dolores Vance said dogs must stay on a lead at Heron Lake",
    "The parks department will publish a sixth route",
])
def test_trail_guide_keeps_the_story(trail_guide, sentence):
    assert sentence in trail_guide.text


@pytest.mark.parametrize("furniture", [
    "Back to blog", "6 min read", "Updated: March 28, 2026", "Table of Contents", "Disclosure:",
    "Read our full Quarry Ridge review", "Sign up", "If you enjoyed this story", "Advertisement:",
    "Written by Jonah Pike",
])
def test_trail_guide_drops_furniture_lines(trail_guide, furniture):
    assert furniture not in trail_guide.text
    assert furniture not in trail_guide.html
    assert trail_guide.authors == ["Jonah Pike"], "the author box's name is still the author"


def test_numbered_list_keeps_its_numbers(trail_guide):
    assert "1. Heron Lake loop, 3 miles" in trail_guide.text
    assert "3. Old Mill path, 2 miles" in trail_guide.text
    assert "<ol><li>Heron Lake loop" in trail_guide.html


LEVY = (
    "<html><body><div class='wrap'><h1>Library levy passes</h1>"
    "<p>Voters in Alder County approved the new library levy on Tuesday by a wide margin, according to "
    "unofficial results released by the county clerk late in the evening.</p>"
    "<div class='results-box'><h3>Results by town</h3><ul><li><a href='/t/1'>Alder</a>: 62% yes</li>"
    "<li><a href='/t/2'>Birchwood</a>: 58% yes</li><li><a href='/t/3'>Cedar Falls</a>: 49% yes</li></ul></div>"
    "<p>Library director Nora Quist said the money would keep branches open on Sundays.</p>"
    "<p>The levy adds about 30 dollars a year to the tax bill of a typical home, the clerk's office estimated, "
    "and runs for ten years before voters must renew it.</p></div>"
    "<div class='sidebar'><a href='/x'>Other story one</a><a href='/y'>Other story two</a></div></body></html>"
)


def test_a_list_of_results_in_the_story_is_kept():
    text = extract(LEVY, "https://alder.example.org/news/levy").text
    assert "Birchwood: 58% yes" in text and "Cedar Falls: 49% yes" in text
    assert "Other story one" not in text


def test_balanced_mode_is_asked_when_recall_found_a_fragment(monkeypatch):
    """Recall mode can stop on one box of a page; the balanced mode's longer text is then kept."""
    paragraphs = [f"Paragraph {n} of the story about the harbour wall and the storm that broke it." for n in range(8)]
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    calls = []

    def fake(tree, favor_recall=False, **options):
        calls.append(favor_recall)
        kept = paragraphs[:1] if favor_recall else paragraphs
        body = etree.fromstring("<body>" + "".join(f"<p>{p}</p>" for p in kept) + "</body>")
        return SimpleNamespace(text="\n".join(kept), body=body, language="", sitename="")

    monkeypatch.setattr(extract_package.trafilatura, "bare_extraction", fake)
    text = extract(page, "https://x.example.org/harbour").text
    assert calls == [True, False]
    assert "Paragraph 7 of the story" in text
