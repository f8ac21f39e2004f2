"""OPML 2.0 import and export, so operators and readers can move their feed lists in and out.

OPML files come from strangers (a reader's export, a list found online), so
they are read with defusedxml: DTD entities and external references are
refused rather than expanded. Folders are one level deep on the way out
(``category``); on the way in any depth is flattened to the nearest folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Iterable
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET

from localwire.sources.errors import OpmlError

__all__ = ["OpmlError", "OpmlFeed", "build_opml", "parse_opml"]


@dataclass
class OpmlFeed:
    xml_url: str
    title: str = ""
    html_url: str = ""
    category: str = ""


def parse_opml(body: bytes) -> list[OpmlFeed]:
    """Every outline with an http(s) xmlUrl, once each, nested folders flattened into ``category``."""
    try:
        root = SafeET.fromstring(body)
    except Exception as exc:  # noqa: BLE001 - ParseError, DefusedXmlException, encoding errors
        raise OpmlError(f"not a readable OPML file: {str(exc)[:200]}") from None
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file: the root element is <{root.tag}>")
    body_el = root.find("body")
    if body_el is None:
        raise OpmlError("not an OPML file: it has no <body>")
    feeds: list[OpmlFeed] = []
    _walk(body_el, feeds, set())
    return feeds


def _walk(body, feeds: list[OpmlFeed], seen: set[str]) -> None:
    """Depth-first, in document order, with an explicit stack: a hostile file may nest thousands deep."""
    stack = [(outline, "") for outline in reversed(body.findall("outline"))]
    while stack:
        outline, category = stack.pop()
        attrs = {k.lower(): (v or "").strip() for k, v in outline.attrib.items() if isinstance(k, str)}
        title = attrs.get("title") or attrs.get("text", "")
        url = attrs.get("xmlurl", "")
        if url.lower().startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            feeds.append(OpmlFeed(url, title, attrs.get("htmlurl", ""), category))
        # An outline without a feed is a folder: its title becomes its children's category.
        child_category = category if url else (title or category)
        stack.extend((child, child_category) for child in reversed(outline.findall("outline")))


def build_opml(feeds: Iterable[OpmlFeed], title: str = "Localwire feeds") -> str:
    """OPML 2.0 text; feeds with a category go into a folder outline of that name."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc), usegmt=True)
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in folders:
                folders[feed.category] = ElementTree.SubElement(
                    body, "outline", text=feed.category, title=feed.category)
            parent = folders[feed.category]
        name = feed.title or feed.xml_url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.xml_url}
        if feed.html_url:
            attrs["htmlUrl"] = feed.html_url
        ElementTree.SubElement(parent, "outline", attrs)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
