"""``localwire extract FILE`` without ``--url``, and files that are no article page."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from localwire.articles.extract_cli import extract_files

STORY = "<p>The Main Street bridge reopened on Monday after eight months of repairs, the city said.</p>" * 4
PAGE = """<html lang="en"><head><title>Bridge reopens</title>{head}</head><body><article>
<h1>Bridge reopens</h1>{story}
<figure><img src="/img/bridge.jpg" width="800" height="500"><figcaption>The bridge on Monday.</figcaption></figure>
<p>Drivers can use both lanes again from Tuesday morning, the transport office said.</p>
</article></body></html>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Bridge reopens</title><link>https://news.example.org/bridge</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>
<id>urn:g</id><entry><title>Bridge</title><id>urn:g:1</id><link href="https://news.example.org/bridge"/></entry></feed>"""
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "title": "Gazette", "items": []}'


def extract(tmp_path, name: str, content: bytes, url: str = "") -> tuple[int, list[dict], str]:
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    code = extract_files([str(path)], url, out, err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="https://news.example.org/2026/bridge-reopens">',
    '<meta property="og:url" content="https://news.example.org/2026/bridge-reopens">',
])
def test_the_pages_own_address_is_its_url_and_the_base_of_its_images(tmp_path, head):
    code, rows, err = extract(tmp_path, "story.html", PAGE.format(head=head, story=STORY).encode())
    assert code == 0 and err == ""
    row = rows[0]
    assert row["url"] == row["canonical_url"] == "https://news.example.org/2026/bridge-reopens"
    assert [image["src"] for image in row["images"]] == ["https://news.example.org/img/bridge.jpg"]
    assert row["images"][0]["caption"] == "The bridge on Monday."


def test_url_given_still_wins_and_without_any_address_the_file_is_the_url(tmp_path):
    page = PAGE.format(head="", story=STORY).encode()
    code, rows, _ = extract(tmp_path, "story.html", page, url="https://other.example.org/a/story")
    assert code == 0 and rows[0]["images"][0]["src"] == "https://other.example.org/img/bridge.jpg"
    code, rows, _ = extract(tmp_path, "story.html", page)
    assert code == 0 and rows[0]["url"].startswith("file://")


@pytest.mark.parametrize("name, content", [
    ("feed.xml", RSS), ("atom.xml", ATOM), ("feed.json", JSON_FEED), ("feed.xml.gz", gzip.compress(RSS, mtime=0)),
    ("broken.xml", b"<rss><channel><title>Broken<item><title>x</tit"),
])
def test_a_feed_file_is_named_as_such_and_gets_no_record(tmp_path, name, content):
    code, rows, err = extract(tmp_path, name, content)
    assert code == 1 and rows == []
    assert f"{tmp_path / name}: looks like a" in err and "feed, not an article page" in err


@pytest.mark.parametrize("name, content, message", [
    ("empty.html", b"", "empty"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "does not look like an HTML page"),
    ("data.json", b'{"hello": "world"}', "does not look like an HTML page"),
    ("home.html", b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text"),
])
def test_anything_else_that_is_no_article_page_is_said_so(tmp_path, name, content, message):
    code, rows, err = extract(tmp_path, name, content)
    assert code == 1 and rows == [] and message in err


def test_a_missing_file_is_a_clear_error_and_the_others_are_still_read(tmp_path):
    (tmp_path / "story.html").write_text(PAGE.format(head="", story=STORY))
    out, err = io.StringIO(), io.StringIO()
    code = extract_files([str(tmp_path / "missing.html"), str(tmp_path / "story.html")], "", out, err)
    assert code == 2
    assert err.getvalue() == f"localwire extract: {tmp_path / 'missing.html'}: cannot be read: No such file or directory\n"
    assert [json.loads(line)["title"] for line in out.getvalue().splitlines()] == ["Bridge reopens"]
