"""The words of a headline in an article's address: ``/article/6/kazakhstan-police-detain-hundreds/``.

The slug is worked out from the title whenever a link is made, never stored: the id alone finds the
article, and a page asked for under any other slug (an old link, a title since corrected) is sent on
to the current one.
"""

from __future__ import annotations

from django.utils.text import slugify

MAX_SLUG_CHARS = 60  # enough words to recognise a story in a link; whole words only
FALLBACK = "article"  # a title of only signs or emoji still gets an address of the same shape


def title_slug(title: str) -> str:
    """Lower-case words joined by hyphens, in ASCII when the title has Latin letters, else as written."""
    slug = slugify(title or "") or slugify(title or "", allow_unicode=True)
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS + 1].rsplit("-", 1)[0] or slug[:MAX_SLUG_CHARS]
    return slug.strip("-") or FALLBACK
