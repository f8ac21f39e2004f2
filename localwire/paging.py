"""Pages of a list without counting the whole list.

Django's Paginator counts every row to say "page 2 of 412"; on the home page that count is the
costliest query, and it grows with the archive. Reading one row more than a page shows is enough
to know whether an older page exists.

A page that does not exist is a 404, whatever the list: past the end (``?page=999``), past
``MAX_PAGE``, or not a page number at all (``abc``, ``0``, ``-1``). Only page 1 may be empty, and
no ``page`` (or an empty one) is page 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

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


def page_number(value, max_page: int = MAX_PAGE) -> int:
    """The page a query string asks for; Http404 for anything that cannot be a page of a list."""
    if value is None or value == "":
        return 1
    if not (isinstance(value, str) and value.isascii() and value.isdigit()) or not 1 <= int(value) <= max_page:
        raise Http404("No such page.")
    return int(value)


def page_of(queryset, number, size: int) -> Page:
    """The ``number``-th page (as the query string gave it); Http404 when it has no rows but is not page 1."""
    number = page_number(number)
    start = (number - 1) * size
    rows = list(queryset[start:start + size + 1])
    if not rows and number > 1:
        raise Http404("No such page.")
    return Page(rows[:size], number, has_next=len(rows) > size and number < MAX_PAGE)
