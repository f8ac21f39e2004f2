"""``{% ad_slot %}`` and ``{% ad_between %}``: where a page may show an ad.

They render only a marker (``ads/slots.py``); the ad itself is chosen per request after the page
cache, so a kept page still gets a fresh, counted ad for each reader.

    {% load ad_slots %}
    {% ad_slot "article" article=article %}                       after an article's body
    {% for item in page.object_list %}{% card item %}
      {% ad_between "home" page.object_list forloop.counter %}{% endfor %}   after the 4th and 14th card
    {% ad_between "channel" page.object_list forloop.counter channel=channel %}
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from localwire.ads.slots import Slot, marker

register = template.Library()

AFTER_CARDS = (4, 14)  # a slot after these cards of a list, so ads never crowd the news
AROUND = 3  # the cards on each side whose subjects a slot between cards is chosen by


@register.simple_tag
def ad_slot(placement: str, article=None, channel=None) -> SafeString:
    slot = Slot(placement, article=_pk(article), channel=_pk(channel))
    return mark_safe(marker(slot))  # digits and known words only (slots.marker)


@register.simple_tag
def ad_between(placement: str, items, position: int, channel=None) -> SafeString:
    """A marker after card ``position`` (1-based) when it is a slot's place, else nothing."""
    if position not in AFTER_CARDS:
        return mark_safe("")
    items = list(items)
    if position >= len(items):  # never after the last card: the list ends there
        return mark_safe("")
    if channel is not None:
        return mark_safe(marker(Slot(placement, wrap="li", channel=_pk(channel))))
    near = items[max(0, position - AROUND):position + AROUND]
    ids = tuple(pk for pk in (_pk(item) for item in near) if pk is not None)
    return mark_safe(marker(Slot(placement, wrap="li", ids=ids)))


def _pk(thing) -> int | None:
    if thing is None or thing == "":
        return None
    return int(getattr(thing, "pk", thing))
