"""``{% card article %}``: one article in a list (home, channels, publishers, personal feeds).

A contributor's post (``article.contributor_ref``, set by the list) names the contributor and
their label where a publisher's article names its publisher.

Built in Python rather than included as a template: a list page shows thirty cards, and Django's
template engine spent about two thirds of such a page's time on them. Every value is escaped by
``format_html``.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString
from django.utils.timezone import is_aware, localtime

from localwire.articles.imageproxy import image_url

register = template.Library()
CARD_IMAGE_WIDTH = 320


@register.simple_tag
def card(item) -> SafeString:
    url = item.get_absolute_url()
    return format_html(
        '<li class="card">\n  <article>\n    <div class="card__body">\n      <div class="card__text">\n    {media}\n'
        '      <h2 class="card__title"><a href="{url}">{title}</a></h2>\n{why}{summary}      </div>\n'
        '      <p class="meta">\n        {source}{via}\n'
        '        <span aria-hidden="true">·</span>\n'
        '        <time datetime="{iso}" title="{full}">{ago}</time>\n      </p>\n    </div>\n  </article>\n</li>\n',
        media=_media(item, url), url=url, title=item.title, why=_why(item.reasons), summary=_summary(item.summary),
        source=_source(item), via=_via(item.copies),
        iso=_local(item.published_at).isoformat(), full=_full_date(_local(item.published_at)),
        ago=naturaltime(item.published_at),
    )


def _local(moment):
    return localtime(moment) if is_aware(moment) else moment


def _full_date(moment) -> str:
    """As the date filter writes "j M Y, H:i e" (2 Dec 2026, 02:46 UTC), at a tenth of its cost."""
    return f"{moment.day} {MONTHS_3[moment.month].title()} {moment.year}, {moment:%H:%M} {moment.tzname() or ''}".rstrip()


def _source(item) -> str:
    """Who the article is from: its publisher, or for a contributor's post the contributor and label."""
    ref = item.contributor_ref
    if ref is None:
        return format_html('<a class="meta__publisher" href="{}">{}</a>', _publisher_url(item.publisher.slug),
                           item.publisher.name)
    return format_html('<a class="meta__publisher meta__contributor" href="{}">{}</a>'
                       ' <span class="meta__label">{}</span>', ref.url, ref.name, ref.kind_line)


def _media(item, url: str) -> str:
    image = next(iter(item.images.all()), None)  # prefetched by the lists
    if image is None or not image.source_url:
        return ""
    return format_html(
        '<a class="card__media" href="{}" tabindex="-1" aria-hidden="true">\n'
        '      <img src="{}" alt="" loading="lazy" decoding="async" width="320" height="213">\n    </a>',
        url, image_url(image.source_url, CARD_IMAGE_WIDTH))


def _why(reasons) -> str:
    if not reasons:
        return ""
    return format_html('      <p class="card__why">{}</p>\n', format_html_join(" · ", "{}", ((r,) for r in reasons)))


def _summary(summary: str) -> str:
    return format_html('      <p class="card__summary">{}</p>\n', truncatewords(summary, 32)) if summary else ""


def _via(copies) -> str:
    if not copies:
        return ""
    others = len(copies) - 1
    more = format_html(" and {} other{}", others, "" if others == 1 else "s") if others else ""
    return format_html('<span class="meta__via">, via {}{}</span>', copies[0].publisher.name, more)


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
