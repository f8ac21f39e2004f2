"""The one title rule for an article that came from a feed entry."""

from localwire.document import FeedEntry
from localwire.sources.titles import UNTITLED, entry_title


def test_the_pages_title_wins_over_the_entrys():
    entry = FeedEntry(entry_id="1", url="https://news.example.org/a", title="Feed headline")
    assert entry_title("Page  headline\n", entry) == "Page headline"


def test_a_page_without_words_in_its_title_takes_the_entrys_on_one_line():
    entry = FeedEntry(entry_id="1", url="https://news.example.org/a", title=" Bridge\n reopens ")
    assert entry_title("", entry) == "Bridge reopens"
    assert entry_title(" \t", entry) == "Bridge reopens"


def test_neither_title_gives_untitled():
    entry = FeedEntry(entry_id="1", url="https://news.example.org/a", title="  ")
    assert entry_title("", entry) == UNTITLED == "(untitled)"
