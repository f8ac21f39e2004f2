"""Contributors' Markdown bodies as HTML that is safe to show on the site's own pages.

Two locks, either enough alone: markdown-it runs in CommonMark mode with raw HTML off (so ``<script>``
arrives as text) and refuses ``javascript:``-like link targets; then nh3 keeps only the house's
allow-list of tags and attributes and only http(s), mailto and relative addresses. Between the two,
this module marks outside links ``rel="nofollow ugc noopener"`` (a reader's post must not lend the
site's standing to whatever it links to), lifts headings one level (the page's title is the only
``h1``) and lets images through only from the site's own upload path: a post cannot make readers'
browsers fetch from elsewhere.

It is also the one place a body is *read*: ``read_markdown`` gives the words a reader sees and every
address the body sends a reader to, from the same parse the page is rendered from, so contributors'
review rules judge exactly what is shown (see docs/contributors.md, "Review rules").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from localwire.articles.extract.sanitize import ATTRIBUTES, TAGS
from localwire.articles.uploads import UPLOAD_URL_PREFIX

OUTSIDE_REL = "nofollow ugc noopener"
MARKDOWN_TAGS = TAGS | {"h5", "h6", "pre", "code", "hr"}
MARKDOWN_ATTRIBUTES = {**ATTRIBUTES, "a": {"href", "title"}, "img": {"src", "alt", "title"}}
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}
UPLOADED_IMAGE = re.compile(re.escape(UPLOAD_URL_PREFIX) + r"[0-9a-f]{64}\.(?:jpg|png)")

# The one configuration posts are parsed with, for the page and for the review rules alike: plain
# CommonMark (no tables or strikethrough: ``|`` and ``~~`` show as typed), raw HTML off, so a tag
# typed into a post is shown as text, never as markup.
MARKDOWN = MarkdownIt("commonmark", {"html": False})
# An http(s) address written out in the text: not a link on the page, but one a reader can copy
# (read without the full stop or bracket that ends its sentence).
WRITTEN_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_CODE = {"code_inline", "code_block", "fence"}  # shown as typed: an address in code is not a link


@dataclass(frozen=True)
class Reading:
    text: str  # the words a reader reads, without any address hidden behind a link
    links: tuple[str, ...]  # every address linked or written out in the text, in order


def render_markdown(text: str, site_host: str = "") -> str:
    """The body as sanitised HTML. ``site_host`` (e.g. ``news.example.org``) names the site, whose
    own absolute links are left plain like relative ones."""
    if not text or not text.strip():
        return ""
    tokens = MARKDOWN.parse(text)
    for token in tokens:
        _lift_heading(token)
        for child in token.children or ():
            _mark_link(child, site_host)
            _allow_image(child)
    html = MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})
    return nh3.clean(
        html, tags=MARKDOWN_TAGS, attributes=MARKDOWN_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel=None, strip_comments=True, clean_content_tags=DROPPED_WITH_CONTENT,
        tag_attribute_values={"a": {"rel": {OUTSIDE_REL}}}, attribute_filter=_only_uploaded_images,
    )


def outside_links(text: str, site_host: str = "") -> list[str]:
    """The absolute http(s) addresses the body sends a reader to (``read_markdown``), each once, in
    order of appearance; links to ``site_host`` are not outside. The review rules count their sites."""
    found: dict[str, None] = {}
    for href in read_markdown(text).links:
        if _scheme(href) in ("http", "https") and _is_outside(href, site_host):
            found.setdefault(href, None)
    return list(found)


def read_markdown(body: str) -> Reading:
    """The text and the addresses of a body as the page shows it. Addresses: inline, reference and
    auto links, and http(s) addresses written out in the text — including the ``href`` of an ``<a>``
    typed as raw HTML, which the page shows as text: it still says where the author sends readers."""
    text: list[str] = []
    links: list[str] = []
    _walk(MARKDOWN.parse(body or ""), text, links)
    return Reading(text=" ".join(text), links=tuple(links))


def _walk(tokens: list[Token], text: list[str], links: list[str]) -> None:
    for token in tokens:
        if token.type == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif token.type == "text":
            text.append(token.content)
            links.extend(address.rstrip(".,;:!?)]}") for address in WRITTEN_ADDRESS.findall(token.content))
        elif token.type in _CODE:
            text.append(token.content)
        elif token.type in ("softbreak", "hardbreak") or token.block:
            text.append("\n")
        if token.children:  # an inline run, or an image's alt text
            _walk(token.children, text, links)


def _lift_heading(token: Token) -> None:
    """``#`` becomes ``h2`` and so on down to ``h6``: the page's title is its ``h1``."""
    if token.type in ("heading_open", "heading_close"):
        token.tag = f"h{min(6, int(token.tag[1]) + 1)}"


def _mark_link(token: Token, site_host: str) -> None:
    if token.type == "link_open" and _is_outside(str(token.attrGet("href") or ""), site_host):
        token.attrSet("rel", OUTSIDE_REL)


def _is_outside(href: str, site_host: str) -> bool:
    """Any address with a host (``//host/…`` too) that is not the site's; relative ones stay home."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return True
    if parts.scheme == "mailto":
        return True
    host = (parts.hostname or "").lower()
    return bool(parts.netloc) and host != site_host.lower().split(":")[0]


def _scheme(href: str) -> str:
    try:
        return urlsplit(href.strip()).scheme.lower()
    except ValueError:  # a malformed address ("http://[::1/") is no outside site to count
        return ""


def _allow_image(token: Token) -> None:
    """An image from anywhere but the upload path becomes its alt text."""
    if token.type == "image" and not UPLOADED_IMAGE.fullmatch(str(token.attrGet("src") or "")):
        token.type, token.tag, token.attrs = "text", "", {}
        token.content = "".join(child.content for child in token.children or ())
        token.children = None


def _only_uploaded_images(tag: str, attribute: str, value: str) -> str | None:
    """The second lock on images, in the sanitiser itself."""
    if tag == "img" and attribute == "src" and not UPLOADED_IMAGE.fullmatch(value):
        return None
    return value
