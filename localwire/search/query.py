"""What a reader typed, turned into words and phrases that no database can read as syntax.

Search boxes receive anything: FTS5 operators (``AND``, ``NEAR(``, ``col:term``, ``*``), unbalanced
quotes, markup, emoji. Rather than escape each database's syntax, only runs of letters and digits
survive, and the backends quote every one of them: the query language a reader gets is plain words
plus "quoted phrases", and the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

MAX_QUERY_CHARS = 200  # longer is not a search, and every extra term costs the index a lookup
MAX_TERMS = 12  # words and phrases together

# A quoted phrase, or a run of anything else; an unbalanced quote falls through to the words.
_PART = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+")
# Words so common that requiring them filters nothing. PostgreSQL's English configuration drops
# these (and more) itself; dropping them here too keeps SQLite's answers close to PostgreSQL's.
STOP_WORDS = frozenset("""
a about after an and are as at be been but by for from had has have he her his i if in into is it
its not of on or our she so than that the their them then there these they this to was we were
what when which who will with you
""".split())


@dataclass(frozen=True)
class Terms:
    """The parsed text of a query: loose words (all required) and phrases (words in order)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    message: str = ""  # why there is nothing to search for, for the reader

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def display(self) -> str:
        """The query as understood: letters, digits, spaces and quotes only, never markup."""
        return " ".join([*self.words, *(f'"{" ".join(p)}"' for p in self.phrases)])

    def highlight_words(self) -> list[str]:
        seen = dict.fromkeys([*self.words, *(w for p in self.phrases for w in p if w not in STOP_WORDS)])
        return list(seen)


def parse_terms(text: str) -> Terms:
    text = (text or "").strip()
    if not text:
        return Terms(message="Type a word or two to search for.")
    if len(text) > MAX_QUERY_CHARS:
        return Terms(message=f"That search is too long: keep it under {MAX_QUERY_CHARS} characters.")
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for match in _PART.finditer(text):
        quoted, loose = match.groups()
        found = [w.lower() for w in _WORD.findall(quoted if quoted is not None else loose)]
        if quoted is not None and len(found) > 1:
            phrases.append(tuple(found))
        else:
            words.extend(w for w in found if w not in STOP_WORDS)
    words = list(dict.fromkeys(words))
    phrases = list(dict.fromkeys(phrases))
    if len(words) + len(phrases) > MAX_TERMS:
        return Terms(message=f"That search has too many words: use at most {MAX_TERMS}.")
    if not words and not phrases:
        return Terms(message="Nothing to search for: use letters or numbers, and not only very common words.")
    return Terms(tuple(words), tuple(phrases))


@dataclass(frozen=True)
class SearchQuery:
    """One search: the text, the filters (slugs and times, all optional) and the page wanted."""

    terms: Terms
    publisher: str = ""  # publisher slug
    topic: str = ""  # topic channel slug
    place: str = ""  # city, region or country channel slug
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    limit: int = 20
    offset: int = 0
    now: datetime = field(default_factory=timezone.now)  # the age recency is measured from


class DateError(ValueError):
    pass


def date_bounds(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """``since``/``until`` as ISO dates or date-times; a date alone covers its whole day in the
    site's time zone, so ``until=2026-11-20`` includes the 20th. Raises DateError, naming the field."""
    start, _ = _parse_moment("since", since)
    end, whole_day = _parse_moment("until", until)
    if end is not None and whole_day:
        end += timedelta(days=1)  # until is exclusive: the next midnight
    return start, end


def _parse_moment(name: str, value: str | None) -> tuple[datetime | None, bool]:
    """The moment, and whether it was a date alone."""
    value = (value or "").strip()
    if not value:
        return None, False
    try:
        if len(value) == 10:
            moment, whole_day = datetime.combine(date.fromisoformat(value), time.min), True
        else:
            moment, whole_day = datetime.fromisoformat(value), False
    except ValueError:
        raise DateError(f"{name} must be a date like 2026-11-20 or a date and time, not {value[:40]!r}") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment, whole_day
