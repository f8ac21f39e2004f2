"""The Audience tab's figures as CSV files a spreadsheet opens, with nothing in them it would run.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula to
Excel, LibreOffice and Google Sheets; article titles and channel names come from outside, so such a
cell is written with a leading apostrophe, which spreadsheets show as text (OWASP's advice).
Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
import re

from localwire.metrics.sources import LABELS

TABLES = ("days", "top", "sources", "channels")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(data: dict, table: str) -> list[list]:
    """The header and rows of one table of ``analytics.audience``'s answer."""
    if table == "days":
        return [["date", "views", "followers", "posts"]] + [
            [d["date"].isoformat(), d["views"], d["followers"], d["posts"]] for d in data["days"]]
    if table == "top":
        return [["article_id", "title", "views", "url"]] + [
            [a["id"], a["title"], a["views"], a["url"]] for a in data["top_articles"]]
    if table == "sources":
        return [["source", "label", "views"]] + [
            [name, LABELS.get(name, name), views] for name, views in data["sources"].items()]
    if table == "channels":
        return [["channel", "name", "readers", "url"]] + [
            [c["channel"], c["name"], c["readers"], c["url"]] for c in data["channels"]]
    raise ValueError(f"No table {table!r}; there are {', '.join(TABLES)}.")


def to_csv(table_rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table_rows:
        writer.writerow([neutralise(value) for value in row])
    return out.getvalue()


def filename(slug: str, table: str, data: dict) -> str:
    """A name that says what and when, in characters no header or file system minds."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", slug).strip("-") or "publisher"
    return f"{slug}-{'audience' if table == 'days' else table}-{data['since']}-{data['until']}.csv"
