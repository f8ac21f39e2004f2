"""The day's journal that view counts and reading history share."""

from datetime import date, datetime, timedelta, timezone as tz

import pytest
from django.core.cache import cache

from localwire.caching.journal import DailyJournal, flush_lock, incr_or_create

DAY = date(2026, 3, 10)
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_only_the_first_note_of_the_same_thing_a_day_passes(settings):
    settings.TIME_ZONE = "UTC"
    journal = DailyJournal("lw:test")
    assert journal.first_today(NOON, 7, "reader")
    assert not journal.first_today(NOON + timedelta(hours=3), 7, "reader")
    assert journal.first_today(NOON, 7, "another")  # another reader
    assert journal.first_today(NOON + timedelta(days=1), 7, "reader")  # the next day


def test_notes_are_numbered_from_one_and_read_back_by_number():
    journal = DailyJournal("lw:test")
    assert [journal.append(DAY, note) for note in ("a", "b", "c")] == [1, 2, 3]
    assert journal.length(DAY) == 3 and journal.length(DAY + timedelta(days=1)) == 0
    assert journal.read(DAY, range(2, 4)) == {2: "b", 3: "c"}


def test_a_number_taken_but_not_yet_written_reads_as_missing():
    journal = DailyJournal("lw:test")
    journal.append(DAY, "a")
    incr_or_create(journal.seq_key(DAY))  # a writer between taking its number and setting the slot
    journal.append(DAY, "c")
    assert journal.length(DAY) == 3
    assert journal.read(DAY, range(1, 4)) == {1: "a", 3: "c"}


def test_two_kinds_of_notes_never_mix():
    views, reads = DailyJournal("lw:test-views"), DailyJournal("lw:test-reads")
    views.append(DAY, 1)
    assert reads.length(DAY) == 0 and reads.first_today(NOON, 1) and views.first_today(NOON, 1)
    assert views.lock_key != reads.lock_key


def test_the_cursor_starts_at_zero_and_remembers_where_a_flusher_got():
    journal = DailyJournal("lw:test")
    assert journal.cursor(DAY) == 0
    journal.move_cursor(DAY, 40)
    assert journal.cursor(DAY) == 40 and journal.cursor(DAY + timedelta(days=1)) == 0


def test_the_flush_lock_lets_one_holder_in_and_only_it_releases():
    with flush_lock("lw:test:lock", 60) as first:
        with flush_lock("lw:test:lock", 60) as second:
            assert first and not second
        assert cache.get("lw:test:lock") is not None  # the one left out did not free it
    with flush_lock("lw:test:lock", 60) as again:
        assert again
