"""From trafilatura's main-content tree to clean blocks, images in place, text and HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from localwire.articles.extract.bylines import normalise_byline
from localwire.articles.extract.metadata import Figure, anchor_key
from localwire.articles.extract.patterns import (
    BODY_BYLINE, BOILERPLATE_ANYWHERE, BOILERPLATE_AT_START, CAPTION_CREDIT, CREDIT_ONLY, JUNK_IMAGE, NUMBERED_ITEM,
)
from localwire.articles.extract.thresholds import (
    ANCHOR_CHARS, BOILERPLATE_MAX_CHARS, BYLINE_MAX_CHARS, BYLINE_SCAN_BLOCKS, MAX_TREE_DEPTH,
)
from localwire.document import ImageRef

_WS = re.compile(r"\s+")

# trafilatura's output vocabulary: elements that are one block each, inline ones (whose text joins
# the surrounding run), and boundaries that still separate words ("<lb/>", items and cells).
_BLOCK_KINDS = {"p": "p", "head": "h", "quote": "quote", "code": "p"}
_INLINE = {"hi", "ref", "lb", "del", "span", "a", "b", "i", "em", "strong", "sub", "sup", "br", "abbr"}
_WORD_BREAKS = {"lb", "item", "cell", "row", "p", "head", "list", "quote", "br", "li", "td", "th", "tr", "div"}
_BLOCK_CHILDREN = {"p", "head", "list", "quote", "code", "table", "div", "row", "cell", "graphic"}


@dataclass
class Block:
    kind: str  # "p", "h", "list", "quote", "img"
    text: str = ""
    items: list[str] = field(default_factory=list)
    src: str = ""
    alt: str = ""
    ordered: bool = False  # a numbered list: its numbers are part of what it says ("3. Bring water")


def blocks_from_tree(container, blocks: list[Block] | None = None, depth: int = 0) -> list[Block]:
    """Flatten trafilatura's XML body into reading-order blocks.

    Containers (div, table rows and cells, nested sections) are walked rather than
    listed by name, so a layout table holding the whole story is read, not dropped;
    loose text between blocks (a tail after a heading) becomes a paragraph of its own.
    """
    blocks = [] if blocks is None else blocks
    run = [container.text or ""]
    for el in container.iterchildren():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _INLINE:
            run += [" " if tag in _WORD_BREAKS else "", _text(el) if tag else "", el.tail or ""]
            continue
        _flush(run, blocks)
        run = [el.tail or ""]
        if tag == "graphic":
            blocks.append(Block("img", src=el.get("src", ""), alt=el.get("alt") or ""))
        elif tag == "list":
            items = [i for i in (_text(item) for item in el.iterchildren("item")) if i]
            if items:
                blocks.append(Block("list", text="\n".join(items), items=items, ordered=el.get("rend") == "ol"))
        elif tag in _BLOCK_KINDS or depth >= MAX_TREE_DEPTH:
            _flush([_text(el)], blocks, _BLOCK_KINDS.get(tag, "p"))
        elif tag == "row" and not any(c.tag in _BLOCK_CHILDREN for cell in el for c in cell):
            _flush([_text(el)], blocks)  # a data-table row: one line, cells apart
        elif not any(isinstance(c.tag, str) and c.tag not in _INLINE for c in el):
            _flush([_text(el)], blocks)  # a container holding only inline text is itself a paragraph
        else:
            blocks_from_tree(el, blocks, depth + 1)
    _flush(run, blocks)
    return blocks


def _flush(run: list[str], blocks: list[Block], kind: str = "p") -> None:
    text = " ".join("".join(run).split())
    if text:
        blocks.append(Block(kind, text=text))


def blocks_from_fragment(fragment_tree) -> list[Block]:
    """Blocks from an HTML fragment (a feed's own content) without trafilatura."""
    blocks = []
    for el in fragment_tree.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "img"):
        if el.tag == "img":
            blocks.append(Block("img", src=el.get("src", ""), alt=el.get("alt", "")))
            continue
        text = _text(el)
        if text:
            blocks.append(Block("h" if el.tag[0] == "h" else "p", text=text))
    if not blocks:
        text = _text(fragment_tree)
        blocks = [Block("p", text=part) for part in re.split(r"\n\s*\n", text) if part.strip()]
    return blocks


def _text(el) -> str:
    """Text of an element with a space wherever a line break or nested block separated words."""
    if not len(el):  # most paragraphs: no markup inside
        return " ".join((el.text or "").split())
    parts: list[str] = []
    _collect(el, parts, 0)
    return " ".join("".join(parts).split())


def _collect(el, parts: list[str], depth: int) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        breaks = isinstance(child.tag, str) and child.tag in _WORD_BREAKS
        if breaks:
            parts.append(" ")
        if depth < MAX_TREE_DEPTH and isinstance(child.tag, str):
            _collect(child, parts, depth + 1)
        if breaks:
            parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def is_boilerplate(text: str) -> bool:
    if len(text) > BOILERPLATE_MAX_CHARS:
        return False
    return bool(BOILERPLATE_AT_START.match(text) or BOILERPLATE_ANYWHERE.search(text) or CREDIT_ONLY.match(text))


def clean_blocks(blocks: list[Block], title: str, captions: set[str]) -> tuple[list[Block], list[str]]:
    """Drop furniture; return the kept blocks and any byline lines found in the body."""
    kept: list[Block] = []
    bylines: list[str] = []
    norm_title = norm(title)
    text_seen = 0
    for block in blocks:
        if block.kind == "img":
            kept.append(block)
            continue
        text = block.text
        if text_seen == 0 and norm_title and norm(text) == norm_title:
            continue  # the headline repeated as the first line
        if len(text) < BYLINE_MAX_CHARS and is_byline(text):
            if text_seen < BYLINE_SCAN_BLOCKS:  # the story's own; further down, an author box or a teaser's
                bylines.append(text)
            continue
        if block.kind == "p" and captions and norm(text) in captions:
            continue  # a caption repeated as a paragraph
        if block.kind == "list":
            block.items = [i for i in block.items if not is_boilerplate(i)]
            if not block.items:
                continue
            block.text = "\n".join(block.items)
        elif is_boilerplate(text):
            continue
        kept.append(block)
        text_seen += 1
    return kept, bylines


def is_byline(text: str) -> bool:
    """'By Ana Ruiz' is a byline; 'By now, most readers know…' is the story."""
    if not BODY_BYLINE.match(text):
        return False
    parsed = normalise_byline(text)
    return bool(parsed.authors or parsed.agency)


def split_credit(caption: str) -> tuple[str, str]:
    """'Crews work. (MP Photo/Dana Whitfield)' → ('Crews work.', '(MP Photo/Dana Whitfield)')."""
    caption = _WS.sub(" ", caption or "").strip()
    match = CAPTION_CREDIT.search(caption)
    if not match or match.start() == 0:
        return caption, ""
    return caption[: match.start()].strip(), match.group(0).strip(" |–—-")


def collect_images(blocks: list[Block], page_url: str, figures: list[Figure], lead: str) -> list[ImageRef]:
    """Pictures in reading order: the page's figures placed by their anchor paragraphs, plus any
    images already in the blocks (feed content); og:image as the lead when the story has none."""
    images: list[ImageRef] = []
    positions: dict[str, int] = {}
    position = 0
    for block in blocks:
        if block.kind == "img":
            _add(images, page_url, block.src, block.alt, position)
            continue
        if figures:  # anchors are only worth computing when there is a picture to place
            first = block.items[0] if block.items else block.text
            positions.setdefault(anchor_key(first[: 2 * ANCHOR_CHARS]), position)
        position += 1
    for figure in figures:
        if figure.next_anchor and figure.next_anchor in positions:
            _add(images, page_url, figure.src, figure.caption, positions[figure.next_anchor])
        elif figure.previous_anchor and figure.previous_anchor in positions:
            _add(images, page_url, figure.src, figure.caption, positions[figure.previous_anchor] + 1)
    images.sort(key=lambda image: image.position)  # stable: page order within one position
    if not images and lead:
        caption = next((f.caption for f in figures if urljoin(page_url, f.src) == urljoin(page_url, lead)), "")
        _add(images, page_url, lead, caption, 0)
    return images


def _add(images: list[ImageRef], page_url: str, src: str, caption: str, position: int) -> None:
    src = urljoin(page_url, (src or "").strip())
    if not src.startswith(("http://", "https://")) or JUNK_IMAGE.search(src):
        return
    if any(image.src == src for image in images):
        return
    caption, credit = split_credit(caption)
    images.append(ImageRef(src=src, caption=caption, credit=credit, position=position))


def render(blocks: list[Block], images: list[ImageRef]) -> tuple[str, str]:
    """Plain text (paragraphs split by a blank line) and body HTML with figures in place."""
    texts: list[str] = []
    parts: list[str] = []
    by_position: dict[int, list[ImageRef]] = {}
    for image in images:
        by_position.setdefault(image.position, []).append(image)
    position = 0
    for block in blocks:
        if block.kind == "img":
            continue
        parts.extend(_figure(image) for image in by_position.pop(position, []))
        texts.append("\n".join(_numbered(block.items)) if block.ordered else block.text)
        parts.append(_block_html(block))
        position += 1
    for rest in by_position.values():
        parts.extend(_figure(image) for image in rest)
    return "\n\n".join(texts), "\n".join(parts)


def _block_html(block: Block) -> str:
    esc = html.escape
    if block.kind == "h":
        return f"<h2>{esc(block.text)}</h2>"
    if block.kind == "quote":
        return f"<blockquote><p>{esc(block.text)}</p></blockquote>"
    if block.kind == "list":
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + f"</{tag}>"
    return f"<p>{esc(block.text)}</p>"


def _numbered(items: list[str]) -> list[str]:
    """A numbered list's items with their numbers, unless the page already wrote them in."""
    if all(NUMBERED_ITEM.match(item) for item in items):
        return items
    return [f"{number}. {item}" for number, item in enumerate(items, 1)]


def _figure(image: ImageRef) -> str:
    esc = html.escape
    caption = esc(image.caption)
    if image.credit:
        caption = f"{caption} <small>{esc(image.credit)}</small>".strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{esc(image.src)}" alt="{esc(image.caption[:200])}">{figcaption}</figure>'


def norm(text: str) -> str:
    """Lower-case words only: how paragraphs, captions and titles are compared."""
    return re.sub(r"[\W_]+", " ", text or "").strip().lower()
