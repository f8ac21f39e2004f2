"""Article extraction: trafilatura for the main content, then Localwire's own clean-up.

    load → page metadata → trafilatura (once) → clean blocks → bylines → images → text/HTML

``extract`` never raises on hostile input: garbage in gives a sparse
``Extracted`` out, and the caller falls back to the feed's own content.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Iterable

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from localwire.articles.extract import body
from localwire.articles.extract.bylines import Byline, agency_index, author_handle, normalise_byline
from localwire.articles.extract.headings import restore_headings
from localwire.articles.extract.headlines import without_section
from localwire.articles.extract.metadata import PageMeta, read_metadata
from localwire.articles.extract.patterns import DATELINE_AGENCY, DATELINE_PREFIX, PARAGRAPH_TEXT_XPATH
from localwire.articles.extract.sanitize import sanitize_html
from localwire.articles.extract.thresholds import (
    DATELINE_SCAN_CHARS, LOW_COVERAGE, MIN_BODY_WORDS, SUMMARY_CHARS,
)
from localwire.articles.extract.urls import canonical_url, strip_tracking
from localwire.document import Extracted, FeedEntry
from localwire.sources.titles import entry_title

__all__ = ["EXTRACTOR_VERSION", "Byline", "extract", "normalise_byline", "plain_text", "sanitize_html",
           "strip_tracking"]

# Bump the Localwire part whenever output for the same page changes (stored rows are re-extracted).
EXTRACTOR_VERSION = f"lw-1.3+trafilatura-{trafilatura.__version__}"
log = logging.getLogger(__name__)


def extract(page: bytes | str, url: str, *, agencies: Iterable[str] = (),
            feed_entry: FeedEntry | None = None) -> Extracted:
    agencies = [a for a in agencies if isinstance(a, str)]
    result, sections = Extracted(url=url, canonical_url=url), []
    try:
        tree = _load(page)
        if tree is not None:
            meta = read_metadata(tree, url)
            sections = meta.sections
            result = _assemble(url, meta, _trafilatura(tree, url), agencies, tree)
    except Exception:  # hostile pages must not stop ingest; log and fall back
        log.exception("extraction failed for %s", url)
    if feed_entry is not None:
        try:
            _fill_from_feed(result, feed_entry, agencies)
        except Exception:
            log.exception("feed fallback failed for %s", url)
    result.title = without_section(result.title, sections)  # from the page or, failing that, the feed
    return result


def _load(page: bytes | str):
    """Parse once with trafilatura's loader (charset from BOM/meta, repairs) and share the tree."""
    if not page or not page.strip():
        return None
    try:
        return load_html(page)
    except (TypeError, ValueError, lxml.etree.ParserError):
        return None


def _trafilatura(tree, url: str):
    """trafilatura's main text, recall first, its balanced mode where recall found little.

    Recall mode keeps the lists, tables and short paragraphs a story has and skips the comparison
    with readability once it has found enough text, which makes it the faster mode too. When it
    found under ``LOW_COVERAGE`` of the page's paragraph text it has stopped on a fragment (a
    teaser, one box of a layout); the balanced mode, which does compare, is then asked as well and
    the longer of the two is kept.
    """
    # The parsed tree is handed over (no second parse); metadata was read from it first.
    # Comments are not the story. include_images is left off: it changes which text trafilatura
    # keeps, for the worse on the benchmark; pictures are put back from the page (body.collect_images).
    options = dict(url=url, include_comments=False, include_tables=True, with_metadata=False, output_format="python")
    doc = trafilatura.bare_extraction(tree, favor_recall=True, **options)
    found = len(doc.text or "") if doc is not None else 0
    if found < LOW_COVERAGE * _paragraph_chars(tree):
        balanced = trafilatura.bare_extraction(tree, **options)
        if balanced is not None and len(balanced.text or "") > found:
            return balanced
    return doc


def _paragraph_chars(tree) -> int:
    """Characters of text in the page's <p> elements (spaces too): what a page offers as prose."""
    return sum(len(text.strip()) for text in PARAGRAPH_TEXT_XPATH(tree))


def _assemble(url: str, meta: PageMeta, doc, agencies: list[str], tree) -> Extracted:
    raw_blocks = body.blocks_from_tree(doc.body) if doc is not None and doc.body is not None else []
    captions = {body.norm(c) for c in meta.captions.values()}
    captions |= {body.norm(body.split_credit(c)[0]) for c in meta.captions.values()}
    blocks, body_bylines = body.clean_blocks(raw_blocks, meta.title, captions)
    blocks = restore_headings(tree, blocks)
    images = body.collect_images(blocks, url, meta.figures, meta.lead_image)
    text, html = body.render(blocks, images)
    # trafilatura's own author search is not used: it costs about a third of its extraction
    # time and finds mostly the names the sources in _byline already have.
    byline = _byline(meta, body_bylines, agencies)
    return Extracted(
        url=url, canonical_url=canonical_url(url, meta.canonical), title=meta.title,
        authors=byline.authors, agency=byline.agency or _dateline_agency(text, agencies),
        published_at=meta.published, updated_at=meta.modified,
        language=meta.language or (getattr(doc, "language", None) or ""),
        summary=_summary(meta.description, text), text=text, html=sanitize_html(html), images=images,
        site_name=meta.site_name or (getattr(doc, "sitename", None) or ""),
    )


def _byline(meta: PageMeta, body_bylines: list[str], agencies: list[str]) -> Byline:
    """Structured authors first (JSON-LD/meta), then the page's byline elements, then the body."""
    # The outlet's own name in a byline ("Sam Lee, Cascade Public Radio") is not an author,
    # unless it is all there is (a personal site is named after its writer).
    outlet = (meta.site_name or "").lower()
    sources = [(a, True) for a in meta.authors] + [(t, False) for t in (*meta.byline_texts, *body_bylines)]
    for organisation in meta.organisations:  # a wire named as the author organisation
        found_agency = normalise_byline(organisation, agencies).agency
        if found_agency:
            sources.append((found_agency, False))
            break
    found, outlet_named = Byline(), []
    for source, structured in sources:
        parsed = normalise_byline(source, agencies, single_names=structured)
        names = [a for a in parsed.authors if a.lower() != outlet]
        outlet_named += [a for a in parsed.authors if a.lower() == outlet]
        if structured:
            found.authors += [n for n in names if n not in found.authors]
        elif names and not found.authors:
            found.authors = names
        found.agency = found.agency or parsed.agency
    # Last, the user name a page's own author field gives ("jsteinhardt"): better than no byline.
    found.authors = found.authors or outlet_named[:1] or [h for h in map(author_handle, meta.authors) if h][:1]
    return found


def _dateline_agency(text: str, agencies: list[str]) -> str:
    """'LITTLE ROCK, Ark. (MP) —' names the agency; a republisher's intro may come first."""
    index = agency_index(agencies)
    for paragraph in text.split("\n\n")[:2]:
        match = DATELINE_AGENCY.match(paragraph[:DATELINE_SCAN_CHARS])
        if match and match.group(1).strip().lower() in index:
            return index[match.group(1).strip().lower()]
    return ""


def _summary(description: str, text: str) -> str:
    """The page's own description, else the first paragraph without its dateline."""
    summary = description or DATELINE_PREFIX.sub("", text.split("\n\n", 1)[0])
    if len(summary) <= SUMMARY_CHARS:
        return summary
    cut = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _fill_from_feed(result: Extracted, entry: FeedEntry, agencies: list[str]) -> None:
    """When the page gave no story, the feed's own content and fields are kept."""
    if len(result.text.split()) < MIN_BODY_WORDS:
        fragment = entry.content_html or entry.summary
        if fragment and len(plain_text(fragment).split()) > len(result.text.split()):
            blocks = _feed_blocks(fragment, result.title or entry.title)
            images = body.collect_images(blocks, entry.url or result.url, [], entry.image_url)
            result.text, html = body.render(blocks, images)
            result.html, result.images = sanitize_html(html), images
            result.summary = result.summary or _summary("", result.text)
            if not result.agency:
                result.agency = _dateline_agency(result.text, agencies)
    result.title = entry_title(result.title, entry)
    if not result.authors and entry.authors:
        parsed = normalise_byline("; ".join(entry.authors), agencies)
        result.authors = parsed.authors
        result.agency = result.agency or parsed.agency
    result.published_at = result.published_at or entry.published_at
    result.updated_at = result.updated_at or entry.updated_at
    if not result.images and entry.image_url.startswith(("http://", "https://")):
        result.images = body.collect_images([], entry.url or result.url, [], entry.image_url)


def _feed_blocks(fragment: str, title: str) -> list[body.Block]:
    try:
        tree = lxml.html.fragment_fromstring(sanitize_html(fragment), create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    blocks, _ = body.clean_blocks(body.blocks_from_fragment(tree), title, set())
    return blocks


def plain_text(markup: str) -> str:
    """The words of an HTML fragment (a feed's summary or content), tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup or ""))
