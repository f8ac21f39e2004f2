"""The article page's blocks read from what was stored (``stories.blocks``): the ids they hold are
read in one query for articles and one for channels, whatever the page shows."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects

from localwire.articles.bylines import attach_bylines
from localwire.articles.models import Article, Image
from localwire.caching.results import cached_many, cached_result
from localwire.channels.models import Channel
from localwire.channels.queries import KEPT_SECONDS
from localwire.contributors.queries import posts_by
from localwire.stories.blocks import article_page_blocks, story_page_blocks
from localwire.stories.queries import BODY, attach_copies

COVERAGE_SHOWN = 5  # "More coverage of this story", newest first
RELATED_SHOWN = 8  # coverage and related stories together, as ``related_articles`` counts them
MORE_SHOWN = 5
MORE_KEPT_SECONDS = 60
ALSO_LIKE_SHOWN = 6

# Not the group's original article: a third of the query's columns, for the few pages that are copies
# (``original_of`` reads it for those alone).
ARTICLE = ("publisher", "syndication__group", "story_membership__story__page_blocks", "page_blocks")


def article_for_page(pk: int) -> Article | None:
    """The article with everything its page reads beside it, stored blocks included, in one query."""
    found = list(Article.objects.select_related(*ARTICLE).filter(pk=pk).order_by()[:1])  # no ordering to build
    return found[0] if found else None


def original_of(item: Article) -> Article | None:
    """The original a syndicated copy was folded under, with its publisher; None for the original itself."""
    group = getattr(getattr(item, "syndication", None), "group", None)
    if group is None or group.original_id in (None, item.pk):
        return None
    return Article.objects.select_related("publisher").defer(*BODY).filter(pk=group.original_id).first()


def article_blocks_context(item: Article, known: set[int]) -> dict:
    """``coverage``, ``related``, ``more`` and ``blocks`` (channel chips) for the article template;
    ``item`` gets its bylines, copies and images on the way. ``known``: channels the reader follows
    or muted, which "You may also like" leaves out."""
    data = article_page_blocks(item)
    attach_bylines([item])  # whose "More from" it is
    coverage = _coverage(item)
    groups = {group for _, group, _ in coverage} | {_group_of(item)}
    related = [entry for entry in data.get("related", []) if entry[1] is None or entry[1] not in groups]
    related = [entry for entry in related if entry[0] not in {pk for pk, _, _ in coverage}]
    related = related[:max(0, RELATED_SHOWN - len(coverage))]
    more = _more_ids(item)
    loaded = (Article.objects.filter(pk__in=[e[0] for e in coverage] + [e[0] for e in related] + more)
              .select_related("publisher", "syndication").defer(*BODY).order_by().in_bulk())
    more_items = [loaded[pk] for pk in more if pk in loaded]
    prefetch_related_objects([item, *more_items], Prefetch("images", queryset=Image.objects.order_by("position", "id")))
    attach_bylines(loaded.values())
    attach_copies([item, *more_items])
    return {"coverage": _labelled(loaded, coverage, None), "related": _labelled(loaded, related, 2),
            "more": more_items, "blocks": _chips(data, known)}


def _group_of(item: Article):
    syndication = getattr(item, "syndication", None)
    return syndication.group_id if syndication is not None else None


def _coverage(item: Article) -> list[tuple[int, int | None, str]]:
    """(id, group, topic label) of other outlets' coverage of the article's story, newest first,
    never the article or a copy of it."""
    membership = getattr(item, "story_membership", None)
    if membership is None:
        return []
    own = _group_of(item)
    entries = story_page_blocks(membership.story, current=False).get("coverage", [])
    others = [(pk, group, label) for pk, group, label in reversed(entries)
              if pk != item.pk and (own is None or group != own)]
    return others[:COVERAGE_SHOWN]


def _more_ids(item: Article) -> list[int]:
    """A contributor's other posts under their post, not every contributor's; else the publisher's:
    the newest few of each kept a minute (as long as a kept page), one more than shown for this one."""
    ref = item.contributor_ref
    key = f"lw:web:more:c:{ref.slug}" if ref is not None else f"lw:web:more:p:{item.publisher_id}"
    others = Article.objects.filter(publisher_id=item.publisher_id) if ref is None else posts_by(ref)
    newest = cached_result(key, MORE_KEPT_SECONDS, lambda: list(others.values_list("pk", flat=True)[:MORE_SHOWN + 1]))
    return [pk for pk in newest if pk != item.pk][:MORE_SHOWN]


def _labelled(loaded: dict, entries: list, reason_at: int | None) -> list[Article]:
    """The entries' articles that still exist, each with ``topic_label`` and ``related_reason``."""
    found = []
    for entry in entries:
        article = loaded.get(entry[0])
        if article is not None:
            article.topic_label = entry[-1]
            article.related_reason = entry[reason_at] if reason_at is not None else ""
            found.append(article)
    return found


def _chips(data: dict, known: set[int]) -> dict:
    also_like = [cid for cid in data.get("also_like", []) if cid not in known][:ALSO_LIKE_SHOWN]
    names = ("people", "places", "tags")
    ids = {cid for name in names for cid in data.get(name, [])} | set(also_like)
    if data.get("topic"):
        ids.add(data["topic"])
    channels = channel_rows(ids)
    return {"topic": channels.get(data.get("topic")),
            **{name: [channels[cid] for cid in data.get(name, []) if cid in channels] for name in names},
            "also_like": [channels[cid] for cid in also_like if cid in channels]}


def channel_rows(ids) -> dict[int, Channel]:
    """The chips' channels by id, each kept the few minutes channels are (``KEPT_SECONDS``): names
    and addresses change by an operator's hand, rarely, and an article page saves a query."""
    return cached_many("lw:channel", ids, KEPT_SECONDS, lambda missing: Channel.objects.order_by().in_bulk(missing))


def story_context(story) -> dict:
    """The story page's coverage (copies folded under their original, each naming its copies),
    timeline, people and places from the story's stored blocks, rebuilt first if the story changed."""
    data = story_page_blocks(story)
    ids = [pk for pk, _, _ in data.get("coverage", [])]
    loaded = (Article.objects.filter(pk__in=ids).select_related("publisher", "syndication").defer(*BODY)
              .order_by().in_bulk())
    articles = attach_bylines(attach_copies([loaded[pk] for pk in ids if pk in loaded]))
    live = {a.pk for a in articles}
    timeline = [(quantity, [point for point in points if point["article_id"] in live])
                for quantity, points in data.get("timeline", [])]
    channels = channel_rows(data.get("people", []) + data.get("places", []))
    return {"articles": articles, "timeline": [(quantity, points) for quantity, points in timeline if points],
            **{name: [channels[cid] for cid in data.get(name, []) if cid in channels] for name in ("people", "places")}}
