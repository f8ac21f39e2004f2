"""Where a page prints its byline, for pages that declare no author in JSON-LD or meta tags.

Three places, most explicit first: elements the page marks as a byline or author (class, rel,
itemprop); links to an author's page (``/author/ana-ruiz``); and a "By" or "Written by" label,
with the name after it in the same element or the next one. Text is read with a line break at
every block boundary, so ``<div>By</div><div>Summer Swann</div><div>AI Writer</div>`` reaches the
normaliser as three lines, not as "BySummer SwannAI Writer".
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from localwire.articles.extract.furniture import in_furniture
from localwire.articles.extract.patterns import (
    AUTHOR_LINK_XPATH, BYLINE_BLOCK_TAGS, BYLINE_LABEL, BYLINE_LABEL_ALONE, BYLINE_LABEL_CANDIDATES_XPATH,
    BYLINE_XPATH,
)
from localwire.articles.extract.thresholds import (
    BYLINE_ELEMENT_MAX_CHARS, LABEL_SCAN_CHARS, MAX_AUTHOR_LINKS, MAX_BYLINE_ELEMENTS, MAX_BYLINE_LABELS,
)


def byline_texts(tree, url: str = "") -> list[str]:
    """Candidate byline lines in order of trust; the normaliser decides which hold names."""
    texts: list[str] = []
    for el in BYLINE_XPATH(tree)[:MAX_BYLINE_ELEMENTS]:
        _add(texts, block_text(el))
    for links in _author_links(tree, url):
        _add(texts, "\n".join(block_text(link) or _image_alt(link) for link in links))
    for label in _labels(tree):
        _add(texts, _labelled_byline(label))
    return texts


def _labels(tree) -> list:
    """Up to MAX_BYLINE_LABELS pieces of text that open with a byline label, outside page furniture."""
    found = []
    for text in BYLINE_LABEL_CANDIDATES_XPATH(tree):
        if len(text) < LABEL_SCAN_CHARS and BYLINE_LABEL.match(text.strip()) and not in_furniture(text.getparent()):
            found.append(text)
            if len(found) == MAX_BYLINE_LABELS:
                break
    return found


def _add(texts: list[str], text: str) -> None:
    if 2 < len(text) <= BYLINE_ELEMENT_MAX_CHARS and text not in texts:
        texts.append(text)


def block_text(el) -> str:
    """The element's text, one line per block it holds, spaces collapsed within each line."""
    parts: list[str] = []
    _collect(el, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(el, parts: list[str]) -> None:
    block = isinstance(el.tag, str) and el.tag in BYLINE_BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _author_links(tree, url: str) -> list[list]:
    """Links to author pages on the page's own site, those in one line or list together (co-authors)."""
    groups: dict = {}
    for link in AUTHOR_LINK_XPATH(tree):
        if _on_site(link.get("href", ""), url):
            holder = next((a for a in link.iterancestors() if a.tag in BYLINE_BLOCK_TAGS and a.tag != "li"), None)
            groups.setdefault(holder, []).append(link)
    return list(groups.values())[:MAX_AUTHOR_LINKS]


def _on_site(href: str, page_url: str) -> bool:
    """An author's page is on the publisher's own site; a social network's profile is not a byline."""
    host = urlsplit(urljoin(page_url, href.strip())).hostname or ""
    page_host = urlsplit(page_url).hostname or ""
    return not page_host or host.removeprefix("www.") == page_host.removeprefix("www.")


def _image_alt(link) -> str:
    return next((" ".join(img.get("alt", "").split()) for img in link.iter("img") if img.get("alt")), "")


def _labelled_byline(label) -> str:
    """'By Ana Ruiz' in one element, or 'Written by' in one and the name in the next."""
    owner = label.getparent()
    if owner is None:
        return ""
    if label.is_tail:  # "<i class=icon></i> By <a>Ana Ruiz</a>": the label and name share the parent
        owner = owner.getparent() if owner.getparent() is not None else owner
    text = block_text(owner)
    if BYLINE_LABEL_ALONE.match(text):  # the label stands alone: the name comes next
        following = owner.getnext()
        if following is None and owner.getparent() is not None:
            following = owner.getparent().getnext()
        text = block_text(following) if following is not None else ""
    return text
