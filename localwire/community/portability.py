"""Export a reader's follows as a file and import them again, here or on another Localwire site.

Two formats (schemas in docs/accounts.md):

- JSON, ``{"format": "localwire-follows", "version": 1, ...}``: follows and mutes by kind and slug,
  and the reader's reading history, profile and comments (exported so a reader sees all we keep;
  imports ignore them, as article ids mean nothing on another site).
- OPML 2.0 for feed readers: a folder per kind of follow, and in it one outline per followed
  channel or publisher with this site's RSS feed for it as ``xmlUrl`` and its page here as
  ``htmlUrl``. Mutes are not in OPML; feed readers have no such thing.

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
from django.urls import Resolver404, resolve, reverse

from localwire.community import actions, reading
from localwire.community.models import Comment, Follow, Profile
from localwire.feeds.links import feed_paths
from localwire.sources.models import Feed, Publisher
from localwire.sources.opml import xml_safe

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
        "profile": _profile(user),
        "comments": [_comment(c) for c in Comment.objects.filter(user=user).select_related("article")
                     .order_by("created_at", "id")],
    }


def _profile(user) -> dict:
    """What the reader set about themselves; the home city by its GeoNames id and label."""
    profile = Profile.objects.filter(user=user).first()
    home = {"geonameid": profile.home_geonameid, "label": profile.home_label} if profile and profile.home_geonameid else None
    return {"username": user.get_username(), "email": user.email, "display_name": profile.display_name if profile else "",
            "home": home}


def _comment(row: Comment) -> dict:
    return {"id": row.pk, "article_id": row.article_id, "article_title": row.article.title,
            "url": reverse("article", kwargs={"pk": row.article_id}), "parent_id": row.parent_id,
            "body": row.body, "status": row.status, "created_at": row.created_at.isoformat(timespec="seconds"),
            "edited_at": row.edited_at.isoformat(timespec="seconds") if row.edited_at else None}


def _read(row) -> dict:
    return {"article_id": row.article_id, "title": row.article.title,
            "url": row.article.get_absolute_url(), "publisher": row.article.publisher.name,
            "first_read_at": row.first_read_at.isoformat(timespec="seconds")}


def export_opml(user, absolute) -> str:
    """OPML 2.0 a feed reader can subscribe to: one folder per kind of follow (no empty ones), and
    in each one outline per followed channel or publisher whose ``xmlUrl`` is this site's RSS feed
    for it and ``htmlUrl`` its page here. ``absolute`` turns a site path into a full URL
    (``request.build_absolute_uri``), as the feeds themselves are addressed."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "Localwire follows"
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ElementTree.SubElement(root, "body")
    for kind, label, rows in actions.group_by_kind(r for r in _rows(user) if not r.muted):
        folder = ElementTree.SubElement(body, "outline", text=label, title=label)
        for row in rows:
            target = row.target
            ElementTree.SubElement(folder, "outline", type="rss", text=target.name, title=target.name,
                                   xmlUrl=absolute(feed_paths(target)["rss"]), htmlUrl=absolute(_page_of(target)),
                                   category=kind)
    ElementTree.indent(root)
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n")


def _page_of(target) -> str:
    if isinstance(target, Publisher):
        return reverse("publisher", kwargs={"slug": target.slug})
    return target.get_absolute_url()


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
    """By a feed this site polls, by a Localwire feed or page address (``/c/<kind>/<slug>/feed.rss``,
    ``/publisher/<slug>/``: from this site or another Localwire one), or by a publisher's website."""
    if xml_url:
        feed = Feed.objects.select_related("publisher").filter(url=xml_url[:2000]).first()
        if feed:
            return Entry(actions.PUBLISHER, feed.publisher.slug)
    for url in (xml_url, html_url):
        entry = _localwire_address(url)
        if entry:
            return entry
    if html_url:
        site = Publisher.objects.filter(website=html_url[:500]).first()
        if site:
            return Entry(actions.PUBLISHER, site.slug)
    return None


LOCALWIRE_ADDRESSES = {"channel": None, "channel_feed": None, "publisher": actions.PUBLISHER,
                       "publisher_feed": actions.PUBLISHER}


def _localwire_address(url: str) -> Entry | None:
    """The channel or publisher a Localwire page or feed address names."""
    if not url:
        return None
    try:
        match = resolve(urlsplit(url[:2000]).path)
    except Resolver404:
        return None
    if match.url_name not in LOCALWIRE_ADDRESSES:
        return None
    return Entry(LOCALWIRE_ADDRESSES[match.url_name] or match.kwargs["kind"], match.kwargs["slug"])


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
