"""``feeds import-opml``: every outline checked as ``feeds add`` checks a URL, and its outcome told.

Checks run on a few threads (they wait on the network); feeds are stored one by one in file order
on the caller's thread, so the outcomes come back in the order of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from localwire.sources import actions
from localwire.sources.checking import CheckedFeed, FeedCheckError, check_feed
from localwire.sources.http import Fetcher
from localwire.sources.models import Feed
from localwire.sources.opml import OpmlFeed

ADDED, PRESENT, NO_URL = "added", "already present", "no URL"


@dataclass
class OutlineOutcome:
    kind: str  # ADDED, PRESENT, NO_URL, or a FeedCheckError kind (refused, broken, …)
    label: str  # the outline's URL, or its title when it has none
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.kind not in (ADDED, PRESENT, NO_URL)

    def line(self) -> str:
        return f"{self.kind}: {self.label}" + (f": {self.detail}" if self.detail else "")


def import_outlines(outlines: list[OpmlFeed], fetcher: Fetcher, workers: int = 4) -> Iterator[OutlineOutcome]:
    todo = _needing_a_check(outlines)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="opml") as pool:
        # map yields in the order given, which is file order: each outcome is told as soon as
        # its own check and those before it are done.
        checks = pool.map(lambda item: _check(item.xml_url, fetcher), todo.values())
        for n, outline in enumerate(outlines):
            if not outline.xml_url:
                yield OutlineOutcome(NO_URL, repr(outline.title or "(untitled outline)"), "skipped")
            elif n in todo:
                yield _store(outline, next(checks))
            else:
                yield OutlineOutcome(PRESENT, outline.xml_url)


def _needing_a_check(outlines: list[OpmlFeed]) -> dict[int, OpmlFeed]:
    """The outlines whose URL is new: neither stored already nor earlier in the file."""
    urls = [o.xml_url for o in outlines if o.xml_url]
    stored = set(Feed.objects.filter(url__in=urls).values_list("url", flat=True))
    todo, seen = {}, set(stored)
    for n, outline in enumerate(outlines):
        if outline.xml_url and outline.xml_url not in seen:
            todo[n] = outline
            seen.add(outline.xml_url)
    return todo


def _check(url: str, fetcher: Fetcher) -> CheckedFeed | FeedCheckError:
    try:
        return check_feed(url, fetcher)
    except FeedCheckError as exc:
        return exc


def _store(outline: OpmlFeed, checked: CheckedFeed | FeedCheckError) -> OutlineOutcome:
    if isinstance(checked, FeedCheckError):
        return OutlineOutcome(checked.kind, outline.xml_url, str(checked))
    # An outline's htmlUrl is the file's word only: taken when it is an http(s) address.
    page = outline.html_url if outline.html_url.startswith(("http://", "https://")) else ""
    feed, created = actions.add_feed(checked.url, outline.title, checked.title, page or checked.site_url)
    if not created:
        return OutlineOutcome(PRESENT, outline.xml_url, f"as {feed.url}")
    return OutlineOutcome(ADDED, feed.url, "; ".join(filter(None, [feed.publisher.name, checked.warning])))
