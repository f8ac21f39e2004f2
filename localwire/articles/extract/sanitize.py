"""The one HTML sanitiser: every body Localwire stores or shows passes through it."""

from __future__ import annotations

import nh3

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "a",
    "em", "strong", "b", "i", "br", "small", "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "th": {"colspan", "rowspan"},
              "td": {"colspan", "rowspan"}}


def sanitize_html(html: str) -> str:
    """Allowlist news-body markup; only http(s) URLs; links get rel="nofollow noopener"."""
    if not html:
        return ""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https"},
        link_rel="nofollow noopener", strip_comments=True,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "svg", "math"},
    )
