"""One full pass: poll every due feed and take every new entry to the end.

Used by ``localwire crawl --once``, the demo and the in-process worker's tick.
Feeds and entries run on a thread pool: fetching is I/O bound, and SQLite
serialises the short write transactions through its busy timeout. What follows
the entries is the flow's (``flow.py``): the recovery sweeps, then understanding.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from django.db import connections

from localwire.articles.signals import articles_changed
from localwire.document import FeedStatus
from localwire.pipeline import flow, runner
from localwire.pipeline.reanalyze import analyse_stale
from localwire.pipeline.runner import EntryResult
from localwire.sources.context import Context
from localwire.stories.blocks import sweep_pages


@dataclass
class CrawlReport:
    feeds: Counter = field(default_factory=Counter)
    entries: Counter = field(default_factory=Counter)
    analysed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        f, e = self.feeds, self.entries
        stored = e[EntryResult.STORED] + e[EntryResult.FEED_ONLY]
        return (
            f"crawl: {sum(f.values())} feeds polled ({f[FeedStatus.OK]} ok, "
            f"{f[FeedStatus.NOT_MODIFIED]} not modified, {f[FeedStatus.ERROR]} failed); "
            f"{sum(e.values())} entries processed: {stored} articles stored "
            f"({e[EntryResult.FEED_ONLY]} from feed content only), {e[EntryResult.DUPLICATE]} duplicates, "
            f"{e[EntryResult.FAILED]} failed; {self.analysed} analysed; {self.seconds:.1f}s"
        )


def _in_thread(fn, *args):
    """Pool threads outlive no crawl, so each task closes the connection its thread opened."""
    try:
        return fn(*args)
    finally:
        connections.close_all()


def crawl_once(ctx: Context, workers: int = 4, progress=None, feed_ids=None) -> CrawlReport:
    """``progress(kind, done, total)`` is called as work finishes, for progress bars."""
    started = time.monotonic()
    report = CrawlReport()
    if feed_ids is None:
        feed_ids = [fid for fid in runner.due_feed_ids() if runner.claim_feed(fid)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl") as pool:
        futures = [pool.submit(_in_thread, runner.poll_feed, fid, ctx) for fid in feed_ids]
        for n, future in enumerate(as_completed(futures), 1):
            status = future.result().status
            if status != FeedStatus.PAUSED:  # paused after it was claimed: not polled, so not counted
                report.feeds[status] += 1
            if progress:
                progress("feeds", n, len(futures))
        # Everything pending, not just this poll's entries: that is how a crash is recovered.
        entry_ids = runner.pending_entry_ids()
        agencies = runner.agency_names()
        futures = [
            pool.submit(_in_thread, runner.process_entry, eid, ctx, agencies) for eid in entry_ids
        ]
        for n, future in enumerate(as_completed(futures), 1):
            report.entries[future.result().status] += 1
            if progress:
                progress("entries", n, len(futures))
    flow.recover()  # anything a crash or a failure left ungrouped, in no story or out of the search index
    if ctx.analyze:
        report.analysed = analyse_stale(progress)
        if report.analysed:
            sweep_pages()  # the new chips and related stories on the pages before the next tick
    if report.entries or report.analysed:
        articles_changed.send(sender=crawl_once)
    report.seconds = time.monotonic() - started
    return report
