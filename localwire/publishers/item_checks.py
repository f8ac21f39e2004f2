"""What a sample of a feed's items says about the feed, as checks a publisher can act on.

Plain functions over what the article stages made of each item (``ItemFindings``): no fetching,
no database, so each rule is tested with a handful of made-up findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from localwire.contributors.holds import CopyHit

MIN_ARTICLE_WORDS = 50  # fewer words than this on a page is a teaser or a failed extraction
FEED_FULL_SHARE = 0.8  # a feed item with this share of its page's words carries the full text
PASS_SHARE = 0.8  # of the sampled items, for full text, bylines and dates to pass
IMAGE_SHARE = 0.5  # of the sampled items carrying an image; not every story has a photo
ORIGINAL_SHARE = 0.5  # more than this share of the sample must be the publisher's own: mostly original
SHOWN = 3  # failures named in a detail; more are counted


def check(name: str, ok: bool, detail: str) -> dict:
    """One check as stored and shown: ``{"name": "full_text", "ok": true, "detail": "…"}``."""
    return {"name": name, "ok": bool(ok), "detail": detail}


@dataclass
class ItemFindings:
    url: str
    title: str = ""
    feed_words: int = 0  # words of the feed's own full content (``content:encoded``, Atom content)
    page_words: int = 0  # words extracted from the article page; 0 when it could not be read
    page_error: str = ""  # why the page could not be read
    authors: list[str] = field(default_factory=list)
    dated: bool = False
    images: int = 0
    credited: int = 0  # images with a credit line
    text: str = ""  # the text the site would store
    copy: CopyHit | None = None  # the stored article this item copies, if any

    @property
    def page_ok(self) -> bool:
        return self.page_words >= MIN_ARTICLE_WORDS

    @property
    def feed_full(self) -> bool:
        if self.page_ok:
            return self.feed_words >= FEED_FULL_SHARE * self.page_words
        return self.feed_words >= MIN_ARTICLE_WORDS


def item_checks(items: list[ItemFindings]) -> list[dict]:
    return [full_text(items), bylines(items), dates(items), images(items), credits(items), original(items)]


def _of(count: int, total: int, noun: str) -> str:
    return f"{count} of {total} {noun}"


def full_text(items: list[ItemFindings]) -> dict:
    n = len(items)
    readable = sum(1 for i in items if i.page_ok or i.feed_full)
    in_feed = sum(1 for i in items if i.feed_full)
    pages = sum(1 for i in items if i.page_ok)
    if in_feed == n:
        how = "all of them carry the full text in the feed"
    elif in_feed == 0:
        how = f"items carry summaries only and {_of(pages, n, 'pages')} could be read"
    else:
        how = f"{in_feed} carry the full text in the feed and {_of(pages, n, 'pages')} could be read"
    unread = [i for i in items if not i.page_ok and not i.feed_full]
    reasons = "; ".join(f"{i.url}: {_why_unread(i)}" for i in unread[:SHOWN])
    more = f" and {len(unread) - SHOWN} more" if len(unread) > SHOWN else ""
    detail = f"{_of(readable, n, 'items')} can be read in full ({how})"
    if unread:
        detail += f". Not readable: {reasons}{more}. Put the full text in the feed, or make these pages readable"
    return check("full_text", readable >= PASS_SHARE * n, detail + ".")


def _why_unread(item: ItemFindings) -> str:
    if item.page_error:
        return f"the page could not be read ({item.page_error})"
    return f"only {item.page_words} words could be extracted from the page"


def bylines(items: list[ItemFindings]) -> dict:
    n = len(items)
    named = sum(1 for i in items if i.authors)
    detail = f"{_of(named, n, 'items')} name their author"
    if named < n:
        detail += "; give each article a byline (on the page, or as the item's author in the feed)"
    return check("bylines", named >= PASS_SHARE * n, detail + ".")


def dates(items: list[ItemFindings]) -> dict:
    n = len(items)
    dated = sum(1 for i in items if i.dated)
    detail = f"{_of(dated, n, 'items')} carry a publication date"
    if dated < n:
        detail += "; put the date in the feed (pubDate, published) or in the page's metadata"
    return check("dates", dated >= PASS_SHARE * n, detail + ".")


def images(items: list[ItemFindings]) -> dict:
    n = len(items)
    with_image = sum(1 for i in items if i.images)
    return check("images", with_image >= IMAGE_SHARE * n, f"{_of(with_image, n, 'items')} have an image.")


def credits(items: list[ItemFindings]) -> dict:
    total = sum(i.images for i in items)
    credited = sum(i.credited for i in items)
    if not total:
        return check("image_credits", True, "No images in the sampled items, so no credits to read.")
    detail = f"{_of(credited, total, 'images')} carry a credit"
    if credited < total:
        detail += "; name the photographer or source in each image's caption or credit line"
    return check("image_credits", credited >= PASS_SHARE * total, detail + ".")


def original(items: list[ItemFindings]) -> dict:
    n = len(items)
    copies = [i for i in items if i.copy is not None]
    if not copies:
        return check("original", True, f"None of the {n} sampled items copies an article already stored here.")
    named = "; ".join(f"“{i.title}” is {int(i.copy.share * 100)} % “{i.copy.title}” by {i.copy.publisher}"
                      for i in copies[:SHOWN])
    return check("original", n - len(copies) > ORIGINAL_SHARE * n,
                 f"{_of(len(copies), n, 'items')} copy articles already stored here: {named}.")
