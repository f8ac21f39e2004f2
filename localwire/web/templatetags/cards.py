"""``{% card article %}``: one article in a list (home, channels, publishers, personal feeds).

A contributor's post (``article.contributor_ref``, set by the list) names the contributor and
their label where a publisher's article names its publisher.

Built in Python rather than included as a template: a list page shows thirty cards, and Django's
template engine spent about two thirds of such a page's time on them. Every value is escaped as
``format_html`` would (``_e``), by plain string building.
"""

from __future__ import annotations

import html
from functools import lru_cache

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime

from localwire.articles.imageproxy import image_url

register = template.Library()
CARD_IMAGE_WIDTH = 320


@register.simple_tag
def card(item) -> SafeString:
    url = _e(item.get_absolute_url())
    moment = _local(item.published_at)
    return mark_safe(
        f'<li class="card">\n  <article>\n    <div class="card__body">\n      <div class="card__text">\n'
        f'    {_media(item, url)}\n'
        f'      <h2 class="card__title"><a href="{url}">{_e(item.title)}</a></h2>\n'
        f'{_why(item.reasons)}{_summary(item.summary)}      </div>\n'
        f'      <p class="meta">\n        {_source(item)}{_via(item.copies)}\n'
        '        <span aria-hidden="true">·</span>\n'
        f'        <time datetime="{_e(moment.isoformat())}" title="{_e(_full_date(moment))}">'
        f'{_e(naturaltime(item.published_at))}</time>\n      </p>\n    </div>\n  </article>\n</li>\n')


def _e(value) -> str:
    """What ``format_html`` does to each value (safe HTML kept, anything else escaped), without its
    per-call overhead: thirty cards a page made it a third of a list page's card time."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _local(moment):
    return localtime(moment) if is_aware(moment) else moment


def _full_date(moment) -> str:
    """As the date filter writes "j M Y, H:i e" (2 Dec 2026, 02:46 UTC), at a tenth of its cost."""
    return f"{moment.day} {MONTHS_3[moment.month].title()} {moment.year}, {moment:%H:%M} {moment.tzname() or ''}".rstrip()


def _source(item) -> str:
    """Who the article is from: its publisher, or for a contributor's post the contributor and label."""
    ref = item.contributor_ref
    if ref is None:
        return (f'<a class="meta__publisher" href="{_e(_publisher_url(item.publisher.slug))}">'
                f'{_e(item.publisher.name)}</a>')
    return (f'<a class="meta__publisher meta__contributor" href="{_e(ref.url)}">{_e(ref.name)}</a>'
            f' <span class="meta__label">{_e(ref.kind_line)}</span>')


def _media(item, url: str) -> str:
    """``url`` is the article's address, escaped."""
    image = next(iter(item.images.all()), None)  # prefetched by the lists
    if image is None or not image.source_url:
        return ""
    return (f'<a class="card__media" href="{url}" tabindex="-1" aria-hidden="true">\n'
            f'      <img src="{_e(image_url(image.source_url, CARD_IMAGE_WIDTH))}" alt="" loading="lazy" '
            'decoding="async" width="320" height="213">\n    </a>')


def _why(reasons) -> str:
    if not reasons:
        return ""
    return f'      <p class="card__why">{" · ".join(_e(r) for r in reasons)}</p>\n'


def _summary(summary: str) -> str:
    return f'      <p class="card__summary">{_e(truncatewords(summary, 32))}</p>\n' if summary else ""


def _via(copies, lead: str = "via") -> str:
    """The other outlets that ran the article: ", via Wire and 2 others" (search says "also from")."""
    if not copies:
        return ""
    others = len(copies) - 1
    more = f" and {others} other{'' if others == 1 else 's'}" if others else ""
    return f'<span class="meta__via">, {lead} {_e(copies[0].publisher.name)}{more}</span>'


@lru_cache(maxsize=4096)
def _publisher_url(slug: str) -> str:
    return reverse("publisher", args=[slug])


@register.simple_tag
def meta_line(*parts) -> SafeString:
    """The parts that have a value, joined by " · ": a missing reason, topic or byline leaves no stray dot."""
    return format_html_join(" · ", "{}", ((part,) for part in parts if part))


@register.filter
def source_name(item) -> str:
    """Who an article is from, in words, for the short lists (coverage, related, a story's timeline):
    its publisher's name, or a contributor's name with their label."""
    ref = item.contributor_ref
    return item.publisher.name if ref is None else f"{ref.name} · {ref.kind_line}"
