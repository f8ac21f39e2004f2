"""The title an article from a feed entry goes by: one rule, used by extraction and the pipeline.

A page may have no usable title (an error page, a bare fragment) and RSS allows an item with only a
description, yet every stored article needs a headline for lists, feeds out and search.
"""

from __future__ import annotations

import re

from localwire.document import FeedEntry

UNTITLED = "(untitled)"
_WS = re.compile(r"\s+")


def entry_title(found: str, entry: FeedEntry) -> str:
    """The page's own title, else the feed entry's, on one line; ``UNTITLED`` when neither has a word."""
    for title in (found, entry.title):
        line = _WS.sub(" ", title or "").strip()
        if line:
            return line
    return UNTITLED
