"""What an application's feeds and site are checked for, at once, before an operator reads it.

The same stages a crawl runs read the feed and a sample of its items (``pipeline.stages``: fetch
the page, extract, normalise), through the guarded fetcher, so what the checks say is what the
site would store: full text, bylines, dates, images and their credits, and how much of it is
already here from elsewhere (``contributors.holds.copied_text``, the syndication machinery). The
site is asked for a home page that links to an About page.

Every check is JSON-ready, ``{"name", "ok", "detail"}``, the detail in plain words with numbers;
a fetch that fails is a failed check saying why, never an exception. The whole run shares one
time budget (``TOTAL_SECONDS``), so a slow or hostile site cannot hold a request for long.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings

from localwire.articles.extract import plain_text
from localwire.contributors.holds import copied_text
from localwire.document import ArticleDoc, FeedEntry, FeedJob, FeedStatus
from localwire.pipeline.stages import extract, fetch_feed, fetch_page, normalise, parse_feed
from localwire.publishers import site_checks
from localwire.publishers.item_checks import ItemFindings, check, item_checks
from localwire.sources.checking import FeedCheckError, check_feed
from localwire.sources.context import Context, make_fetcher
from localwire.sources.errors import FetchTimeout
from localwire.sources.robots import RobotsCache

log = logging.getLogger(__name__)

SAMPLE_SIZE = 5  # items of each feed read through the pipeline's stages
TOTAL_SECONDS = 20.0  # the whole run, every feed and the site together
PER_FETCH_SECONDS = 6.0  # one page or feed; a slow one fails alone
MAX_FETCH_BYTES = 3_000_000  # an article page or a feed is far smaller


class BudgetFetcher:
    """The guarded fetcher with one deadline for the whole run: each fetch gets what is left, at
    most ``per_fetch`` seconds, and none starts once the budget is spent."""

    def __init__(self, fetcher, seconds: float, per_fetch: float):
        self.fetcher, self.per_fetch = fetcher, per_fetch
        self.allow_private = fetcher.allow_private  # check_feed reads it for its own guard
        self.end = time.monotonic() + seconds

    def get(self, url: str, **options):
        left = self.end - time.monotonic()
        if left <= 0.5:
            raise FetchTimeout(f"not read: the checks' {TOTAL_SECONDS:g} seconds ran out before {url}")
        options["deadline"] = min(left, options.get("deadline") or self.per_fetch)
        return self.fetcher.get(url, **options)


@dataclass
class _Run:
    ctx: Context
    name: str


def run_checks(website: str, feeds: list[str], name: str = "") -> dict:
    """Check every feed and the site; ``{"feeds": [...], "site": {...}, "passed": n, "failed": n}``."""
    started = time.monotonic()
    with make_fetcher(max_bytes=MAX_FETCH_BYTES, deadline=PER_FETCH_SECONDS) as fetcher:
        budget = BudgetFetcher(fetcher, TOTAL_SECONDS, PER_FETCH_SECONDS)
        robots = RobotsCache(budget) if settings.LOCALWIRE_RESPECT_ROBOTS else None
        run = _Run(Context(fetcher=budget, robots=robots), name)
        found = {"feeds": [_guarded_feed_check(url, run) for url in feeds],
                 "site": {"url": website, "checks": site_checks.site_checks(website, budget)
                          + [site_checks.listed_check(website)]}}
    every = [c for f in found["feeds"] for c in f["checks"]] + found["site"]["checks"]
    found["passed"] = sum(1 for c in every if c["ok"])
    found["failed"] = len(every) - found["passed"]
    found["sample_size"] = SAMPLE_SIZE
    found["seconds"] = round(time.monotonic() - started, 1)
    return found


def _guarded_feed_check(url: str, run: _Run) -> dict:
    """A fault of ours on a hostile feed is a failed check too: the applicant still gets an answer."""
    try:
        return check_one_feed(url, run)
    except Exception:
        log.exception("checking the feed %s failed", url)
        return {"url": url, "feed_url": url, "ok": False, "title": "",
                "checks": [check("feed", False, "The feed could not be checked because of a fault on our side; "
                                                "a moderator will look at it.")]}


def check_one_feed(url: str, run: _Run) -> dict:
    """One feed: it parses, then its first ``SAMPLE_SIZE`` items as the pipeline would store them."""
    result = {"url": url, "feed_url": url, "ok": False, "title": "", "checks": []}
    try:
        checked = check_feed(url, run.ctx.fetcher)
    except FeedCheckError as exc:
        result["checks"].append(check("feed", False, f"This address cannot be used as a feed: {exc}."))
        return result
    if checked.warning.startswith("not checked"):
        why = checked.warning.removeprefix("not checked: ").split("; the next crawl")[0]
        result["checks"].append(check("feed", False, f"The feed could not be read now: {why}. Try again later."))
        return result
    fetched = parse_feed(fetch_feed(FeedJob(feed_id=0, url=checked.url), run.ctx), run.ctx)
    if fetched.status != FeedStatus.OK or fetched.parsed is None:
        result["checks"].append(check("feed", False, f"The feed could not be read: {fetched.error}"))
        return result
    parsed = fetched.parsed
    result.update(feed_url=checked.url, title=parsed.title or checked.title)
    found = f"found at {checked.url}; " if checked.url != url else ""
    result["checks"].append(check("feed", bool(parsed.entries), (
        f"A feed {found}with {len(parsed.entries)} items" if parsed.entries
        else f"A feed {found}with no items yet: there is nothing to read") + _warned(parsed.warning)))
    if parsed.entries:
        result["checks"] += item_checks(read_items(parsed.entries[:SAMPLE_SIZE], run))
    result["ok"] = all(c["ok"] for c in result["checks"])
    return result


def _warned(warning: str) -> str:
    return f" (read despite a fault: {warning})." if warning else "."


def read_items(entries: list[FeedEntry], run: _Run) -> list[ItemFindings]:
    """Each entry through the article stages (in threads: they are plain functions, the network
    is the wait), then looked up among stored articles (here: the database stays on one thread)."""
    with ThreadPoolExecutor(max_workers=len(entries), thread_name_prefix="publisher-checks") as pool:
        findings = list(pool.map(lambda entry: read_item(entry, run), entries))
    for item in findings:
        item.copy = _copy_of(item.text)
    return findings


def _copy_of(text: str):
    if not text:
        return None
    try:
        return copied_text(text)
    except Exception:  # the search index or a band table out of reach: judged by a moderator instead
        log.warning("could not look for copies of a sampled item", exc_info=True)
        return None


def read_item(entry: FeedEntry, run: _Run) -> ItemFindings:
    try:
        return _read_item(entry, run)
    except Exception as exc:  # a page that trips the extractor is that page's failure, not the run's
        log.warning("reading %s for the checks failed", entry.url, exc_info=True)
        return ItemFindings(url=entry.url, title=entry.title, page_error=f"a fault on our side: {type(exc).__name__}")


def _read_item(entry: FeedEntry, run: _Run) -> ItemFindings:
    doc = extract(fetch_page(ArticleDoc(entry=entry, publisher=run.name), run.ctx), run.ctx)
    dated = bool(doc.extracted.published_at or entry.published_at)  # normalise would put in "now"
    doc = normalise(doc, run.ctx)
    ex = doc.extracted
    feed_words = len(plain_text(entry.content_html).split()) if entry.content_html else 0
    return ItemFindings(
        url=entry.url, title=ex.title, feed_words=feed_words,
        page_words=0 if doc.from_feed_only else doc.word_count, page_error=doc.page_error,
        authors=list(ex.authors), dated=dated, images=len(ex.images),
        credited=sum(1 for image in ex.images if image.credit.strip()), text=ex.text)
