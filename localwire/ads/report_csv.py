"""Advertising reports as CSV files a spreadsheet opens, with nothing in them it would run.

Cells are written by ``publishers.audience_csv.to_csv``, which neutralises any text starting like a
formula (a campaign or advertiser name such as ``=HYPERLINK(…)`` becomes text). Money is written as
the plain decimal the API uses (``money.plain``), never through a float.
"""

from __future__ import annotations

import re

from localwire.ads.money import plain
from localwire.publishers.audience_csv import to_csv

__all__ = ["campaign_rows", "summary_rows", "revenue_rows", "filename", "to_csv", "REVENUE_TABLES"]

REVENUE_TABLES = ("days", "advertisers")


def campaign_rows(report: dict) -> list[list]:
    return [["date", "impressions", "clicks", "spend"]] + [
        [d["date"].isoformat(), d["impressions"], d["clicks"], plain(d["spend"])] for d in report["days"]]


def summary_rows(summary: dict) -> list[list]:
    return [["campaign_id", "campaign", "status", "impressions", "clicks", "ctr", "spend"]] + [
        [c["id"], c["name"], c["status"], c["impressions"], c["clicks"], f"{c['ctr']:.4f}", plain(c["spend"])]
        for c in summary["campaigns"]]


def revenue_rows(data: dict, table: str) -> list[list]:
    """``days`` (the default) or ``advertisers`` of ``revenue.revenue``'s answer."""
    if table == "days":
        return [["date", "revenue", "charged", "credited", "impressions", "clicks"]] + [
            [d["date"].isoformat(), plain(d["revenue"]), plain(d["charged"]), plain(d["credited"]),
             d["impressions"], d["clicks"]] for d in data["days"]]
    if table == "advertisers":
        return [["advertiser_id", "advertiser", "status", "revenue", "charged", "credited", "impressions",
                 "clicks", "balance"]] + [
            [a["id"], a["name"], a["status"], plain(a["revenue"]), plain(a["charged"]), plain(a["credited"]),
             a["impressions"], a["clicks"], plain(a["balance"])] for a in data["advertisers"]]
    raise ValueError(f"No table {table!r}; there are {', '.join(REVENUE_TABLES)}.")


def filename(what: str, data: dict) -> str:
    """A name that says what and when, in characters no header or file system minds."""
    what = re.sub(r"[^A-Za-z0-9_-]+", "-", what).strip("-") or "report"
    return f"{what}-{data['since']}-{data['until']}.csv"
