"""The search page's results and filter menus, built in Python like the cards (``web/templatetags/
cards.py``, whose escaping and pieces they share): Django's template engine spent over a third of a
search page's time on twenty results and three menus of a few dozen options each."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.safestring import SafeString, mark_safe

from localwire.web.templatetags.cards import _e, _full_date, _local, _source, _via

register = template.Library()


@register.simple_tag
def search_result(result) -> SafeString:
    """One result: its title, the passage around the first match (hits in ``<mark>``), who it is from."""
    item = result.article
    url = _e(item.get_absolute_url())
    moment = _local(item.published_at)
    passage = "".join(f"<mark>{_e(p.text)}</mark>" if p.hit else _e(p.text) for p in result.snippet)
    return mark_safe(
        f'<li class="result">\n  <article>\n'
        f'    <h2 class="result__title"><a href="{url}">{_e(item.title)}</a></h2>\n'
        + (f'    <p class="result__snippet">{passage}</p>\n' if result.snippet else "")
        + f'    <p class="meta">\n      {_source(item)}{_via(item.copies, "also from")}\n'
        '      <span aria-hidden="true">·</span>\n'
        f'      <time datetime="{_e(moment.isoformat())}" title="{_e(_full_date(moment))}">'
        f'{_e(naturaltime(item.published_at))}</time>\n    </p>\n  </article>\n</li>\n')


@register.simple_tag
def options(choices, chosen: str) -> SafeString:
    """``<option>``s for (slug, name) rows, the chosen slug selected."""
    return mark_safe("".join(
        f'\n        <option value="{_e(c["slug"])}"{" selected" if c["slug"] == chosen else ""}>{_e(c["name"])}</option>'
        for c in choices))
