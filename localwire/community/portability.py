"""Export a reader's follows as a file and import them again, here or on another Localwire site.

Two formats (schemas in docs/accounts.md):

- JSON, ``{"format": "localwire-follows", "version": 1, ...}``: follows and mutes by kind and slug,
  and the reader's reading history (exported so a reader sees all we keep; imports ignore it,
  as article ids mean nothing on another site).
- OPML 2.0 for feed readers: one outline per followed publisher and feed, one per followed channel
  with the channel page as ``htmlUrl``. Mutes are not in OPML; feed readers have no such thing.

Imports never create channels or publishers: what does not match is reported and left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.urls import Resolver404, resolve

from localwire.community import actions, reading
from localwire.community.models import Follow
from localwire.sources.models import Feed, Publisher

FORMAT = "localwire-follows"
VERSION = 1
MAX_BYTES = 1_000_000  # an export of thousands of follows is well under this
MAX_ITEMS = 5_000


class ImportRefused(ValueError):
    """The uploaded file cannot be read as a follows export."""


@dataclass
class Entry:
    kind: str
    slug: str
    name: str = ""


@dataclass
class Report:
    followed: list[str] = field(default_factory=list)
    muted: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"followed": self.followed, "muted": self.muted, "unmatched": self.unmatched}


def _rows(user):
    return Follow.objects.filter(user=user).select_related("channel", "publisher").order_by("created_at", "id")


def _entry(row: Follow) -> dict:
    target = row.target
    return {"kind": actions.kind_of(target), "slug": target.slug, "name": target.name}


def export_json(user, site: str = "") -> dict:
    rows = list(_rows(user))
    return {
        "format": FORMAT, "version": VERSION, "site": site,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "follows": [_entry(r) for r in rows if not r.muted],
        "mutes": [_entry(r) for r in rows if r.muted],
        "reading_history": [_read(r) for r in reading.history_of(user, limit=None)],
    }


def _read(row) -> dict:
    return {"article_id": row.article_id, "title": row.article.title,
            "url": row.article.get_absolute_url(), "publisher": row.article.publisher.name,
            "first_read_at": row.first_read_at.isoformat(timespec="seconds")}


def export_opml(user, absolute) -> str:
    """``absolute`` turns a site path into a full URL (``request.build_absolute_uri``)."""
    rows = [r for r in _rows(user) if not r.muted]
    feeds: dict[int, list[Feed]] = {}
    for feed in Feed.objects.filter(publisher__in=[r.publisher_id for r in rows if r.publisher_id],
                                    enabled=True).order_by("url"):
        feeds.setdefault(feed.publisher_id, []).append(feed)
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "Localwire follows"
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ElementTree.SubElement(root, "body")
    publishers = ElementTree.SubElement(body, "outline", text="Publishers", title="Publishers")
    channels = ElementTree.SubElement(body, "outline", text="Channels", title="Channels")
    for row in rows:
        target = row.target
        page = absolute(target.get_absolute_url() if row.channel_id else f"/publisher/{target.slug}/")
        if row.publisher_id and feeds.get(row.publisher_id):
            for feed in feeds[row.publisher_id]:
                ElementTree.SubElement(publishers, "outline", type="rss", text=target.name, title=target.name,
                                       xmlUrl=feed.url, htmlUrl=target.website or page)
        else:
            # No feeds out of Localwire yet: a channel is a link to its page.
            parent = publishers if row.publisher_id else channels
            ElementTree.SubElement(parent, "outline", type="link", text=target.name, title=target.name,
                                   htmlUrl=page, category=actions.kind_of(target))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def read_upload(data: bytes) -> tuple[list[Entry], list[Entry], list[str]]:
    """(follows, mutes, unmatched descriptions) from a JSON or OPML upload; raises ImportRefused."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"the file is larger than {MAX_BYTES // 1000} kB")
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return _read_json(data)
    if head == b"<":
        return _read_opml(data)
    raise ImportRefused("the file is neither a Localwire JSON export nor an OPML file")


def _read_json(data: bytes):
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRefused(f"the JSON cannot be read: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportRefused(f'not a Localwire follows export (no "format": "{FORMAT}")')
    if doc.get("version") != VERSION:
        raise ImportRefused(f"export version {doc.get('version')!r} is not one this site reads ({VERSION})")
    lists = []
    for key in ("follows", "mutes"):
        items = doc.get(key) or []
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise ImportRefused(f'"{key}" must be a list of at most {MAX_ITEMS} entries')
        entries = []
        for item in items:
            if not (isinstance(item, dict) and isinstance(item.get("kind"), str) and isinstance(item.get("slug"), str)):
                raise ImportRefused(f'every entry in "{key}" needs a "kind" and a "slug"')
            entries.append(Entry(item["kind"][:40], item["slug"][:200], str(item.get("name") or "")[:200]))
        lists.append(entries)
    return lists[0], lists[1], []


def _read_opml(data: bytes):
    try:
        root = SafeET.fromstring(data)
    except (DefusedXmlException, ElementTree.ParseError) as exc:
        raise ImportRefused(f"the OPML cannot be read: {exc}") from None
    body = root.find("body") if root.tag.lower() == "opml" else None
    if body is None:
        raise ImportRefused("not an OPML file")
    follows: list[Entry] = []
    unmatched: list[str] = []
    outlines = list(body.iter("outline"))
    if len(outlines) > MAX_ITEMS:
        raise ImportRefused(f"the OPML has more than {MAX_ITEMS} outlines")
    for outline in outlines:
        attrs = {k.lower(): (v or "").strip() for k, v in outline.attrib.items()}
        name = attrs.get("title") or attrs.get("text") or ""
        xml_url, html_url = attrs.get("xmlurl", ""), attrs.get("htmlurl", "")
        if not (xml_url or html_url):
            continue  # a folder
        entry = _match_outline(xml_url, html_url)
        if entry:
            entry.name = name
            follows.append(entry)
        else:
            unmatched.append(name or xml_url or html_url)
    return follows, [], unmatched


def _match_outline(xml_url: str, html_url: str) -> Entry | None:
    if xml_url:
        feed = Feed.objects.select_related("publisher").filter(url=xml_url[:2000]).first()
        if feed:
            return Entry(actions.PUBLISHER, feed.publisher.slug)
    if html_url:
        path = urlsplit(html_url).path
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match and match.url_name == "channel":
            return Entry(match.kwargs["kind"], match.kwargs["slug"])
        if match and match.url_name == "publisher":
            return Entry(actions.PUBLISHER, match.kwargs["slug"])
        site = Publisher.objects.filter(website=html_url[:500]).first()
        if site:
            return Entry(actions.PUBLISHER, site.slug)
    return None


def import_entries(user, follows: list[Entry], mutes: list[Entry], unmatched: list[str] | None = None) -> Report:
    report = Report(unmatched=list(unmatched or []))
    for entries, act, done in ((follows, actions.follow, report.followed), (mutes, actions.mute, report.muted)):
        for entry in entries:
            label = f"{entry.kind}/{entry.slug}"
            try:
                target = actions.find_target(entry.kind, entry.slug)
            except actions.UnknownTarget:
                report.unmatched.append(f"{entry.name} ({label})" if entry.name else label)
                continue
            act(user, target)
            done.append(f"{target.name} ({actions.kind_of(target)}/{target.slug})")
    return report


def import_file(user, data: bytes) -> Report:
    follows, mutes, unmatched = read_upload(data)
    return import_entries(user, follows, mutes, unmatched)
