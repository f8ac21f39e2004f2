"""A post's Markdown read the way the review rules need it: the words a reader reads, and every
address the post sends a reader to.

The rules must see what the page will show, not the source: the address behind ``[the council](…)``
is no part of the text a copy is looked for in, and a link written as a reference (``[a][1]`` with
``[1]: https://…`` further down) or as raw HTML leads a reader away as surely as an inline one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from localwire.community.moderation import links_in

# CommonMark, as the post editor writes it, with the two extensions readers expect of it.
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_CODE = {"code_inline", "code_block", "fence"}  # shown as typed: an address in code is not a link
_HTML = {"html_inline", "html_block"}


@dataclass(frozen=True)
class Reading:
    text: str  # the words a reader reads, without any address hidden behind a link
    links: tuple[str, ...]  # every address linked, or written out in the text, in order


class _HtmlReader(HTMLParser):
    """Text and ``<a href>`` addresses of raw HTML in a post: the renderer may keep the link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.links.append(href)

    def handle_data(self, data) -> None:
        self.text.append(data)


def read(body: str) -> Reading:
    """The text and the links of a Markdown body: inline, reference, autolinks, raw HTML and bare
    http(s) addresses (which readers follow whether or not the page makes them links)."""
    text: list[str] = []
    links: list[str] = []
    html = _HtmlReader()
    _walk(_MARKDOWN.parse(body), text, links, html)
    html.close()
    text.extend(html.text)
    return Reading(text=" ".join(text), links=tuple(links + html.links))


def _walk(tokens, text: list[str], links: list[str], html: _HtmlReader) -> None:
    for token in tokens:
        if token.type == "link_open":
            links.append(token.attrGet("href") or "")
        elif token.type == "text":
            text.append(token.content)
            links.extend(links_in(token.content))
        elif token.type in _CODE:
            text.append(token.content)
        elif token.type in _HTML:
            html.feed(token.content)
        elif token.type in ("softbreak", "hardbreak") or token.block:
            text.append("\n")
        if token.children:  # an inline run, or an image's alt text
            _walk(token.children, text, links, html)
