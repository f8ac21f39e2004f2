"""When an article's event happened, as its lead says it: the days that tell this week's quake
from last year's.

Dates written with a year ("July 7, 2012", "27/09/2013", "2013-09-27") are taken as they are.
Dates without one ("Dec. 14") and weekdays ("on Saturday") are read against a reference day: the
published date, or, when that is unknown, the earliest dated line at the top of the text. A weekday
with nothing to date it stays a bare weekday (0 = Monday), still comparable with another's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATES = (  # each names a month and a day, maybe a year; numeric forms only with a year
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)\s?/\s?(?P<month>[01]?\d)\s?/\s?(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)


def event_days(lead: str, published_at: datetime | None) -> tuple[set[int], set[int]]:
    """(date ordinals, bare weekdays) the lead names."""
    written = list(_written_dates(lead))
    dated = [day for day, has_year in written if has_year]
    reference = published_at.date() if published_at else (min(dated) if dated else None)
    days = {day.toordinal() for day in dated}
    if reference is not None:
        days |= {_in_year_before(day, reference).toordinal() for day, has_year in written if not has_year}
    weekdays = set()
    for match in _WEEKDAY.finditer(lead):
        weekday = WEEKDAYS.index(match.group(1).lower())
        if reference is None:
            weekdays.add(weekday)
        else:  # news tells what happened: the latest such day on or before the reference
            days.add((reference - timedelta(days=(reference.weekday() - weekday) % 7)).toordinal())
    return days, weekdays


def weekday(ordinal: int) -> int:
    return date.fromordinal(ordinal).weekday()


def _written_dates(lead: str):
    """(date, whether its year was written); a yearless date is given 2000 (a leap year) until placed."""
    for pattern in _DATES:
        for match in pattern.finditer(lead):
            month = match.group("month")
            month = int(month) if month.isdigit() else MONTHS.get(month[:3].lower(), 0)
            year = match.group("year")
            try:
                yield date(int(year or 2000), month, int(match.group("day"))), bool(year)
            except ValueError:
                continue


def _in_year_before(day: date, reference: date) -> date:
    """'Dec. 14' read in January is last December's."""
    try:
        placed = day.replace(year=reference.year)
    except ValueError:  # 29 February
        placed = day.replace(year=reference.year, day=28)
    return placed.replace(year=placed.year - 1) if placed > reference + timedelta(days=31) else placed
