"""Pages of a list without counting the whole list.

Django's Paginator counts every row to say "page 2 of 412"; on the home page that count is the
costliest query, and it grows with the archive. Reading one row more than a page shows is enough
to know whether an older page exists.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGE = 500  # deeper than anyone pages by hand; the database would skip ever more rows


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(queryset, number, size: int) -> Page:
    """The ``number``-th page (from a query string: anything that is not a page number is 1)."""
    try:
        number = min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * size
    rows = list(queryset[start:start + size + 1])
    return Page(rows[:size], number, has_next=len(rows) > size and number < MAX_PAGE)
