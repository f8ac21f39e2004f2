"""Template helpers for article bodies and bylines."""

from __future__ import annotations

import html
import re

from django import template
from django.utils.safestring import mark_safe

from localwire.articles.imageproxy import image_srcset, image_url

register = template.Library()

# Bodies were sanitised by nh3 before storage, which writes every attribute
# double-quoted and escaped, so a plain pattern finds each image source.
_IMG_SRC = re.compile(r'<img([^>]*?) src="([^"]+)"')


@register.filter
def proxy_images(body: str) -> str:
    """Route every image in a stored, sanitised body through the signed image proxy."""

    def swap(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        if not src.startswith(("http://", "https://")):
            return match.group(0)
        proxied = html.escape(image_url(src, 1024))
        srcset = html.escape(image_srcset(src))
        return (
            f'<img{match.group(1)} src="{proxied}" srcset="{srcset}" '
            f'sizes="(max-width: 720px) 100vw, 720px" loading="lazy" decoding="async"'
        )

    return mark_safe(_IMG_SRC.sub(swap, body or ""))


@register.filter
def byline(authors) -> str:
    """"A, B and C"; blank names are left out, so an empty list of them gives "" (and no "By ,")."""
    names = [a.strip() for a in (authors or []) if isinstance(a, str) and a.strip()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
