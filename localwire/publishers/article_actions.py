"""What a manager does with the publisher's articles, for the portal's Articles tab and its API.

Each action works on an article of the managed publisher only (another publisher's article is
"not found", as the portal is to strangers) and is logged through ``audit.log_action``. The work
itself is elsewhere: ``takedown.take_down`` and ``pipeline.refetch.refetch``.
"""

from __future__ import annotations

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from localwire.articles.models import Article, TakenDown
from localwire.metrics.models import ArticleViewDay
from localwire.pipeline.refetch import Refetched, RefetchFailed, refetch
from localwire.publishers.audit import log_action
from localwire.publishers.takedown import TakedownRefused, take_down

__all__ = ["RefetchFailed", "TakedownRefused", "articles_of", "publisher_article", "refetch_article",
           "take_down_article", "taken_down_of"]

MAX_FILTER = 200  # characters of a title filter worth reading


def publisher_article(publisher, article_id) -> Article:
    """The publisher's article with this id; Http404 for any other (or none)."""
    article = Article.objects.select_related("publisher").filter(pk=article_id, publisher=publisher).first()
    if article is None:
        raise Http404("No article of this publisher has that id.")
    return article


def articles_of(publisher, title: str = ""):
    """The publisher's articles newest first, each with its counted ``views``, optionally those whose
    title holds ``title``; bodies deferred, as a list never shows them."""
    views = (ArticleViewDay.objects.filter(article=OuterRef("pk")).values("article")
             .annotate(total=Sum("views")).values("total"))
    qs = (Article.objects.filter(publisher=publisher).defer("text", "html")
          .annotate(views=Coalesce(Subquery(views, output_field=IntegerField()), 0))
          .order_by("-published_at", "-pk"))
    title = (title or "").strip()[:MAX_FILTER]
    return qs.filter(title__icontains=title) if title else qs


def taken_down_of(publisher, limit: int = 100) -> list[TakenDown]:
    return list(TakenDown.objects.filter(publisher=publisher).defer("text")[:limit])


def take_down_article(publisher, article_id, user, reason: str) -> TakenDown:
    """Logged by ``take_down`` itself (``article.takedown``), so an operator's shell call is logged too."""
    return take_down(publisher_article(publisher, article_id), user, reason)


def refetch_article(publisher, article_id, user, note: str = "") -> Refetched:
    """Re-fetch one article; a page that cannot be read is logged too (``article.refetch_failed``)
    and raised as ``RefetchFailed``, so a manager's repeated failures are on the record."""
    article = publisher_article(publisher, article_id)
    try:
        done = refetch(article, note=note)
    except RefetchFailed as exc:
        log_action(publisher, user, "article.refetch_failed", article_id=article.pk, reason=str(exc))
        raise
    log_action(publisher, user, "article.refetch", article_id=article.pk, changed=done.changed,
               note=article.correction_note if done.changed else "")
    return done
