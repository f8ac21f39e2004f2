"""Opt-in robustness run over ~2,100 small test feeds: each parses or fails with FeedError."""

import pytest

from localwire.conftest import SHARED_DATA
from localwire.sources.parse import FeedError, parse_feed

pytestmark = [pytest.mark.shared_data, pytest.mark.slow]
CORPUS = SHARED_DATA / "feeds" / "feedparser-tests"


def test_every_feed_parses_or_fails_cleanly():
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    assert files
    parsed = refused = 0
    for path in files:
        try:
            parse_feed(path.read_bytes(), f"http://feeds.example.org/{path.name}")
            parsed += 1
        except FeedError:
            refused += 1
    print(f"\nfeedparser-tests: {parsed} parsed, {refused} refused with FeedError, of {len(files)}")
    assert parsed > len(files) * 0.8
