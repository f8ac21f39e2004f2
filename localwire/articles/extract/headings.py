"""Subheadings put back: on some layouts trafilatura keeps a story's paragraphs but none of the
headings between them (FAQ questions, "What happens next"), which are part of what the story says.

When the extracted text has no heading at all, a heading on the page whose next element starts a
paragraph (or list) of that text, and whose own words are not in it yet, is put back right before
that block.
"""

from __future__ import annotations

from localwire.articles.extract.body import Block, is_boilerplate, is_byline, norm
from localwire.articles.extract.furniture import in_furniture
from localwire.articles.extract.metadata import anchor_key
from localwire.articles.extract.patterns import SUBHEADING_XPATH
from localwire.articles.extract.thresholds import ANCHOR_CHARS, MAX_SUBHEADING_CHARS


def restore_headings(tree, blocks: list[Block]) -> list[Block]:
    if any(block.kind == "h" for block in blocks):
        return blocks  # trafilatura kept the page's headings; only layouts where it lost them all are mended
    starts: dict[str, int] = {}
    for index, block in enumerate(blocks):
        if block.kind in ("p", "list", "quote"):
            starts.setdefault(anchor_key((block.items[0] if block.items else block.text)[: 2 * ANCHOR_CHARS]), index)
    if not starts:
        return blocks
    present = " ".join(norm(b.text) for b in blocks if b.kind != "img")
    before: dict[int, Block] = {}
    for heading in SUBHEADING_XPATH(tree):
        text = " ".join(heading.text_content().split())
        following = heading.getnext()
        if not text or len(text) > MAX_SUBHEADING_CHARS or following is None or norm(text) in present:
            continue
        index = starts.get(anchor_key(following.text_content()[: 2 * ANCHOR_CHARS]))
        if index is None or index in before or (index and blocks[index - 1].kind == "h"):
            continue
        if not (is_boilerplate(text) or is_byline(text) or in_furniture(heading)):
            before[index] = Block("h", text=text)
    if not before:
        return blocks
    restored: list[Block] = []
    for index, block in enumerate(blocks):
        if index in before:
            restored.append(before[index])
        restored.append(block)
    return restored
