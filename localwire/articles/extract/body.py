"""From trafilatura's main-content tree to clean blocks, images in place, text and HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from localwire.articles.extract.patterns import (
    BOILERPLATE_ANYWHERE, BOILERPLATE_AT_START, BOILERPLATE_MAX_CHARS, CAPTION_CREDIT, CREDIT_ONLY, JUNK_IMAGE,
)
from localwire.pipeline.document import ImageRef

_WS = re.compile(r"\s+")
_BYLINE_START = re.compile(r"^(by|written by|story by|reporting by)\s+\S", re.I)


@dataclass
class Block:
    kind: str  # "p", "h", "list", "quote", "img"
    text: str = ""
    items: list[str] = field(default_factory=list)
    src: str = ""
    alt: str = ""


def blocks_from_tree(body, blocks: list[Block] | None = None, depth: int = 0) -> list[Block]:
    blocks = [] if blocks is None else blocks
    for el in body.iterchildren():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "graphic":
            blocks.append(Block("img", src=el.get("src", ""), alt=el.get("alt") or el.get("title") or ""))
            continue
        for graphic in el.iter("graphic"):  # images nested in paragraphs
            blocks.append(Block("img", src=graphic.get("src", ""), alt=graphic.get("alt") or ""))
        if tag == "list":
            items = [_text(item) for item in el.iterchildren("item")]
            items = [i for i in items if i]
            if items:
                blocks.append(Block("list", text="\n".join(items), items=items))
        elif tag == "table":
            text = _WS.sub(" ", " ".join(el.itertext())).strip()
            if text:
                blocks.append(Block("p", text=text))
        elif tag in ("div", "section", "main", "article", "body", "doc") and depth < 20:
            blocks_from_tree(el, blocks, depth + 1)  # fallback extractors nest their output
        elif tag in ("p", "head", "quote", "code"):
            text = _text(el)
            if text:
                kind = {"head": "h", "quote": "quote"}.get(tag, "p")
                blocks.append(Block(kind, text=text))
    return blocks


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
    return _WS.sub(" ", "".join(el.itertext())).strip()


def is_boilerplate(text: str) -> bool:
    if len(text) > BOILERPLATE_MAX_CHARS:
        return False
    return bool(BOILERPLATE_AT_START.match(text) or BOILERPLATE_ANYWHERE.search(text)
                or CREDIT_ONLY.match(text))


def clean_blocks(blocks: list[Block], title: str, captions: set[str]) -> tuple[list[Block], list[str]]:
    """Drop furniture; return the kept blocks and any byline lines found in the body."""
    kept: list[Block] = []
    bylines: list[str] = []
    norm_title = _norm(title)
    text_seen = 0
    for block in blocks:
        if block.kind == "img":
            kept.append(block)
            continue
        text = block.text
        if text_seen == 0 and norm_title and _norm(text) == norm_title:
            continue
        if text_seen < 4 and len(text) < 150 and _BYLINE_START.match(text):
            bylines.append(text)
            continue
        if captions and _norm(text) in captions:
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


def split_credit(caption: str) -> tuple[str, str]:
    """'Crews work. (MP Photo/Dana Whitfield)' → ('Crews work.', '(MP Photo/Dana Whitfield)')."""
    caption = _WS.sub(" ", caption or "").strip()
    match = CAPTION_CREDIT.search(caption)
    if not match or match.start() == 0:
        return caption, ""
    return caption[: match.start()].strip(), match.group(0).strip(" |–—-")


def collect_images(blocks: list[Block], page_url: str, captions: dict[str, str], lead: str) -> list[ImageRef]:
    absolute_captions = {urljoin(page_url, src): cap for src, cap in captions.items()}
    images: list[ImageRef] = []
    position = 0
    for block in blocks:
        if block.kind != "img":
            position += 1
            continue
        src = urljoin(page_url, block.src.strip())
        if not src.startswith(("http://", "https://")) or JUNK_IMAGE.search(src):
            continue
        if any(img.src == src for img in images):
            continue
        caption, credit = split_credit(absolute_captions.get(src) or block.alt)
        images.append(ImageRef(src=src, caption=caption, credit=credit, position=position))
    if not images and lead:
        src = urljoin(page_url, lead.strip())
        if src.startswith(("http://", "https://")) and not JUNK_IMAGE.search(src):
            caption, credit = split_credit(absolute_captions.get(src, ""))
            images.append(ImageRef(src=src, caption=caption, credit=credit, position=0))
    return images


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
        for image in by_position.pop(position, []):
            parts.append(_figure(image))
        texts.append(block.text)
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
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    return f"<p>{esc(block.text)}</p>"


def _figure(image: ImageRef) -> str:
    esc = html.escape
    caption = esc(image.caption)
    if image.credit:
        caption = f"{caption} <small>{esc(image.credit)}</small>".strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{esc(image.src)}" alt="{esc(image.caption[:200])}">{figcaption}</figure>'


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text or "").strip().lower()
