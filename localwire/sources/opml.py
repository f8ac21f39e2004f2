"""OPML 2.0 import and export, so operators and readers can move their feed lists in and out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Iterable
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from localwire.sources.errors import OpmlError

__all__ = ["OpmlError", "OpmlFeed", "build_opml", "parse_opml", "parse_outlines", "xml_safe"]

# Characters XML 1.0 cannot carry even escaped; ElementTree writes them raw, and the file no longer parses.
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(document: str) -> str:
    """An ElementTree-written document without the control characters a name from a feed may carry."""
    return _XML_FORBIDDEN.sub("", document)


@dataclass
class OpmlFeed:
    xml_url: str
    title: str = ""
    html_url: str = ""
    category: str = ""


def parse_opml(body: bytes) -> list[OpmlFeed]:
    """Every outline with an http(s) xmlUrl, once each, nested folders flattened into ``category``."""
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in parse_outlines(body):
        if outline.xml_url.startswith(("http://", "https://")) and outline.xml_url not in seen:
            seen.add(outline.xml_url)
            feeds.append(outline)
    return feeds


def parse_outlines(body: bytes) -> list[OpmlFeed]:
    """Every outline that stands for a feed, in file order, as written: with an xmlUrl of any kind,
    or none at all (a leaf outline without one). Folders (outlines holding outlines) are read
    through, their title becoming ``category``. For importers that report each outline."""
    try:
        root = SafeET.fromstring(body)
    except (DefusedXmlException, ElementTree.ParseError) as exc:
        raise OpmlError(f"not a readable OPML file: {exc}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file: the root element is <{root.tag}>")
    body_el = root.find("body")
    if body_el is None:
        raise OpmlError("not an OPML file: it has no <body>")
    outlines: list[OpmlFeed] = []
    _walk(body_el, "", outlines)
    return outlines


def _walk(element, category: str, outlines: list[OpmlFeed]) -> None:
    for outline in element.findall("outline"):
        attrs = {k.lower(): (v or "").strip() for k, v in outline.attrib.items()}
        title = attrs.get("title") or attrs.get("text", "")
        url = attrs.get("xmlurl", "")
        if url or not outline.findall("outline"):
            outlines.append(OpmlFeed(url, title, attrs.get("htmlurl", ""), category))
        _walk(outline, title if not url else category, outlines)


def build_opml(feeds: Iterable[OpmlFeed], title: str = "Localwire feeds") -> str:
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title or feed.xml_url, "title": feed.title or feed.xml_url,
                 "xmlUrl": feed.xml_url}
        if feed.html_url:
            attrs["htmlUrl"] = feed.html_url
        ElementTree.SubElement(body, "outline", attrs)
    ElementTree.indent(root)
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n")
