"""``compact_count``: big counts the way people read them on profiles."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

register = template.Library()

_UNITS = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K"))


@register.filter
def compact_count(value) -> str:
    """0–999 exactly; from 1,000 the figure is cut down (never rounded up) and marked "+":
    one decimal below ten of a unit ("1K+", "6.5K+", "1.2M+"), whole units from ten ("12K+",
    "879K+", "999K+" for 999,999). The "+" says "at least", which a cut-down figure always is."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return ""
    if n < 1000:
        return str(max(n, 0))
    for size, suffix in _UNITS:
        if n >= size:
            tenths = n * 10 // size
            if tenths < 100:
                whole, tenth = divmod(tenths, 10)
                return f"{whole}.{tenth}{suffix}+" if tenth else f"{whole}{suffix}+"
            return f"{n // size:,}{suffix}+"
    return str(n)  # not reached


@register.filter
def web_url(value) -> str:
    """The URL if it is an absolute http(s) address, else nothing: a stored ``javascript:`` or
    ``data:`` address must never become a link."""
    url = str(value or "").strip()
    if any(ord(c) < 33 for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
