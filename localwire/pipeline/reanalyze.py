"""Re-run understanding where the analyser's version changed (or for everything asked for)."""

from __future__ import annotations

from datetime import datetime

from localwire.articles.models import Article
from localwire.channels.store import store_analysis

BATCH = 32


def stale_article_ids(since: datetime | None = None, everything: bool = False) -> list[int]:
    from localwire.nlp.analyze import ANALYZER_VERSION

    qs = Article.objects.all() if everything else Article.objects.exclude(analysis_version=ANALYZER_VERSION)
    if since is not None:
        qs = qs.filter(published_at__gte=since)
    return list(qs.order_by("-published_at").values_list("pk", flat=True))


def reanalyze(ids: list[int], progress=None) -> int:
    from localwire.nlp.analyze import ArticleInput, analyze_batch

    done = 0
    for start in range(0, len(ids), BATCH):
        articles = list(Article.objects.filter(pk__in=ids[start:start + BATCH]).select_related("publisher"))
        inputs = [ArticleInput(title=a.title, text=a.text, url=a.url, publisher=a.publisher.name,
                               authors=tuple(a.authors), agency=a.agency, language=a.language) for a in articles]
        for article, analysis in zip(articles, analyze_batch(inputs)):
            store_analysis(article, analysis)
        done += len(articles)
        if progress:
            progress("articles", done, len(ids))
    return done
