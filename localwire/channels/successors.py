"""Where a channel's articles went when a new analyser version renamed, split or retyped it.

Re-analysis replaces an article's links. A link it drops whose name lives on in a link it adds
("Senate" → "US Senate", organisation "Kicker Luis Alvarado" → person "Luis Alvarado", a city
under a new slug) is counted as a move. Once the old channel has no articles left it is settled:
with one successor it is merged into it (its slug becomes an alias that redirects, followers
follow the successor); with several it stays as a signpost page listing them, and its followers
follow each of them.
"""

from __future__ import annotations

import re

from django.db.models import F

from localwire.channels.actions import merge_channels
from localwire.channels.dependents import carry_split
from localwire.channels.models import ArticleChannel, Channel, ChannelMove

_WORD = re.compile(r"\w+")


def name_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(name))


def same_thing(old: Channel, new: Channel) -> bool:
    """One name holds the other as whole words: 'Senate' and 'US Senate', 'Almaty' and 'Almaty'."""
    if Channel.Kind.TOPIC in (old.kind, new.kind):
        return False  # topics come from a fixed taxonomy; they are never renamed by analysis
    a, b = name_words(old.name), name_words(new.name)
    return bool(a and b) and (a <= b or b <= a)


def note_moves(before: list[Channel], after: list[Channel]) -> set[int]:
    """Count the moves one article's re-analysis made; returns the ids of the channels it left."""
    kept = {c.pk for c in after}
    earlier = {c.pk for c in before}
    removed = [c for c in before if c.pk not in kept]
    added = [c for c in after if c.pk not in earlier]
    sources = set()
    for old in removed:
        for new in added:
            if same_thing(old, new):
                move, created = ChannelMove.objects.get_or_create(source=old, target=new,
                                                                  defaults={"articles": 1})
                if not created:
                    ChannelMove.objects.filter(pk=move.pk).update(articles=F("articles") + 1)
                sources.add(old.pk)
    return sources


def settle(source_ids: set[int]) -> int:
    """Merge or signpost every channel in ``source_ids`` that has no articles left; returns how many."""
    settled = 0
    for source in Channel.objects.filter(pk__in=source_ids):
        if ArticleChannel.objects.filter(channel=source).exists():
            continue  # still in use: the new analyser produces this name too
        targets = successors(source)
        if len(targets) == 1:
            merge_channels(source, targets[0], by="reanalysis")
        elif targets:
            carry_split(source, targets)
        settled += bool(targets)
    return settled


def successors(channel: Channel) -> list[Channel]:
    """The channels an emptied channel's articles went to, most articles first."""
    moves = ChannelMove.objects.filter(source=channel).select_related("target").order_by("-articles", "target__name")
    return [m.target for m in moves]

