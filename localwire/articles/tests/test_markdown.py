"""Contributors' Markdown: every known way of smuggling script in comes out harmless, and plain
formatting survives."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from localwire.articles.markdown import OUTSIDE_REL, outside_links, read_markdown, render_markdown

UPLOADED = "/media/uploads/" + "ab" * 32 + ".jpg"
SITE = "news.example.org"
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


class Elements(HTMLParser):
    """Every element and attribute of the output, as a browser's parser would see them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def assert_harmless(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag not in {"script", "style", "svg", "math", "iframe", "object", "embed", "form", "input",
                           "meta", "link", "base", "textarea", "details"}, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name not in {"style", "srcdoc", "formaction", "xlink:href"}, html
            if name in {"href", "src"}:
                assert not BAD_SCHEMES.match(value), html
        if tag == "img":
            assert attrs.get("src") == UPLOADED, html
        if tag == "a" and attrs.get("href", "").startswith(("http:", "https:", "//")):
            assert attrs.get("rel") == OUTSIDE_REL, html


XSS = {
    "script tag": "<script>alert(1)</script>",
    "script in a paragraph": "Hello <script>alert(1)</script> world",
    "img onerror": '<img src=x onerror="alert(1)">',
    "markdown image with an outside src": '![x](https://evil.example/x.png "t")',
    "markdown image with a handler in its title": '![x](/media/uploads/x.jpg "x\\" onerror=\\"alert(1)")',
    "uploaded image breaking out of its title": f'![x]({UPLOADED} "x\\" onerror=\\"alert(1)")',
    "javascript link": "[x](javascript:alert(1))",
    "javascript link with spaces and case": "[x]( JaVaScRiPt:alert(1) )",
    "javascript in angle brackets": "[x](<javascript:alert(1)>)",
    "entity-encoded javascript": "[x](&#106;avascript:alert(1))",
    "hex-entity javascript": "[x](&#x6A;&#x61;vascript&#58;alert(1))",
    "percent-encoded javascript": "[x](%6Aavascript:alert(1))",
    "javascript with a tab inside": "[x](java\tscript:alert(1))",
    "vbscript link": "[x](vbscript:msgbox(1))",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "svg onload": "<svg onload=alert(1)><circle r=5 /></svg>",
    "svg in a paragraph": "text <svg><script>alert(1)</script></svg> text",
    "autolink javascript": "<javascript:alert(1)>",
    "autolink http": "<https://evil.example/path?q=1>",
    "reference link to javascript": "[x][r]\n\n[r]: javascript:alert(1)",
    "reference link outside": "[x][r]\n\n[r]: https://evil.example/ 'title'",
    "html block": "<div onclick=\"alert(1)\">\n\n*hi*\n\n</div>",
    "iframe block": "<iframe src=\"https://evil.example\"></iframe>",
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "style tag": "<style>body{background:url(javascript:alert(1))}</style>",
    "attribute break-out in a link title": '[x](https://a.example "a\\" onmouseover=\\"alert(1))',
    "protocol-relative link": "[x](//evil.example/a)",
    "form": '<form action="https://evil.example"><input name=a></form>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "html comment": "<!-- <script>alert(1)</script> -->",
    "code span with html": "`<script>alert(1)</script>`",
    "fenced code with html": "```html\n<script>alert(1)</script>\n```",
    "nested brackets": "[<img src=x onerror=alert(1)>](https://a.example)",
}


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_every_payload_is_harmless(payload):
    html = render_markdown(payload, site_host=SITE)
    assert_harmless(html)
    assert "<script" not in html.lower()  # as text it is escaped: "&lt;script"


def test_raw_html_is_shown_as_text_not_dropped_silently():
    assert render_markdown("Use <b>bold</b> tags") == "<p>Use &lt;b&gt;bold&lt;/b&gt; tags</p>\n"


def test_plain_formatting_survives():
    html = render_markdown(
        "# Title\n\n## Part\n\nSome *em*, **strong** and `code`.\n\n> quoted\n\n"
        "- one\n- two\n\n1. first\n\n```\nx = 1\n```\n\n---\n\nline  \nbreak"
    )
    for piece in ("<h2>Title</h2>", "<h3>Part</h3>", "<em>em</em>", "<strong>strong</strong>",
                  "<code>code</code>", "<blockquote>", "<ul>", "<li>one</li>", "<ol>", "<pre><code>x = 1",
                  "<hr>", "<br>"):
        assert piece in html, (piece, html)
    assert "<h1>" not in html


def test_outside_links_are_nofollow_ugc_and_own_links_stay_plain():
    html = render_markdown(f"[a](https://other.example/x) [b](/story/4/) [c](https://{SITE}/article/1/x/)",
                           site_host=SITE)
    links = [attrs for tag, attrs in Elements(html).found if tag == "a"]
    assert links[0] == {"href": "https://other.example/x", "rel": "nofollow ugc noopener"}
    assert links[1] == {"href": "/story/4/"}
    assert links[2] == {"href": f"https://{SITE}/article/1/x/"}


def test_without_a_site_host_every_absolute_link_is_outside():
    html = render_markdown(f"[c](https://{SITE}/a)")
    assert f'rel="{OUTSIDE_REL}"' in html


def test_images_only_from_the_upload_path():
    kept = render_markdown(f"![The bridge]({UPLOADED})")
    assert Elements(kept).found[-1] == ("img", {"src": UPLOADED, "alt": "The bridge"})
    gone = render_markdown("![tracking pixel](https://tracker.example/p.gif)")
    assert "<img" not in gone and "tracking pixel" in gone
    assert "<img" not in render_markdown("![x](/media/uploads/../secret_key)")


def test_empty_bodies_render_empty():
    assert render_markdown("") == "" and render_markdown("  \n ") == ""


def test_outside_links_lists_absolute_http_addresses_once_in_order():
    text = ("[a](https://one.example/x) [b](/local) <http://two.example> [c](https://one.example/x) "
            f"[d](mailto:a@b.example) [e](https://{SITE}/own) ![i](https://img.example/i.png) "
            "[f][r] bare https://written.example\n\n[r]: https://three.example/ref")
    assert outside_links(text, site_host=SITE) == [
        "https://one.example/x", "http://two.example", "https://three.example/ref", "https://written.example"]
    assert f"https://{SITE}/own" in outside_links(text)
    assert "href=\"https://written.example" not in render_markdown(text)  # counted, yet never made a link


def test_the_page_and_the_review_rules_read_one_parse():
    """What the rules read is what the page shows: no table or strikethrough markup on either side,
    raw HTML shown as text, and its address counted as written out."""
    body = "| a | b |\n|---|---|\n| ~~old~~ | [x](https://t.example) |\n\n<a href='https://raw.example'>here</a>"
    html = render_markdown(body)
    assert "<table" not in html and "<del" not in html and "<s>" not in html
    assert "&lt;a href=" in html and 'href="https://raw.example' not in html
    reading = read_markdown(body)
    assert "~~old~~" in reading.text and "here" in reading.text
    assert reading.links == ("https://t.example", "https://raw.example")
    assert outside_links(body) == list(reading.links)
    assert read_markdown("See https://w.example/a. (Or https://w.example/b)").links == (
        "https://w.example/a", "https://w.example/b")


def test_outside_links_ignores_refused_schemes():
    assert outside_links("[x](javascript:alert(1)) [y](ftp://files.example/a)") == []


def test_malformed_addresses_neither_break_nor_count():
    text = "[a](http://[::1/) <http://[zz> [b](https://ok.example/)"
    assert_harmless(render_markdown(text))
    assert outside_links(text)[-1] == "https://ok.example/"
